from django.urls import path

from . import views

app_name = "votes"
urlpatterns = [
    path("posts/<int:post_id>/vote/", views.vote, name="vote"),
]

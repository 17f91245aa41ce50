from django.urls import path

from . import views

app_name = "posts"
urlpatterns = [
    path("posts/<int:post_id>/revisions/", views.revisions, name="revisions"),
]

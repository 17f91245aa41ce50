from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("posts/<int:post_id>/comment/", views.create, name="create"),
    path("comments/<int:post_id>/edit/", views.edit, name="edit"),
]

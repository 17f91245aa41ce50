from django.urls import path

from . import views

app_name = "answers"
urlpatterns = [
    path("questions/<int:post_id>/answer/", views.create, name="create"),
    path("answers/<int:post_id>/edit/", views.edit, name="edit"),
    path("answers/<int:post_id>/accept/", views.accept, name="accept"),
]

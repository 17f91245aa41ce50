from django.urls import path

from . import views

app_name = "answers"
urlpatterns = [
    path("questions/<int:question_id>/answer/", views.create, name="create"),
    path("answers/<int:answer_id>/edit/", views.edit, name="edit"),
    path("answers/<int:answer_id>/accept/", views.accept, name="accept"),
]

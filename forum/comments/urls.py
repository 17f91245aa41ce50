from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path(
        "questions/<int:question_id>/comment/", views.create_on_question, name="create_on_question"
    ),
    path("answers/<int:answer_id>/comment/", views.create_on_answer, name="create_on_answer"),
    path("comments/<int:comment_id>/edit/", views.edit, name="edit"),
]

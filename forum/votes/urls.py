from django.urls import path

from . import views

app_name = "votes"
urlpatterns = [
    path("questions/<int:question_id>/vote/", views.vote_on_question, name="question"),
    path("answers/<int:answer_id>/vote/", views.vote_on_answer, name="answer"),
]

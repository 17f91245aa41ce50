from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "forum.questions"
    label = "questions"

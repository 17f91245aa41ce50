from django.apps import AppConfig

from forum.posts.kinds import Kind, register_pages


class QuestionsConfig(AppConfig):
    name = "forum.questions"
    label = "questions"

    def ready(self):
        # The kind's pages, served here (forum/posts/kinds.py).
        register_pages(Kind.QUESTION, edit="questions:edit")

from django.apps import AppConfig

from forum.posts.kinds import Kind, register_pages


class AnswersConfig(AppConfig):
    name = "forum.answers"
    label = "answers"

    def ready(self):
        # The kind's pages, served here (forum/posts/kinds.py).
        register_pages(Kind.ANSWER, edit="answers:edit")

from django.apps import AppConfig

from forum.posts.kinds import Kind, register_pages


class CommentsConfig(AppConfig):
    name = "forum.comments"
    label = "comments"

    def ready(self):
        # The kind's pages, served here (forum/posts/kinds.py).
        register_pages(Kind.COMMENT, edit="comments:edit")

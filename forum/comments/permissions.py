"""Who may comment where."""

from forum.accounts.permissions import can_post
from forum.posts.models import Kind, Post


def can_comment_on(user, post: Post) -> bool:
    """Comments go under visible questions and answers, not under other comments."""
    return can_post(user) and post.kind != Kind.COMMENT and post.is_visible

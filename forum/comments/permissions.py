"""Who may do what to a comment."""

from forum.core.permissions import can_edit_post, can_post

from .models import Comment


def can_comment_on(user, post) -> bool:
    return can_post(user) and post.is_visible


def can_edit_comment(user, comment: Comment) -> bool:
    return can_edit_post(user, comment)

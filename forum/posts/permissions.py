"""Rules every kind of post shares; each kind's app builds its own on these."""

from forum.accounts.permissions import can_moderate, can_post

from .models import Post


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own posts (while they may post); moderators edit any."""
    if can_moderate(user):
        return True
    return can_post(user) and post.author_id == user.pk

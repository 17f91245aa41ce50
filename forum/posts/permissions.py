"""Rules every kind of post shares; each kind's app builds its own on these."""

from forum.accounts.permissions import can_moderate, can_post

from .models import Post, Status


def can_edit_post(user, post: Post) -> bool:
    """Authors edit their own visible or held posts (while they may post, and the thread is
    not locked); moderators edit any.

    A post hidden as spam or by a moderator stays as it was decided on; its author appeals.
    """
    if can_moderate(user):
        return True
    return (
        can_post(user)
        and post.author_id == user.pk
        and post.status in (Status.VISIBLE, Status.HELD)
        and not (post.thread or post).is_locked
    )

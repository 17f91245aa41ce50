"""Rules every kind of post shares; each app's permissions module builds on these."""

from forum.moderation.permissions import can_moderate


def can_post(user) -> bool:
    return user.is_authenticated and user.is_active and not user.is_suspended


def can_edit_post(user, post) -> bool:
    """Authors edit their own posts (while not suspended); moderators edit any."""
    if can_moderate(user):
        return True
    return can_post(user) and post.author_id == user.pk

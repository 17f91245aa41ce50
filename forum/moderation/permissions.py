"""Who may flag. Who moderates is decided in `forum.accounts.permissions`."""

from forum.accounts.permissions import can_post
from forum.posts.models import Post


def can_flag_post(user, post: Post) -> bool:
    return can_post(user) and post.author_id != user.pk and post.is_visible


def can_appeal_post(user, post: Post) -> bool:
    """Authors appeal for their own held or hidden posts (the service refuses a second one)."""
    return user.is_authenticated and post.author_id == user.pk and not post.is_visible

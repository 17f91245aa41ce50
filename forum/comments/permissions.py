"""Who may comment where."""

from forum.accounts.permissions import can_moderate, can_post
from forum.posts.models import Post


def can_comment_on(user, post: Post) -> bool:
    """Comments go under visible questions and answers, not under other comments, and only
    moderators comment in a locked thread."""
    return (
        can_post(user)
        and post.rules.commentable
        and post.is_visible
        and (not (post.thread or post).is_locked or can_moderate(user))
    )

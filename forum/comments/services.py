"""Writes: commenting. Comments are screened by the moderation intake."""

from forum.moderation.intake import submit_post
from forum.posts.models import Kind, Post
from forum.posts.selectors import PostRef

from .permissions import can_comment_on


def post_comment(*, author, parent: Post | PostRef, body: str, ip: str = "") -> Post:
    """Comment on a question or an answer (read, or named by a `PostRef` the intake reads);
    the intake decides who sees it."""
    return submit_post(
        author=author, kind=Kind.COMMENT, parent=parent, body=body, ip=ip, allowed=can_comment_on
    )

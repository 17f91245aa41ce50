"""Writes: commenting and editing a comment."""

from django.db import transaction

from forum.core.services import apply_edit
from forum.moderation.services import rescreen_edited_reply, submit_reply

from .models import Comment


def post_comment(*, author, question, answer=None, body: str) -> Comment:
    """Comment on a question, or on `answer` when given; moderation decides who sees it."""
    comment = Comment(author=author, question=question, answer=answer)
    comment.set_body(body)
    return submit_reply(comment)


@transaction.atomic
def edit_comment(*, editor, comment: Comment, body: str) -> Comment:
    """Change a comment, keeping the previous version as a revision."""
    apply_edit(post=comment, editor=editor, body=body)
    rescreen_edited_reply(comment)
    return comment

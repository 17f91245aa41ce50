"""Writes: answering and accepting. Answers are screened by the moderation intake."""

from django.db import transaction

from forum.core import pagecache
from forum.moderation.intake import submit_post
from forum.posts.models import Kind, Post


def post_answer(*, author, question: Post, body: str) -> Post:
    """Answer a question; the intake decides whether readers see it yet."""
    return submit_post(author=author, kind=Kind.ANSWER, parent=question, body=body)


@transaction.atomic
def accept_answer(*, answer: Post) -> None:
    """Mark the answer as the asker's accepted one, replacing any earlier choice."""
    Post.objects.filter(pk=answer.thread_id).update(accepted_answer=answer)
    pagecache.thread_changed(answer.thread_id)


@transaction.atomic
def unaccept_answer(*, answer: Post) -> None:
    Post.objects.filter(pk=answer.thread_id, accepted_answer=answer).update(accepted_answer=None)
    pagecache.thread_changed(answer.thread_id)

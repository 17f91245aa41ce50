"""Writes: answering and accepting. Answers are screened by the moderation intake."""

from django.db import transaction

from forum.moderation.intake import submit_post
from forum.notifications.services import notify_accepted
from forum.posts.models import Kind, Post


def post_answer(*, author, question: Post, body: str) -> Post:
    """Answer a question; the intake decides whether readers see it yet."""
    return submit_post(author=author, kind=Kind.ANSWER, parent=question, body=body)


@transaction.atomic
def accept_answer(*, answer: Post, by) -> None:
    """Mark the answer as the asker's accepted one, replacing any earlier choice, and tell
    its author (once: accepting the accepted answer again changes nothing)."""
    question = Post.objects.select_for_update(no_key=True).get(pk=answer.thread_id)
    if question.accepted_answer_id == answer.pk:
        return
    Post.objects.filter(pk=question.pk).update(accepted_answer=answer)
    notify_accepted(answer, by=by)


@transaction.atomic
def unaccept_answer(*, answer: Post) -> None:
    Post.objects.filter(pk=answer.thread_id, accepted_answer=answer).update(accepted_answer=None)

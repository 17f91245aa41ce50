"""Writes: answering and accepting. Answers are screened by the moderation intake."""

from django.db import transaction

from forum.accounts.models import User
from forum.moderation.intake import submit_post
from forum.notifications.services import notify_accepted
from forum.posts import writes
from forum.posts.models import Kind, Post, PostNoLongerAllowed
from forum.posts.selectors import PostRef

from .permissions import can_accept_answer, can_answer_question


def post_answer(*, author, parent: Post | PostRef, body: str, ip: str = "") -> Post:
    """Answer the question `parent` (read, or named by a `PostRef` the intake reads); the
    intake decides whether readers see it yet."""
    return submit_post(
        author=author,
        kind=Kind.ANSWER,
        parent=parent,
        body=body,
        ip=ip,
        allowed=can_answer_question,
    )


def _credit_accept(question: Post, answer: Post, *, times: int) -> None:
    """Reputation for an accepted answer (and a little for the asker who accepts it); a
    self-answer earns nothing. `times` is 1 to credit, -1 to take back."""
    if answer.author_id == question.author_id:
        return
    writes.change_author_reputation(answer.author_id, "answer_accepted", times=times)
    writes.change_author_reputation(question.author_id, "accepted_an_answer", times=times)


@transaction.atomic
def accept_answer(*, answer: Post, by) -> None:
    """Mark the answer as the asker's accepted one, replacing any earlier choice; move the
    reputation that goes with it and tell its author. The question is locked so two clicks
    cannot both credit; accepting the accepted answer again changes nothing."""
    question = writes.lock(answer.thread_id)
    # Checked again under the question's lock: hiding the answer moves the question's
    # answer count, so it waits for this lock, and a suspension is read as committed.
    current = Post.objects.get(pk=answer.pk)
    current.thread = question
    if not can_accept_answer(User.objects.get(pk=by.pk), current):
        raise PostNoLongerAllowed(
            "This answer can no longer be accepted: it, the question or your account changed "
            "while you were deciding."
        )
    if question.accepted_answer_id == answer.pk:
        return
    if question.accepted_answer_id is not None:
        previous = Post.objects.only("author_id").get(pk=question.accepted_answer_id)
        _credit_accept(question, previous, times=-1)
    writes.update(question, accepted_answer=answer)
    _credit_accept(question, answer, times=1)
    notify_accepted(answer, by=by)


@transaction.atomic
def unaccept_answer(*, answer: Post) -> None:
    """Take back the acceptance (and its reputation) if this answer holds it."""
    question = writes.lock(answer.thread_id)
    if question.accepted_answer_id != answer.pk:
        return
    writes.update(question, accepted_answer=None)
    _credit_accept(question, answer, times=-1)

"""Writes: answering, editing an answer, accepting one."""

from django.db import transaction

from forum.core.services import apply_edit
from forum.moderation.services import rescreen_edited_reply, submit_reply
from forum.questions.models import Question
from forum.questions.services import record_activity

from .models import Answer


def post_answer(*, author, question: Question, body: str) -> Answer:
    """Answer a question; the moderation entry point decides whether readers see it yet."""
    answer = Answer(author=author, question=question)
    answer.set_body(body)
    return submit_reply(answer)


@transaction.atomic
def edit_answer(*, editor, answer: Answer, body: str) -> Answer:
    """Change an answer, keeping the previous version as a revision."""
    apply_edit(post=answer, editor=editor, body=body)
    rescreen_edited_reply(answer)
    record_activity(answer.question)
    return answer


@transaction.atomic
def accept_answer(*, answer: Answer) -> None:
    """Mark the answer as the asker's accepted one, replacing any earlier choice."""
    Question.objects.filter(pk=answer.question_id).update(accepted_answer=answer)


@transaction.atomic
def unaccept_answer(*, answer: Answer) -> None:
    Question.objects.filter(pk=answer.question_id, accepted_answer=answer).update(
        accepted_answer=None
    )

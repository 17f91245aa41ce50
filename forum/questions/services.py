"""Writes: asking and editing questions, and the activity they cause."""

from django.db import transaction
from django.utils import timezone

from forum.core.services import record_revision

from .models import Question, Tag


def set_tags(question: Question, tag_names: list[str]) -> None:
    tags = [Tag.objects.get_or_create(name=name)[0] for name in tag_names]
    question.tags.set(tags)


@transaction.atomic
def ask_question(*, author, title: str, body: str, tag_names: list[str]) -> Question:
    """Publish a new question."""
    now = timezone.now()
    question = Question(author=author, title=title, created_at=now, last_activity_at=now)
    question.set_body(body)
    question.save()
    set_tags(question, tag_names)
    return question


@transaction.atomic
def edit_question(
    *, editor, question: Question, title: str, body: str, tag_names: list[str]
) -> Question:
    """Change a question, keeping the previous version as a revision."""
    record_revision(post=question, editor=editor, title=question.title)
    now = timezone.now()
    question.title = title
    question.set_body(body)
    question.edited_at = now
    question.last_activity_at = now
    question.save()
    set_tags(question, tag_names)
    return question


def record_activity(question: Question, *, at=None) -> None:
    """Bump the question in the Active list and recount its visible answers."""
    Question.objects.filter(pk=question.pk).update(
        last_activity_at=at or timezone.now(),
        answer_count=question.answers.visible().count(),
    )


def recount_answers(question: Question) -> None:
    Question.objects.filter(pk=question.pk).update(answer_count=question.answers.visible().count())

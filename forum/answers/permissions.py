"""Who may do what to an answer."""

from forum.core.permissions import can_edit_post

from .models import Answer


def can_edit_answer(user, answer: Answer) -> bool:
    return can_edit_post(user, answer)


def can_accept_answer(user, answer: Answer) -> bool:
    """Only the asker accepts, and only an answer readers can see."""
    return (
        user.is_authenticated
        and answer.question.author_id == user.pk
        and answer.is_visible
        and answer.question.is_visible
    )

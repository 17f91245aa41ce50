"""Who may do what to a question."""

from forum.core.permissions import can_edit_post, can_post

from .models import Question


def can_ask_question(user) -> bool:
    return can_post(user)


def can_edit_question(user, question: Question) -> bool:
    return can_edit_post(user, question)


def can_answer_question(user, question: Question) -> bool:
    return can_post(user) and question.is_visible

"""Who may answer, and who may accept an answer."""

from forum.accounts.permissions import can_post
from forum.posts.models import Kind, Post


def can_answer_question(user, question: Post) -> bool:
    return can_post(user) and question.is_visible


def can_accept_answer(user, answer: Post) -> bool:
    """Only the asker accepts (while they may post), and only an answer readers can see."""
    return (
        can_post(user)
        and answer.kind == Kind.ANSWER
        and answer.thread.author_id == user.pk
        and answer.is_visible
        and answer.thread.is_visible
    )

"""Who may answer, and who may accept an answer."""

from forum.accounts.permissions import can_moderate, can_post
from forum.posts.models import Post


def can_answer_question(user, question: Post) -> bool:
    """Members answer visible questions that are neither closed nor locked; moderators may
    answer a locked one (to explain the lock), nobody a closed one (reopen it first)."""
    return (
        can_post(user)
        and question.is_visible
        and not question.is_closed
        and (not question.is_locked or can_moderate(user))
    )


def can_accept_answer(user, answer: Post) -> bool:
    """Only the asker accepts (while they may post), and only an answer readers can see."""
    return (
        can_post(user)
        and answer.rules.acceptable
        and answer.thread.author_id == user.pk
        and answer.is_visible
        and answer.thread.is_visible
        and not answer.thread.is_locked
    )

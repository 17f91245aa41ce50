"""Closing, locking and reopening questions: moderators' decisions on a whole thread.

Closed questions take no new answers (comments, votes and edits go on, so the question can be
improved and reopened); locked ones take no answers, comments, votes or edits from members.
Each change locks the question's row, is logged with its reason and told to the asker, and
each has its reverse (reopen, unlock).
"""

from django.db import transaction
from django.utils import timezone

from forum.accounts.models import User
from forum.notifications.services import notify_moderation
from forum.posts import writes
from forum.posts.models import Post

from .decisions import ActionRefused
from .models import AuditLogEntry

Action = AuditLogEntry.Action


def _locked_question(question: Post) -> Post:
    return writes.lock(question.pk)


@transaction.atomic
def close_question(
    *, moderator: User, question: Post, reason: str, duplicate_of: Post | None = None
) -> AuditLogEntry:
    """Close a question (as a duplicate of `duplicate_of`, when given) so it takes no new
    answers; the reason is shown on the page and sent to the asker."""
    locked = _locked_question(question)
    if locked.is_closed:
        raise ActionRefused("This question is already closed.")
    if duplicate_of is not None:
        if duplicate_of.pk == locked.pk:
            raise ActionRefused("A question cannot be a duplicate of itself.")
        if not duplicate_of.rules.starts_thread or not duplicate_of.is_visible:
            raise ActionRefused("The original must be a question readers can see.")
        if duplicate_of.duplicate_of_id == locked.pk:
            raise ActionRefused("That question is already closed as a duplicate of this one.")
        reason = reason or f"Duplicate of “{duplicate_of.title}”"
    writes.update(
        locked, closed_at=timezone.now(), close_reason=reason[:300], duplicate_of=duplicate_of
    )
    where = f" as a duplicate of “{duplicate_of.title}”" if duplicate_of else ""
    notify_moderation(
        locked,
        moderator=moderator,
        message=f"Your question was closed{where}, so it takes no new answers: {reason}",
    )
    return AuditLogEntry.note(locked, actor=moderator, action=Action.CLOSED, reason=reason)


def reopen_question(*, moderator: User, question: Post, reason: str = "") -> AuditLogEntry:
    """Let a closed question take answers again."""
    return _lift("reopen", moderator=moderator, question=question, reason=reason)


@transaction.atomic
def lock_question(*, moderator: User, question: Post, reason: str) -> AuditLogEntry:
    """Freeze a thread: members may no longer answer, comment, vote or edit in it."""
    locked = _locked_question(question)
    if locked.is_locked:
        raise ActionRefused("This question is already locked.")
    writes.update(locked, locked_at=timezone.now(), lock_reason=reason[:300])
    notify_moderation(
        locked, moderator=moderator, message=f"Your question was locked by a moderator: {reason}"
    )
    return AuditLogEntry.note(locked, actor=moderator, action=Action.LOCKED, reason=reason)


def unlock_question(*, moderator: User, question: Post, reason: str = "") -> AuditLogEntry:
    """Lift a lock."""
    return _lift("unlock", moderator=moderator, question=question, reason=reason)


# How each state is lifted: the flag that must be set, its name, the columns cleared, the
# audit action, the column holding why it was set, and what the asker is told.
LIFTS = {
    "reopen": (
        "is_closed",
        "closed",
        {"closed_at": None, "close_reason": "", "duplicate_of": None},
        Action.REOPENED,
        "close_reason",
        "Your question was reopened and takes answers again.",
    ),
    "unlock": (
        "is_locked",
        "locked",
        {"locked_at": None, "lock_reason": ""},
        Action.UNLOCKED,
        "lock_reason",
        "Your question was unlocked.",
    ),
}


@transaction.atomic
def _lift(lift: str, *, moderator: User, question: Post, reason: str) -> AuditLogEntry:
    is_set, word, cleared, action, why, message = LIFTS[lift]
    locked = _locked_question(question)
    if not getattr(locked, is_set):
        raise ActionRefused(f"This question is not {word}.")
    was = getattr(locked, why)
    writes.update(locked, **cleared)
    notify_moderation(locked, moderator=moderator, message=message)
    reason = reason or f"Was {word}: {was}"
    return AuditLogEntry.note(locked, actor=moderator, action=action, reason=reason)

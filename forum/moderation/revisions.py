"""Redacting an earlier version of a post (a phone number, an insult) and lifting the
redaction: the text is kept, only readers stop seeing it, and the audit log says who and why."""

from django.db import transaction
from django.utils import timezone

from forum.accounts.models import User
from forum.posts import writes
from forum.posts.models import Revision

from .models import AuditLogEntry

Action = AuditLogEntry.Action


@transaction.atomic
def redact_revision(*, moderator: User, revision: Revision, reason: str = "") -> bool:
    """Hide an earlier version of a post from everyone but moderators; the text is kept and
    the audit log says who and why. False when it was already redacted."""
    done = writes.set_redacted(revision, at=timezone.now())
    if done:
        _log_revision(revision, moderator=moderator, action=Action.REDACTED, reason=reason)
    return done


@transaction.atomic
def unredact_revision(*, moderator: User, revision: Revision, reason: str = "") -> bool:
    """Undo `redact_revision`; False when the version was not redacted."""
    done = writes.set_redacted(revision, at=None)
    if done:
        _log_revision(revision, moderator=moderator, action=Action.UNREDACTED, reason=reason)
    return done


def _log_revision(revision: Revision, *, moderator: User, action: str, reason: str) -> None:
    post = revision.post
    AuditLogEntry.objects.create(
        actor=moderator,
        action=action,
        post=post,
        post_revision=revision.number,
        member_id=post.author_id,
        status_before=post.status,
        status_after=post.status,
        reason=reason or f"Version {revision.number}",
    )

"""Moderators' words to a member: private warnings. (Suspensions are in services.py.)"""

from django.db import transaction

from forum.accounts.models import User
from forum.notifications.models import Notification
from forum.notifications.services import notify_member

from .models import AuditLogEntry
from .permissions import can_warn_member
from .services import ActionRefused


@transaction.atomic
def warn_member(*, moderator: User, member: User, message: str) -> AuditLogEntry:
    """Send a member a private warning to their inbox, and log it (the log keeps the words,
    so other moderators see what the member was told)."""
    if not can_warn_member(moderator, member):
        raise ActionRefused(f"You cannot warn {member}.")
    notify_member(
        member=member, moderator=moderator, kind=Notification.Kind.WARNING, message=message
    )
    return AuditLogEntry.objects.create(
        actor=moderator, action=AuditLogEntry.Action.WARNED, member=member, reason=message[:300]
    )

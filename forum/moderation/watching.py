"""Moderators' changes to the watch list, each written to the audit log with it.

The list, how it matches and its cache are the watchlist app's (`forum/watchlist/`); the
intake applies it to posts. The audit log is moderation's, so the audited action is here.
"""

from django.db import transaction

from forum.accounts.models import User
from forum.watchlist import services
from forum.watchlist.models import WatchedPattern

from .models import AuditLogEntry

Action = AuditLogEntry.Action


@transaction.atomic
def watch_pattern(
    *, moderator: User, kind: str, pattern: str, action: str, note: str = ""
) -> WatchedPattern:
    """Start watching for `pattern` (already cleaned by the form), and log it; PatternRefused
    when it is watched already."""
    watched = services.add_pattern(
        created_by=moderator, kind=kind, pattern=pattern, action=action, note=note
    )
    AuditLogEntry.objects.create(
        actor=moderator,
        action=Action.WATCH_ADDED,
        reason=f"{watched}" + (f": {note}" if note else ""),
    )
    return watched


@transaction.atomic
def unwatch_pattern(*, moderator: User, watched: WatchedPattern) -> bool:
    """Stop watching for a pattern, and log it; False when it was already gone."""
    removed = services.remove_pattern(watched)
    if removed:
        AuditLogEntry.objects.create(
            actor=moderator, action=Action.WATCH_REMOVED, reason=str(watched)
        )
    return removed

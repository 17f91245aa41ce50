"""Adding and removing watched patterns: the one place their rows are written, so the cached
list gets a new version whenever they change. A moderator's change, with its audit log
entry, is `forum/moderation/watching.py`."""

import uuid

from django.core.cache import cache
from django.db import IntegrityError, transaction

from forum.accounts.models import User

from .models import WatchedPattern
from .selectors import VERSION_KEY

Kind = WatchedPattern.Kind


def _list_changed() -> None:
    """Give the list a new version now and again when the change commits: a process that
    reloads in between, before the change is visible to it, gets a second reload."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


class PatternRefused(Exception):
    """The pattern was not added; the message says why, for the moderator."""


def add_pattern(
    *, created_by: User, kind: str, pattern: str, action: str, note: str = ""
) -> WatchedPattern:
    """Start watching for `pattern` (already cleaned by `clean_pattern`); PatternRefused when
    it is watched already."""
    try:
        with transaction.atomic():
            watched = WatchedPattern.objects.create(
                kind=kind, pattern=pattern, action=action, note=note, created_by=created_by
            )
    except IntegrityError:
        raise PatternRefused(
            f"“{pattern}” is already watched as a {Kind(kind).label.lower()}; remove it first "
            "to change what it does."
        ) from None
    _list_changed()
    return watched


def remove_pattern(watched: WatchedPattern) -> bool:
    """Stop watching for a pattern; False when it was already gone."""
    deleted, _ = WatchedPattern.objects.filter(pk=watched.pk).delete()
    if deleted:
        _list_changed()
    return bool(deleted)

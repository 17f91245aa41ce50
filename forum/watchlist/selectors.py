"""The watch list as posting reads it, and as its page lists it.

Posting must not pay a query for the list: it is kept in the shared cache under a version
token that every change replaces (services.py), and each process keeps the compiled list of
the version it last saw, so a post costs one cache read. A token, not a counter: a version
that was evicted and recreated can never be mistaken for an older one.
"""

import uuid

from django.core.cache import cache

from .matching import Watchlist
from .models import WatchedPattern

# The keys moderation used before the list was an app: unchanged, so servers running the old
# code and the new during a deploy share one version.
VERSION_KEY = "moderation:watchlist:version"
PATTERNS_TIMEOUT = 86400  # each version's list is reloaded at most once a day once evicted

_compiled: tuple[str, Watchlist] | None = None  # this process's copy: (version, list)


def _version() -> str | None:
    """The list's version token; None when the cache is unreachable."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def get_watchlist() -> Watchlist:
    """The current list: one cache read while it is unchanged, a query once per change."""
    global _compiled
    version = _version()
    if version is None:
        # The cache is unreachable: no version to trust a copy by, so read the table.
        return Watchlist(list(WatchedPattern.objects.values_list("kind", "pattern", "action")))
    if _compiled is not None and _compiled[0] == version:
        return _compiled[1]
    key = f"moderation:watchlist:{version}"
    rows = cache.get(key)
    if rows is None:
        rows = list(WatchedPattern.objects.values_list("kind", "pattern", "action"))
        cache.set(key, rows, timeout=PATTERNS_TIMEOUT)
    watchlist = Watchlist(rows)
    _compiled = (version, watchlist)
    return watchlist


def list_patterns():
    """Every watched pattern with who added it, for the watch list's page."""
    return WatchedPattern.objects.select_related("created_by")

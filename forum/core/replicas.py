"""Reads from a read replica, when there is one (DATABASE_REPLICA_URL adds the `replica` alias).

Which database a query goes to:

- every write, and every read inside a transaction on the primary, goes to the primary;
- in a request that has written, every later read goes to the primary, and so do the same
  member's requests for FORUM_REPLICA_PIN_SECONDS after it (a short-lived cookie): a member
  sees their own post, vote or decision at once, however far the replica is behind;
- pages the page cache will store are rendered from the primary: a page rendered from a
  replica that has not yet replayed the write that moved its version would be kept under the
  new version, stale for everybody until it expires;
- other reads in a request go to the replica, unless it is down or lags by more than
  FORUM_REPLICA_MAX_LAG_SECONDS (checked at most every FORUM_REPLICA_CHECK_SECONDS per
  process); a GET that fails because the replica went away meanwhile is answered again from
  the primary;
- outside a request (commands, jobs) reads go to the primary: they act on what they read.

Without a replica the router routes nothing and the middleware does nothing.
"""

import contextvars
import logging
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import Error, InterfaceError, OperationalError

REPLICA = "replica"
PIN_COOKIE = "forum_primary"
logger = logging.getLogger("forum.replicas")


@dataclass
class _Request:
    """What the router knows about the request being served."""

    pinned: bool = False  # reads go to the primary
    wrote: bool = False  # the member gets the pin cookie
    used_replica: bool = False  # a failed query may have been the replica's
    replica_failed: bool = False  # it was: a GET is answered again from the primary


_request: contextvars.ContextVar[_Request | None] = contextvars.ContextVar(
    "forum_replica_request", default=None
)


def enabled() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from_primary():
    """Route this request's reads inside the block to the primary (without pinning the member)."""
    state = _request.get()
    if state is None or state.pinned:
        yield
        return
    state.pinned = True
    try:
        yield
    finally:
        state.pinned = False


# --- Is the replica fit to read from? -------------------------------------------------------

_health_lock = threading.Lock()
_health = {"checked_at": float("-inf"), "fit": False}


def replica_fit() -> bool:
    """Whether the replica answers and is at most FORUM_REPLICA_MAX_LAG_SECONDS behind; the
    answer is kept for FORUM_REPLICA_CHECK_SECONDS so that routing costs no query."""
    now = time.monotonic()
    if now - _health["checked_at"] < settings.FORUM_REPLICA_CHECK_SECONDS:
        return _health["fit"]
    with _health_lock:
        if now - _health["checked_at"] >= settings.FORUM_REPLICA_CHECK_SECONDS:
            why_not = _why_unfit()
            if (why_not is None) != _health["fit"]:
                logger.warning("read replica %s", f"not used: {why_not}" if why_not else "in use")
            _health.update(checked_at=time.monotonic(), fit=why_not is None)
    return _health["fit"]


def mark_replica_down() -> None:
    """The replica failed a query: read from the primary until the next check."""
    _health.update(checked_at=time.monotonic(), fit=False)


def forget_replica_health() -> None:
    """Check the replica again before the next read (tests, and after a failure)."""
    _health.update(checked_at=float("-inf"), fit=False)


def replica_lag() -> float | None:
    """Seconds the replica is behind the primary (0 when it has replayed everything it
    received, or is not a standby at all: a test mirror); None when it cannot be asked."""
    connection = connections[REPLICA]
    if connection.vendor != "postgresql":
        return 0.0
    try:
        with connection.cursor() as cursor:
            # Caught up: everything received has been replayed and the stream is live. An idle
            # primary sends nothing, so the last replayed transaction's age alone would read as
            # lag; it is the measure only while there is WAL left to replay or no stream.
            cursor.execute(
                """
                SELECT pg_is_in_recovery(),
                       pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn()
                       AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'),
                       EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
                """
            )
            standby, caught_up, age = cursor.fetchone()
    except Error:  # refused, gone mid-query, or closed already
        connection.close()
        return None
    if not standby or caught_up:
        return 0.0
    return float("inf") if age is None else max(float(age), 0.0)


def _why_unfit() -> str | None:
    lag = replica_lag()
    if lag is None:
        return "it does not answer"
    if lag > settings.FORUM_REPLICA_MAX_LAG_SECONDS:
        return f"{lag:.1f} s behind"
    return None


# --- The router -----------------------------------------------------------------------------


class ReplicaRouter:
    """settings.DATABASE_ROUTERS: see the module docstring."""

    def db_for_read(self, model, **hints):
        if not enabled():
            return None
        state = _request.get()
        if (
            state is None
            or state.pinned
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not replica_fit()
        ):
            return DEFAULT_DB_ALIAS
        state.used_replica = True
        return REPLICA

    def db_for_write(self, model, **hints):
        if not enabled():
            return None
        state = _request.get()
        if state is not None:
            state.pinned = state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema; nothing is migrated on it.
        return False if db == REPLICA else None


# --- The request side -----------------------------------------------------------------------

_CONNECTION_ERRORS = (OperationalError, InterfaceError)


def _note_failure(sender, request=None, **kwargs):
    state = _request.get()
    if state is None or not state.used_replica:
        return
    if not isinstance(sys.exc_info()[1], _CONNECTION_ERRORS):
        return
    # Whether the replica is what failed: ask it now rather than trust the cached answer.
    forget_replica_health()
    if not replica_fit():
        mark_replica_down()
        state.replica_failed = True


got_request_exception.connect(_note_failure, dispatch_uid="forum.replicas.failure")


class ReplicaMiddleware:
    """Carries the routing state through a request (first in MIDDLEWARE): the pin cookie in,
    the pin cookie out after a write, and a GET retried on the primary if the replica failed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        state = _Request(pinned=PIN_COOKIE in request.COOKIES)
        token = _request.set(state)
        try:
            response = self.get_response(request)
            if state.replica_failed and request.method in ("GET", "HEAD"):
                logger.warning("read replica failed; %s answered from the primary", request.path)
                state.pinned = True
                response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote:
            # Only routing rides on it: a forged cookie sends its sender's reads to the primary.
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.FORUM_REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

"""Values a process keeps and Redis tells it when they change: versions, sessions, members.

Every cached page is served only under the current versions of what it shows
(forum/core/pagecache.py), so every cached request needs them, and so does every thread page
that reuses rendered posts (forum/questions/fragments.py). Asking Redis each time costs a
round trip, which is most of what a cached page costs. Versions change rarely (a write to a
thread) and are read constantly, which is what Redis's server-assisted client-side caching is
for: a connection that turns on `CLIENT TRACKING` (RESP3) and reads a key is sent an
invalidation message when anyone changes that key (a write, a script, a deletion, an expiry,
an eviction or a flush). So this process keeps the versions it read, and before trusting them
reads whatever invalidations have arrived on that connection: a look at the socket, not a
round trip. The same suits a member's session and the generation of their cached row
(forum/core/sessions.py, forum/accounts/usercache.py): read on each of their requests,
changed when they log in or out or their row changes.

redis-py's own client-side cache does the same but refuses servers older than Redis 7.4; this
is the part the forum needs, on redis-py's connection and parser, for Redis 6 and later.

How fresh that is:
- The process that changed a value reads it anew on its next request: the cache's every
  write forgets the keys it wrote (forum/core/resilient_cache.py).
- Every other process learns of it when Redis's message arrives: Redis sends it as it runs
  the write, in the same pass of its event loop as its answer to the writer, so a reader
  elsewhere is behind by the time it takes Redis to write both out and the message to cross
  the network (well under a millisecond on one machine or one network).
- A connection that dies silently (a dropped route) would bring no invalidations, so values
  are trusted for at most HEARTBEAT_SECONDS without news from Redis: past that, a PING goes
  first. Redis answers in order, so once its answer is read every invalidation sent before it
  has been applied. A connection that fails is dropped with everything it vouched for.
- A key that expires is reported when Redis removes it, which its background sweep does
  within moments of the expiry, not to the millisecond (sessions expire after weeks).
- Values are read again after MAX_KEYS of them (a process that has read the versions of
  very many threads forgets them all and starts again).
"""

import os
import threading
import time

from redis.exceptions import ConnectionError as RedisConnectionError

HEARTBEAT_SECONDS = 1.0
MAX_KEYS = 100_000


class TrackedKeys:
    """Keys read through one tracking connection, kept until Redis says they changed.

    `connect` makes a new redis-py connection speaking RESP3; `loads` turns a stored value
    into the Python value, for each read. Not for values that are large or change often: each
    is kept in memory and each change costs a message. Thread-safe; each process makes its own
    connection (a forked child starts again)."""

    def __init__(self, connect, loads):
        self._connect = connect
        self._loads = loads
        self._lock = threading.Lock()
        self._connection = None
        self._pid = None
        self._values: dict[str, object] = {}
        self._heard_at = 0.0  # time.monotonic() of the latest answer from Redis

    def get_many(self, keys: list[str]) -> dict:
        """The keys' values (none for a missing key), read from Redis only when not kept.
        Raises redis-py's errors, having dropped the connection and what it vouched for."""
        with self._lock:
            # A connection the server closed (an idle timeout, a restart) is tried once more
            # on a new one, as redis-py's pooled connections are, before it is an outage.
            for retry in (True, False):
                try:
                    return self._get_many(keys)
                except RedisConnectionError:
                    self._drop()
                    if not retry:
                        raise
                except Exception:
                    self._drop()
                    raise

    def forget(self, keys: list[str] | None) -> None:
        """Read these again next time: this process has just changed them, and its next
        request must see that even before Redis's message arrives."""
        with self._lock:
            if keys is None:  # all of them: this process emptied the cache
                self._values.clear()
            for key in keys or ():
                self._values.pop(key, None)

    def _get_many(self, keys: list[str]) -> dict:
        connection = self._connection_for_this_process()
        self._apply_invalidations(connection)
        missing = [key for key in keys if key not in self._values]
        if missing:
            connection.send_command("MGET", *missing)
            # Invalidations that arrive first are applied by the handler while reading.
            replies = connection.read_response()
            self._heard_at = time.monotonic()
            if len(self._values) + len(missing) > MAX_KEYS:
                self._values.clear()
            for key, reply in zip(missing, replies, strict=True):
                if reply is not None:  # a missing key is asked for again next time
                    self._values[key] = reply
        # Kept as Redis sent them, decoded for each caller: no caller can change another's.
        return {key: self._loads(self._values[key]) for key in keys if key in self._values}

    def _connection_for_this_process(self):
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        self._values.clear()
        connection = self._connect()
        connection.connect()
        connection.send_command("CLIENT", "TRACKING", "ON")
        connection.read_response()
        # The same hook redis-py's client-side cache uses: called for each invalidation
        # message the parser meets, between replies or on its own.
        connection._parser.set_invalidation_push_handler(self._invalidated)
        self._connection, self._pid = connection, os.getpid()
        self._heard_at = time.monotonic()
        return connection

    def _apply_invalidations(self, connection) -> None:
        if time.monotonic() - self._heard_at > HEARTBEAT_SECONDS:
            connection.send_command("PING")
            connection.read_response()  # every invalidation sent before it is applied
            self._heard_at = time.monotonic()
            return
        while connection.can_read(0):
            connection.read_response(push_request=True, timeout=0)

    def _invalidated(self, message) -> None:
        keys = message[1]
        if keys is None:  # the database was flushed
            self._values.clear()
            return
        for key in keys:
            self._values.pop(key.decode() if isinstance(key, bytes) else key, None)

    def _drop(self) -> None:
        self._values.clear()
        if self._connection is not None and self._pid == os.getpid():
            self._connection.disconnect()
        self._connection = None

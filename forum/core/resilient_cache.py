"""Django's Redis cache, made to survive a Redis outage.

The forum keeps nothing in the cache it cannot do without (sessions, lock-outs and posts live
in the database), so when Redis is unreachable the cache behaves as an empty cache that keeps
nothing: reads miss, `add` succeeds (nothing was there), writes are dropped, `incr` finds no
key. What that means for each user of the cache:

- the page cache renders every page (forum/core/pagecache.py passes requests through);
- rate limits are not counted: they fail open (forum/core/limits.py says why), and the log
  says so;
- a form sent twice may be saved twice (forum/core/resubmit.py), a sign-up form's served-at
  token may be used twice (its signed time still holds);
- the watch list is read from the database for every post;
- /healthz reports the cache as failing.

An outage must not cost seconds per request: connections time out quickly (the socket
timeouts in settings), and after a failure this process leaves Redis alone for
RETRY_SECONDS, answering as the empty cache without touching the network.

When Redis answers again it may still hold values older than writes it missed (a network
partition, or a restart from a snapshot): a page version this server moved, the watch list's
version. So the keys of the writes it missed that had no expiry (versions; keys with an
expiry heal by themselves) are deleted before anything else is read, which makes the old
pages unreachable. Past MAX_MISSED_KEYS such keys, the whole cache is cleared instead: it
holds nothing that cannot be rebuilt.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from .tracked import TrackedKeys

log = logging.getLogger("forum.cache")

RETRY_SECONDS = 5.0
MAX_MISSED_KEYS = 10_000


class _Outage:
    """One server list's state in this process: down until when, and the writes it missed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0  # time.monotonic(); 0: up
        self.missed: set[str] = set()
        self.overflowed = False


_OUTAGES: dict[tuple[str, ...], _Outage] = {}
_NOT_FOUND = object()
# INCRBY of a key that exists; nil (None) for a missing one, which is left missing.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""
# Counters (django-ratelimit's, forum/core/limits.py): each key is created at 1 with its expiry
# in seconds if missing, else incremented (INCR keeps the expiry), as the library's `add`
# then `incr` do, for every key in one round trip. Atomic, so a key cannot expire between.
_COUNT = """
local counts = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, 1, 'NX', 'EX', ARGV[i]) then counts[i] = 1
  else counts[i] = redis.call('INCR', key) end
end
return counts
"""
# Page versions (forum/core/pagecache.py): each key is incremented if it exists, else set to
# its fresh value without expiry (`incr`, then `set` on a miss), every key in one round trip.
_BUMP = """
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('INCR', key)
  else redis.call('SET', key, ARGV[i]) end
end
return true
"""
_Base = RedisCacheClient


def _outage_for(servers) -> _Outage:
    return _OUTAGES.setdefault(tuple(servers), _Outage())


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._outage = _outage_for(servers)
        self._clients = {}
        self._scripts = {}
        self._tracked = TrackedKeys(self._tracking_connection, self._serializer.loads)

    def _tracking_connection(self):
        # On the primary (the first server), which every write reaches first.
        pool = self._get_connection_pool(True)
        return pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})

    def _incr_existing(self, key, delta):
        """`incr` in one round trip, and atomic: Django's asks EXISTS, then INCRBY (two round
        trips; a rate-limited post makes four such calls, and every write moving a page
        version two). Returns None when the key is missing, which INCRBY would create."""
        client = self.get_client(key, write=True)
        found = self._script(client, _INCR_EXISTING)(keys=[key], args=[delta])
        return _NOT_FOUND if found is None else found

    def _script(self, client, source: str):
        # Registered once per client: later calls send EVALSHA, not the script's text.
        script = self._scripts.get((id(client), source))
        if script is None:
            script = self._scripts[id(client), source] = client.register_script(source)
        return script

    def get_client(self, key=None, *, write=False):
        # One client per connection pool, made once: Django's client makes a new redis.Redis
        # for every operation, and each builds its table of response callbacks anew (a tenth
        # of a cached page's CPU). A client is as thread-safe as its pool: each command takes
        # a connection from the pool and gives it back.
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    # --- the guard --------------------------------------------------------------------------

    def _guarded(self, call, empty, *, missed=()):
        """`call()` against Redis; while it is unreachable, `empty` (what an empty cache that
        keeps nothing answers), remembering the keys of `missed` writes."""
        outage = self._outage
        still_down = outage.down_until and (
            time.monotonic() < outage.down_until or not self._recover()
        )
        if still_down:
            self._remember(missed)
            return empty()
        try:
            return call()
        except self._lib.RedisError as error:
            self._went_down(error)
            self._remember(missed)
            return empty()

    def _went_down(self, error) -> None:
        outage = self._outage
        first = not outage.down_until
        outage.down_until = time.monotonic() + RETRY_SECONDS
        # Logged once when the outage starts, then once per retry: not once per request.
        log.warning(
            "Cache unreachable (%s: %s); %s without it for %.0f s: pages are rendered, "
            "rate limits are not counted.",
            type(error).__name__,
            error,
            "serving" if first else "still serving",
            RETRY_SECONDS,
        )

    def _remember(self, keys) -> None:
        outage = self._outage
        with outage.lock:
            if outage.overflowed:
                return
            outage.missed.update(keys)
            if len(outage.missed) > MAX_MISSED_KEYS:
                outage.overflowed, outage.missed = True, set()

    def _recover(self) -> bool:
        """Try Redis again: first forget what it may hold stale. True when it answered."""
        outage = self._outage
        with outage.lock:
            missed, overflowed = outage.missed, outage.overflowed
        try:
            client = self.get_client(None, write=True)
            if overflowed:
                client.flushdb()
            elif missed:
                client.delete(*missed)
            else:
                client.ping()
        except self._lib.RedisError as error:
            self._went_down(error)
            return False
        self._tracked.forget(None)  # it may have kept values from before the outage
        with outage.lock:
            outage.missed -= missed
            outage.overflowed = False
            outage.down_until = 0.0
        log.warning(
            "Cache reachable again; %s written during the outage.",
            "cleared it all: too many keys were"
            if overflowed
            else f"deleted {len(missed)} key(s) without expiry",
        )
        return True

    # --- the cache operations, as an empty cache answers them when Redis is down ----------

    def _written(self, keys, call, empty, *, missed=()):
        """A write: guarded, and what this process keeps of those keys forgotten, so its next
        read sees the write even before Redis's message about it arrives (forum/core/tracked.py)."""
        try:
            return self._guarded(call, empty, missed=missed)
        finally:
            self._tracked.forget(keys)

    def add(self, key, value, timeout):
        # A missed add never leaves a stale value: it would not have replaced one.
        return self._written([key], lambda: _Base.add(self, key, value, timeout), lambda: True)

    def get(self, key, default):
        return self._guarded(lambda: _Base.get(self, key, default), lambda: default)

    def set(self, key, value, timeout):
        return self._written(
            [key],
            lambda: _Base.set(self, key, value, timeout),
            lambda: None,
            missed=[key] if timeout is None else [],
        )

    def touch(self, key, timeout):
        return self._guarded(lambda: _Base.touch(self, key, timeout), lambda: False)

    def delete(self, key):
        return self._written([key], lambda: _Base.delete(self, key), lambda: False, missed=[key])

    def get_many(self, keys):
        keys = list(keys)
        return self._guarded(lambda: _Base.get_many(self, keys), dict)

    def has_key(self, key):
        return self._guarded(lambda: _Base.has_key(self, key), lambda: False)

    def incr(self, key, delta):
        result = self._written(
            [key],
            lambda: self._incr_existing(key, delta),
            lambda: _NOT_FOUND,
            missed=[key],
        )
        if result is _NOT_FOUND:
            raise ValueError(f"Key '{key}' not found.")  # or the cache is unreachable
        return result

    def set_many(self, data, timeout):
        return self._written(
            list(data),
            lambda: _Base.set_many(self, data, timeout),
            lambda: None,
            missed=list(data) if timeout is None else [],
        )

    def delete_many(self, keys):
        keys = list(keys)
        return self._written(
            keys,
            lambda: _Base.delete_many(self, keys),
            lambda: None,
            missed=keys,
        )

    def clear(self):
        return self._written(None, lambda: _Base.clear(self), lambda: False)

    # --- not in Django's cache API ----------------------------------------------------------

    def get_many_tracked(self, keys):
        """`get_many` for values read often and changed rarely (page versions), kept in this
        process until Redis says they changed (forum/core/tracked.py): usually no round trip."""
        keys = list(keys)
        return self._guarded(lambda: self._tracked.get_many(keys), dict)

    def count(self, expiries: dict[str, int]) -> list[int]:
        """Add one to each counter, creating a missing one at 1 expiring in its seconds; the
        counts. While Redis is unreachable every count is 1, as `add` then answers."""
        keys = list(expiries)

        def call():
            client = self.get_client(keys[0], write=True)
            return self._script(client, _COUNT)(keys=keys, args=list(expiries.values()))

        return self._guarded(call, lambda: [1] * len(keys))

    def bump(self, fresh: dict[str, int]) -> None:
        """Move each version (kept without expiry): one more, or its `fresh` value where it
        is missing. Those the outage missed are remembered, as `incr`'s are."""
        keys = list(fresh)

        def call():
            client = self.get_client(keys[0], write=True)
            self._script(client, _BUMP)(keys=keys, args=list(fresh.values()))

        return self._written(keys, call, lambda: None, missed=keys)


def get_many_tracked(cache, keys) -> dict:
    """`cache.get_many(keys)`, read through the process's tracked keys where the cache is this
    Redis cache (usually no round trip: forum/core/tracked.py); other caches (local memory,
    files) are read as they are."""
    return getattr(cache, "get_many_tracked", cache.get_many)(keys)


class ResilientRedisCache(RedisCache):
    """CACHES backend: Django's RedisCache that answers as an empty cache during an outage."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def get_many_tracked(self, keys, version=None) -> dict:
        """`get_many`, kept in this process until Redis says a value changed: the client's."""
        named = {self.make_and_validate_key(key, version=version): key for key in keys}
        found = self._cache.get_many_tracked(named)
        return {named[key]: value for key, value in found.items()}

    def count(self, expiries: dict[str, int], version=None) -> list[int]:
        """Counters in one round trip (forum/core/limits.py): the client's `count`."""
        keys = {self.make_and_validate_key(k, version=version): s for k, s in expiries.items()}
        return self._cache.count(keys)

    def bump(self, fresh: dict[str, int], version=None) -> None:
        """Versions in one round trip (forum/core/pagecache.py): the client's `bump`."""
        keys = {self.make_and_validate_key(k, version=version): v for k, v in fresh.items()}
        self._cache.bump(keys)

    def validate_key(self, key):
        # Django checks every key, character by character, for what memcached refuses (over
        # 250 characters, spaces, control characters) and warns: Redis takes any bytes as a
        # key, and a cached page's three keys cost about 20 µs a request in that loop. The
        # local-memory cache the tests use without REDIS_URL still warns.
        pass

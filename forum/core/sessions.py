"""Sessions kept in the database and read from the cache: no query for them on most requests,
and usually no round trip to Redis either.

The database holds every session, so a Redis outage logs nobody out (forum/core/resilient_cache.py
answers as an empty cache, and Django's cached_db store reads the database on a miss). What the
cache must never do is hand back a session older than the database's after an outage: a save
Redis missed would leave its old copy in place (a write with an expiry is not remembered). So
each save deletes the cached copy first; a delete Redis misses is remembered and replayed when
it answers again, before anything else is read.

A session is read through the process's tracked keys (forum/core/tracked.py): kept in the
process until Redis says it changed, which a log-in, a log-out or any save elsewhere does (the
process that saves or deletes it forgets its own at once).
"""

from django.contrib.sessions.backends import cached_db

from .resilient_cache import get_many_tracked


class SessionStore(cached_db.SessionStore):
    def load(self):
        key = self.cache_key
        data = get_many_tracked(self._cache, [key]).get(key)
        if data is not None:
            return data
        # Not in the cache: Django's, which reads the database and stores it there.
        return super().load()

    def save(self, must_create=False):
        if self.session_key is not None:
            self._cache.delete(self.cache_key)
        super().save(must_create)

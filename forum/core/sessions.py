"""Sessions kept in the database and read from the cache: no query for them on most requests.

The database holds every session, so a Redis outage logs nobody out (forum/core/resilient_cache.py
answers as an empty cache, and Django's cached_db store reads the database on a miss). What the
cache must never do is hand back a session older than the database's after an outage: a save
Redis missed would leave its old copy in place (a write with an expiry is not remembered). So
each save deletes the cached copy first; a delete Redis misses is remembered and replayed when
it answers again, before anything else is read.
"""

from django.contrib.sessions.backends import cached_db


class SessionStore(cached_db.SessionStore):
    def save(self, must_create=False):
        if self.session_key is not None:
            self._cache.delete(self.cache_key)
        super().save(must_create)

"""Django's PostgreSQL backend, with two costs of every request taken out.

**A health check without a round trip.** With CONN_HEALTH_CHECKS, Django checks a kept
connection before a request's first query by running `SELECT 1`: a round trip to the server
on every request, about a tenth of a thread page's time on a cache miss. What the check is
for is a connection the server (or PgBouncer) has closed since the last request: a restart,
an idle timeout, `pg_terminate_backend`. When it does, it says so on the socket, an error
message and then end of file, and an idle connection receives nothing else unasked (the
forum never LISTENs). So a socket with nothing to read is a connection the server still
holds, and one with anything to read gets Django's own check, which closes it if it fails:
the request then opens a new connection instead of failing. A network that silently drops
packets is caught by neither check any sooner.

**Times read by psycopg's C loader.** Django reads `timestamptz` columns through a loader of
its own, written in Python on top of psycopg's Python one, so that times carry Django's time
zone: about 3 µs a value where psycopg's C loader takes 0.4, and a thread page reads a few
dozen (5 % of a cache miss's CPU). Where the connection's time zone is UTC, as Django sets it
with USE_TZ and no database TIME_ZONE, the C loader gives the same values (aware, in
`datetime.timezone.utc`), so it is used; with any other time zone Django's stays.
"""

import select
from functools import lru_cache

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import adapt, adapters, postgres
from psycopg.pq import Format
from psycopg.types.datetime import TimestamptzLoader

_TIMESTAMPTZ = postgres.types["timestamptz"].oid


@lru_cache
def _with_c_times(template: adapt.AdaptersMap, timezone) -> adapt.AdaptersMap:
    """Django's adapters with psycopg's own `timestamptz` loader, where that is the C one."""
    c_loader = adapters.get_loader(_TIMESTAMPTZ, Format.TEXT)
    if c_loader is None or issubclass(c_loader, TimestamptzLoader):  # psycopg without C
        return template

    class UTCTimestamptzLoader(adapt.Loader):
        # Django compares this with the connection's time zone before each cursor and puts
        # its own loader back where they differ: this one is the connection's.
        timezone = None

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            # psycopg calls `load` for each value: the C loader's own, with nothing between.
            self.load = c_loader(oid, context).load

        def load(self, data):  # what the class promises; each instance has the C one
            raise NotImplementedError

    UTCTimestamptzLoader.timezone = timezone
    context = adapt.AdaptersMap(template)
    context.register_loader("timestamptz", UTCTimestamptzLoader)
    return context


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if "context" in params and settings.USE_TZ and self.timezone_name == "UTC":
            params["context"] = _with_c_times(params["context"], self.timezone)
        return params

    def is_usable(self):
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if not hasattr(select, "poll"):  # Windows: no poll(), Django's check as it is
            return super().is_usable()
        poller = select.poll()
        try:
            poller.register(connection.fileno(), select.POLLIN)
        except (OSError, ValueError):
            return False
        if poller.poll(0):
            return super().is_usable()
        return True

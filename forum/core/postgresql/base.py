"""Django's PostgreSQL backend with a health check that costs no round trip.

With CONN_HEALTH_CHECKS, Django checks a kept connection before a request's first query by
running `SELECT 1`: a round trip to the server on every request, about a tenth of a thread
page's time on a cache miss. What the check is for is a connection the server (or PgBouncer)
has closed since the last request: a restart, an idle timeout, `pg_terminate_backend`. When
it does, it says so on the socket, an error message and then end of file, and an idle
connection receives nothing else unasked (the forum never LISTENs). So a socket with nothing
to read is a connection the server still holds, and one with anything to read gets Django's
own check, which closes it if it fails: the request then opens a new connection instead of
failing. A network that silently drops packets is caught by neither check any sooner.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
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

"""The PostgreSQL backend's health check (forum/core/postgresql/base.py): a connection the
server closed is replaced before a request uses it, and a healthy one costs no round trip."""

import select
import time
from unittest import mock

import psycopg
import pytest
from django.db import close_old_connections, connection

from forum.posts.models import Post

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the backend is PostgreSQL's"
)


def _terminated_by_the_server():
    """Ends this process's connection from another one, as a restart or an idle timeout
    does, and waits until the news has reached its socket."""
    pid = connection.connection.info.backend_pid
    settings = connection.get_connection_params()
    with psycopg.connect(**settings, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    poller = select.poll()
    poller.register(connection.connection.fileno(), select.POLLIN)
    deadline = time.monotonic() + 5
    while not poller.poll(50) and time.monotonic() < deadline:
        pass
    return pid


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_replaced_before_the_next_request_reads():
    connection.ensure_connection()
    ended = _terminated_by_the_server()

    close_old_connections()  # what every request starts with
    assert Post.objects.count() == 0  # no OperationalError: a new connection answered

    assert connection.connection.info.backend_pid != ended


@pytest.mark.django_db(transaction=True)
def test_a_healthy_kept_connection_is_used_without_a_query_first():
    connection.ensure_connection()
    kept = connection.connection
    close_old_connections()

    with mock.patch.object(type(kept), "cursor", wraps=kept.cursor) as cursors:
        assert connection.is_usable()
    assert cursors.call_count == 0  # no `SELECT 1`: no round trip
    assert connection.connection is kept

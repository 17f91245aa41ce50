"""The PostgreSQL backend (forum/core/postgresql/base.py): a connection the server closed is
replaced before a request uses it, a healthy one costs no round trip, and times are read in
UTC by psycopg's C loader."""

import select
import time
from datetime import UTC, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import psycopg
import pytest
from django.db import close_old_connections, connection
from psycopg.pq import Format

from forum.posts.models import Post

TIMESTAMPTZ_OID = psycopg.postgres.types["timestamptz"].oid

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


@pytest.mark.django_db
def test_times_read_back_as_the_instants_written_in_utc(question):
    written = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=ZoneInfo("Asia/Ulaanbaatar"))
    Post.objects.filter(pk=question.pk).update(created_at=written)

    read = Post.objects.get(pk=question.pk).created_at

    assert read == written
    assert read.tzinfo is UTC


@pytest.mark.skipif(psycopg.pq.__impl__ == "python", reason="psycopg without its C part")
@pytest.mark.django_db
def test_times_are_read_by_psycopgs_c_loader():
    # Django's own loader is Python: about 3 µs a value, where a thread page reads dozens.
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    reads_with = loader(TIMESTAMPTZ_OID).load.__self__
    assert type(reads_with).__module__ == "psycopg_binary._psycopg"

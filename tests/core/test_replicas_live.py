"""Reads from a real streaming replica (CI: `.ci/replica.sh start`, then FORUM_LIVE_REPLICA=1
with DATABASE_URL and DATABASE_REPLICA_URL naming one database on the primary and on the
replica). The databases are used as they are, with no test database: what a test writes on
the primary must reach the replica the way production writes do.

Skipped in ordinary runs, which have no replica (tests/core/test_replicas.py covers the
routing rules there).
"""

import os
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

if os.environ.get("FORUM_LIVE_REPLICA") != "1" or not os.environ.get("DATABASE_REPLICA_URL"):
    pytest.skip(
        "not checked: no live replica (FORUM_LIVE_REPLICA=1 and DATABASE_REPLICA_URL unset)",
        allow_module_level=True,
    )

from forum.core import replicas
from forum.posts.models import Kind, Post, Status
from tests.factories import ANSWER_BODY, make_answer, make_established_member

ROOT = Path(__file__).resolve().parents[2]
CONTROL = os.environ.get("FORUM_REPLICA_CONTROL", str(ROOT / ".ci" / "replica.sh"))


@pytest.fixture(scope="session")
def django_db_setup():
    """The databases as they are: the primary and its real replica, no test database."""


@pytest.fixture
def live(django_db_blocker):
    with django_db_blocker.unblock():
        replicas.forget_replica_health()
        _wait_replayed()
        yield
        replicas.forget_replica_health()


@pytest.fixture
def thread(live):
    question = Post.objects.filter(kind=Kind.QUESTION, status=Status.VISIBLE).order_by("pk").first()
    assert question is not None, "load the fixtures into the database first"
    return question


def _member_client(name: str) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(make_established_member(f"{name}-{uuid.uuid4().hex[:8]}"))
    _wait_replayed()  # the session is on the replica too
    return client


def _wait_replayed(timeout: float = 10) -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (target,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    raise AssertionError("the replica did not replay the primary's writes within 10 s")


def _get(client, url):
    """The page, and how many queries each database answered for it."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    return response, len(primary), len(replica)


def _replay(paused: bool) -> None:
    with connections["replica"].cursor() as cursor:
        cursor.execute(f"SELECT pg_wal_replay_{'pause' if paused else 'resume'}()")


@contextmanager
def _replay_paused():
    _replay(paused=True)
    try:
        yield
    finally:
        _replay(paused=False)


def test_a_members_pages_are_read_from_the_replica_alone(thread):
    reader = _member_client("reader")
    pages = [
        reverse("questions:list"),
        thread.get_absolute_url(),
        reverse("questions:tags"),
        reverse("questions:users"),
        reverse("questions:search") + "?q=soviet",
        reverse("notifications:inbox"),
    ]
    for url in pages:
        response, on_primary, on_replica = _get(reader, url)
        assert response.status_code == 200, url
        assert (on_primary, on_replica > 0) == (0, True), url


def test_a_member_sees_their_own_answer_at_once_while_others_read_the_replica(thread):
    writer, reader = _member_client("writer"), _member_client("reader")
    text = f"{ANSWER_BODY} Written while the replica waits ({uuid.uuid4().hex})."
    # However far behind the replica is, it is used: only the writer is sent to the primary.
    with _replay_paused(), override_settings(FORUM_REPLICA_MAX_LAG_SECONDS=3600):
        response = writer.post(reverse("answers:create", args=[thread.pk]), {"body": text})
        assert response.status_code == 302
        assert replicas.PIN_COOKIE in response.cookies

        assert text in writer.get(thread.get_absolute_url()).text
        assert text not in reader.get(thread.get_absolute_url()).text


def test_a_replica_lagging_too_far_is_not_read(thread):
    reader = _member_client("reader")
    with (
        _replay_paused(),
        override_settings(FORUM_REPLICA_MAX_LAG_SECONDS=0.5, FORUM_REPLICA_CHECK_SECONDS=0),
    ):
        answer = make_answer(thread, thread.author, body=f"{ANSWER_BODY} ({uuid.uuid4().hex})")
        time.sleep(1)
        response, on_primary, _on_replica = _get(reader, thread.get_absolute_url())
    assert answer.body in response.text
    assert on_primary > 0


def test_stopping_the_replica_falls_back_to_the_primary(thread):
    reader = _member_client("reader")
    assert _get(reader, thread.get_absolute_url())[2] > 0  # its connection to the replica is open
    subprocess.run([CONTROL, "stop"], check=True, capture_output=True)
    try:
        # The first read finds the connection gone mid-request and is answered again; later
        # ones go to the primary until the replica answers again.
        for _ in range(3):
            with CaptureQueriesContext(connections["default"]) as primary:
                response = reader.get(thread.get_absolute_url())
            on_primary = len(primary)
            assert response.status_code == 200
            assert thread.title in response.text
            assert on_primary > 0
    finally:
        subprocess.run([CONTROL, "start"], check=True, capture_output=True)
        connections["replica"].close()

"""Which database a request's reads go to when a read replica is configured (the rules in
forum/core/replicas.py). The suite has no replica: these tests stand one in by routing rules
alone; tests/core/test_replicas_live.py checks them against a real replica in CI."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from forum.core import replicas
from forum.posts.models import Post

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def replica(monkeypatch):
    """A replica that answers and keeps up."""
    monkeypatch.setattr(replicas, "enabled", lambda: True)
    monkeypatch.setattr(replicas, "replica_fit", lambda: True)
    # The suite's own tests run inside a transaction on the primary; these requests do not.
    monkeypatch.setattr(connections["default"], "in_atomic_block", False)


def _serve(request, *, write=False):
    """Serve `request` through the middleware; the view reads once, writes, and reads again.
    Returns the response and the databases the view's reads went to."""
    reads = []
    router = replicas.ReplicaRouter()

    def view(request):
        reads.append(router.db_for_read(Post))
        if write:
            router.db_for_write(Post)
        reads.append(router.db_for_read(Post))
        return HttpResponse("page")

    response = replicas.ReplicaMiddleware(view)(request)
    return response, reads


def test_a_readers_request_reads_from_the_replica(replica):
    response, reads = _serve(RequestFactory().get("/"))
    assert reads == ["replica", "replica"]
    assert replicas.PIN_COOKIE not in response.cookies


def test_after_a_write_the_request_reads_from_the_primary_and_the_member_is_pinned(replica):
    response, reads = _serve(RequestFactory().post("/"), write=True)
    assert reads == ["replica", "default"]
    assert response.cookies[replicas.PIN_COOKIE]["max-age"] > 0


def test_a_member_who_just_wrote_reads_from_the_primary(replica):
    request = RequestFactory().get("/")
    request.COOKIES[replicas.PIN_COOKIE] = "1"
    assert _serve(request)[1] == ["default", "default"]


def test_a_replica_that_is_down_or_lagging_is_not_read(replica, monkeypatch):
    monkeypatch.setattr(replicas, "replica_fit", lambda: False)
    assert _serve(RequestFactory().get("/"))[1] == ["default", "default"]


def test_reads_inside_a_transaction_on_the_primary_stay_on_it(replica, monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert _serve(RequestFactory().get("/"))[1] == ["default", "default"]


def test_commands_and_jobs_read_from_the_primary(replica):
    assert replicas.ReplicaRouter().db_for_read(Post) == "default"


def test_without_a_replica_nothing_is_routed_and_no_cookie_is_set(monkeypatch):
    monkeypatch.setattr(replicas, "enabled", lambda: False)
    response, reads = _serve(RequestFactory().post("/"), write=True)
    assert reads == [None, None]
    assert replicas.PIN_COOKIE not in response.cookies


def test_nothing_is_migrated_on_the_replica():
    assert replicas.ReplicaRouter().allow_migrate("replica", "posts") is False
    assert replicas.ReplicaRouter().allow_migrate("default", "posts") is None


def _databases(settings_module: str, **environment) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "DATABASE_URL")}
    script = (
        f"import json; from {settings_module} import DATABASES as D; "
        "print(json.dumps({k: {'NAME': v['NAME'], 'PORT': v.get('PORT'), "
        "'TEST': v.get('TEST', {})} for k, v in D.items()}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_replica_alias_exists_only_when_the_environment_names_one():
    assert set(_databases("forum.settings.base")) == {"default"}
    found = _databases(
        "forum.settings.base",
        DATABASE_URL="postgres://forum@db:5432/forum",
        DATABASE_REPLICA_URL="postgres://forum@replica:5433/forum",
    )
    assert found["replica"]["PORT"] == 5433


def test_tests_read_the_replica_alias_from_the_primarys_test_database():
    found = _databases(
        "forum.settings.test",
        DATABASE_URL="postgres://forum@db:5432/forum",
        DATABASE_REPLICA_URL="postgres://forum@replica:5433/forum",
    )
    assert found["replica"]["TEST"] == {"MIRROR": "default"}

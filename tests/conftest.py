import uuid

import pytest
import redis
from django.core.cache import cache

from tests.factories import make_moderator, make_question, make_user


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (rate-limit counters, cached pages), and with no
    copies of pages kept in the process, as a process that has just started."""
    from forum.core.copies import copies

    cache.clear()
    copies.clear()
    yield
    cache.clear()
    copies.clear()


@pytest.fixture
def member(db):
    return make_user("alice")


@pytest.fixture
def other_member(db):
    return make_user("bob")


@pytest.fixture
def moderator(db):
    return make_moderator("mod")


@pytest.fixture
def question(db, other_member):
    return make_question(author=other_member)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def pytest_collection_modifyitems(config, items):
    """Race tests need real concurrent connections, which only PostgreSQL gives; on SQLite
    (one writer at a time) they are deselected, not skipped: CI runs them on PostgreSQL."""
    from django.db import connection

    _allow_the_replica_mirror(items)

    if connection.vendor == "postgresql":
        return
    races = [item for item in items if item.get_closest_marker("postgresql_races")]
    if races:
        config.hook.pytest_deselected(items=races)
        items[:] = [item for item in items if item not in races]


# A port nothing listens on: a broker that is down.
CLOSED_BROKER = "redis://127.0.0.1:9/0"


@pytest.fixture
def use_broker():
    """`use_broker(url)`: tasks go to that broker instead of running eagerly, for one test."""
    from forum.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def reset_connections():
        app._pool = None
        app.amqp._producer_pool = None

    def use(url: str):
        app.conf.update(broker_url=url, task_always_eager=False)
        reset_connections()

    yield use
    app.conf.update(saved)
    reset_connections()


def pytest_terminal_summary(terminalreporter):
    """The form fuzz's count, for the record (SECURITY.md, the issue's closing note)."""
    import sys

    fuzz = sys.modules.get("tests.test_fuzz_forms")
    tally = getattr(fuzz, "FUZZ_TALLY", None)
    if tally and tally["requests"]:
        terminalreporter.write_line(
            f"form fuzz: {tally['requests']} POST requests to {len(tally['post_routes'])} views "
            f"taking a POST (of {len(tally['routes'])} routes walked): {tally['5xx']} x 5xx"
        )


def _allow_the_replica_mirror(items):
    """With DATABASE_REPLICA_URL set, the replica alias mirrors the test database, and reads
    outside a transaction (transactional tests) go to it: let every database test use it."""
    from django.conf import settings

    if "replica" not in settings.DATABASES:
        return
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and "databases" not in marker.kwargs:
            item.add_marker(
                pytest.mark.django_db(*marker.args, databases="__all__", **marker.kwargs),
                append=False,
            )


@pytest.fixture
def other_server(settings):
    """Switch the cache to the real Redis (REDIS_URL, set in CI), under a key prefix of the
    test's own; yields a Redis connection of another app server's (`key(name)` gives the
    Redis key the cache stores `name` under)."""
    if not settings.REDIS_URL:
        pytest.skip("needs a real Redis: set REDIS_URL (as .ci/run does)")
    name = f"forum-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "forum.core.resilient_cache.ResilientRedisCache",
            "LOCATION": settings.REDIS_URL,
            "KEY_PREFIX": name,
            "OPTIONS": {"client_name": name},  # how the cache's connections are told apart
        }
    }
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.key = cache.make_key
    client.name = name
    yield client
    cache.clear()
    client.close()


@pytest.fixture
def redis_commands(other_server):
    """`redis_commands(action)` gives the commands this process's cache sent to the real Redis
    while `action()` ran, as Redis saw them (MONITOR, on a connection of the test's own,
    keeping only the cache's connections: other clients of the same server do not count)."""
    observer, name = other_server, other_server.name

    def commands(action) -> list[str]:
        done = f"{name}-done"
        with observer.monitor() as monitor:
            action()
            ours = {client["addr"] for client in observer.client_list() if client["name"] == name}
            observer.echo(done)  # Redis shows commands in the order it ran them
            seen = []
            while done not in (event := monitor.next_command())["command"]:
                if f"{event['client_address']}:{event['client_port']}" in ours:
                    seen.append(event["command"].split()[0].strip('"').upper())
        return seen

    return commands

"""Values kept in this process until Redis says they changed (forum/core/tracked.py), against
a real Redis server of the test's own: another connection plays another app server."""

import os

import pytest
import redis

from forum.core import tracked
from forum.core.tracked import TrackedKeys
from tests.redis_server import redis_server


@pytest.fixture
def server():
    with redis_server() as port:
        yield port


@pytest.fixture
def other(server):
    """Another app server's connection: its writes are what the kept values must follow."""
    client = redis.Redis(port=server)
    yield client
    client.close()


@pytest.fixture
def keys(server):
    def connect():
        return redis.Connection(port=server, protocol=3, socket_timeout=0.3)

    kept = TrackedKeys(connect, lambda value: int(value))
    yield kept
    kept._drop()


def _commands(client, name: str) -> int:
    return client.info("commandstats").get(f"cmdstat_{name}", {}).get("calls", 0)


def test_a_kept_value_is_read_without_asking_redis_again(keys, other):
    other.set("version", 7)
    assert keys.get_many(["version"]) == {"version": 7}
    before = _commands(other, "mget")
    assert keys.get_many(["version"]) == {"version": 7}
    assert _commands(other, "mget") == before


def test_a_value_another_server_changes_is_read_anew_at_once(keys, other):
    other.set("version", 7)
    keys.get_many(["version"])
    other.incr("version")
    assert keys.get_many(["version"]) == {"version": 8}


def test_a_value_changed_by_a_script_is_read_anew(keys, other):
    other.set("version", 7)
    keys.get_many(["version"])
    other.eval("return redis.call('INCR', KEYS[1])", 1, "version")
    assert keys.get_many(["version"]) == {"version": 8}


def test_a_deleted_value_is_missing_and_a_flushed_database_forgets_everything(keys, other):
    other.mset({"a": 1, "b": 2})
    assert keys.get_many(["a", "b"]) == {"a": 1, "b": 2}
    other.delete("a")
    assert keys.get_many(["a", "b"]) == {"b": 2}
    other.flushdb()
    assert keys.get_many(["a", "b"]) == {}
    other.set("b", 3)
    assert keys.get_many(["b"]) == {"b": 3}


def test_a_missing_value_is_asked_for_again_and_found_once_written(keys, other):
    assert keys.get_many(["version"]) == {}
    other.set("version", 1)
    assert keys.get_many(["version"]) == {"version": 1}


def test_a_connection_the_server_closed_is_replaced_and_nothing_it_vouched_for_is_kept(keys, other):
    other.set("version", 7)
    keys.get_many(["version"])
    other.client_kill_filter(_type="normal", skipme=True)  # every client but this one
    other.set("version", 8)  # no connection is left to tell the process
    assert keys.get_many(["version"]) == {"version": 8}


def test_values_are_not_trusted_past_the_heartbeat_without_news_from_redis(
    keys, other, server, monkeypatch
):
    other.set("version", 7)
    keys.get_many(["version"])
    monkeypatch.setattr(tracked, "HEARTBEAT_SECONDS", 0.0)
    # A server that stops answering: the process cannot know what changed meanwhile.
    other.client_pause(1000, all=True)
    with pytest.raises(redis.exceptions.TimeoutError):
        keys.get_many(["version"])
    other.client_unpause()
    other.set("version", 9)
    assert keys.get_many(["version"]) == {"version": 9}


def test_a_forked_process_starts_with_a_connection_of_its_own(keys, other):
    other.set("version", 7)
    keys.get_many(["version"])
    parent = keys._connection
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child reports what it read and whether it made a new connection
        try:
            value = keys.get_many(["version"]).get("version")
            os.write(write, f"{value} {keys._connection is not parent}".encode())
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    assert os.read(read, 100).decode() == "7 True"
    assert keys._connection is parent

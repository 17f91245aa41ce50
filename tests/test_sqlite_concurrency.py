"""SQLite (the `make run` default) queues concurrent writers instead of failing them."""

import sqlite3
import threading
import time


def _register_sqlite(alias, path):
    """A second database configured with the forum's SQLite options, on a file of its own."""
    from django.db import connections

    from forum.settings import base

    options = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    if base.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        options = base.DATABASES["default"]["OPTIONS"]
    connections.settings[alias] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
        "TIME_ZONE": None,
        "CONN_HEALTH_CHECKS": False,
        "CONN_MAX_AGE": 0,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
    }


def test_sqlite_is_opened_with_immediate_transactions_and_a_busy_timeout():
    from forum.settings import base

    if base.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        options = base.DATABASES["default"]["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] >= 5


def test_concurrent_read_then_write_transactions_on_sqlite_wait_instead_of_failing(
    tmp_path, django_db_blocker
):
    from django.db import connections, transaction

    path = tmp_path / "race.sqlite3"
    with sqlite3.connect(path) as db:
        # A deployed database is already in WAL mode (migrate ran first, alone); switching
        # modes takes an exclusive lock that eight new connections would race for.
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE counter (n INTEGER)")
        db.execute("INSERT INTO counter VALUES (0)")
    _register_sqlite("race", path)
    errors, barrier = [], threading.Barrier(8)

    def bump():
        try:
            barrier.wait()
            # Read, then write: with deferred transactions two of these deadlock and one
            # fails with "database is locked".
            with transaction.atomic(using="race"), connections["race"].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                time.sleep(0.02)  # long enough for the others to read too
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except Exception as error:  # collected: the assertion below reports them
            errors.append(error)
        finally:
            connections["race"].close()

    try:
        with django_db_blocker.unblock():
            threads = [threading.Thread(target=bump) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        del connections.settings["race"]
    assert errors == []
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT n FROM counter").fetchone() == (8,)

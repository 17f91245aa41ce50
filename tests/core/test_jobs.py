"""`enqueue` sends a task only once the transaction commits (the worker must find the rows
it reads), and a broker that is down costs a request a fallback, not an error."""

import time

import pytest
from celery import shared_task
from django.db import transaction

from forum.core.jobs import enqueue, send_now
from tests.conftest import CLOSED_BROKER

ran: list[str] = []


@shared_task
def remember(word: str) -> None:
    ran.append(word)


@pytest.fixture(autouse=True)
def forget():
    ran.clear()


@pytest.mark.django_db(transaction=True)
def test_a_task_asked_for_in_a_transaction_runs_only_after_it_commits():
    with transaction.atomic():
        enqueue(remember, "committed")
        assert ran == []
    assert ran == ["committed"]


@pytest.mark.django_db(transaction=True)
def test_a_task_asked_for_in_a_rolled_back_transaction_never_runs():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(remember, "rolled back")
        raise RuntimeError
    assert ran == []


def test_broker_down_the_fallback_runs_at_once(use_broker):
    use_broker(CLOSED_BROKER)
    started = time.monotonic()
    assert send_now(remember, "sent", if_broker_down=lambda: ran.append("fallback")) is False
    assert ran == ["fallback"]
    assert time.monotonic() - started < 3

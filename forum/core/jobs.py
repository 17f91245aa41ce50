"""Asking for background work: `enqueue` sends a Celery task once the current transaction
commits, so a request never waits for a job whose answer it does not need, and a task never
reads rows that are not there yet.

When the broker cannot be reached the request still succeeds: `enqueue` logs it and calls
`if_broker_down` instead (e.g. run a small job inline, or leave a job row queued for
`celery beat` or `manage.py run_jobs` to pick up). Without a broker configured
(CELERY_TASK_ALWAYS_EAGER) tasks run in the process that asks, which is what `make run` and
the tests do.
"""

import logging
from collections.abc import Callable

from django.db import transaction

log = logging.getLogger("forum.jobs")


def enqueue(task, *args, if_broker_down: Callable[[], object] | None = None, **kwargs) -> None:
    """Send `task(*args, **kwargs)` to the workers after the transaction commits (at once
    outside one)."""
    transaction.on_commit(lambda: send_now(task, *args, if_broker_down=if_broker_down, **kwargs))


def send_now(task, *args, if_broker_down: Callable[[], object] | None = None, **kwargs) -> bool:
    """Send the task now; False (after `if_broker_down`) when the broker cannot be reached."""
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except Exception as error:  # kombu's OperationalError, a refused or timed-out socket
        log.warning("broker unreachable, %s not sent: %s", task.name, error)
        if if_broker_down is not None:
            if_broker_down()
        return False
    return True

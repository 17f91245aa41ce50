"""The real thing: a `celery -A forum worker` subprocess on a real broker and the test's
PostgreSQL database does a campaign job and sends a confirmation e-mail.

Run with FORUM_REAL_BROKER=1 against PostgreSQL (.ci/run does); the broker is
FORUM_REAL_BROKER_URL, by default Redis database 11, which nothing else here uses."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from forum.moderation.models import AuditLogEntry, Job
from forum.posts.models import Status
from tests.factories import sign_up
from tests.moderation.test_jobs import held_comments

BROKER = os.environ.get("FORUM_REAL_BROKER_URL", "redis://127.0.0.1:6379/11")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("FORUM_REAL_BROKER") != "1", reason="set FORUM_REAL_BROKER=1 (and PG)"
    ),
    pytest.mark.django_db(transaction=True),  # the worker must see committed rows
]


@pytest.fixture
def worker(tmp_path, use_broker, settings):
    """A worker process on the test database; yields its log file."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs the test database to be PostgreSQL")
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings.test",
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": BROKER,
        "FORUM_SIGNUP_CONFIRM_EMAIL": "1",
    }
    command = [sys.executable, "-m", "celery", "-A", "forum", "worker", "--pool", "solo"]
    with log.open("w") as output:
        process = subprocess.Popen(
            [*command, "--purge", "--without-mingle", "--without-gossip", "-l", "info"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    use_broker(BROKER)
    try:
        wait_for(lambda: "ready." in log.read_text(), what="the worker to start", log=log)
        yield log
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(check, *, what: str, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds} s for {what}; worker log:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def test_a_worker_rejects_a_campaign_batch_by_batch(worker, moderator_client, settings):
    posts = held_comments(250)
    started = time.monotonic()
    response = moderator_client.post(
        reverse("moderation:act_on_campaign", args=[posts[0].pk]),
        {"decision": "reject", "items": ",".join(str(post.pk) for post in posts)},
    )
    asked = time.monotonic() - started
    assert response.status_code == 302
    job = Job.objects.get()

    def finished():
        job.refresh_from_db()
        return job.finished

    wait_for(finished, what="the campaign job", log=worker)
    took = time.monotonic() - started
    print(
        f"request {asked * 1000:.0f} ms; job of {job.total} posts done by a worker in {took:.1f} s"
    )
    assert (job.state, job.done, job.changed) == (Job.State.DONE, 250, 250)
    assert all(
        p.status == Status.SPAM for p in type(posts[0]).objects.filter(pk__in=[p.pk for p in posts])
    )
    assert AuditLogEntry.objects.filter(action=AuditLogEntry.Action.REJECTED).count() == 250
    # A task a batch: 100 posts each (FORUM_JOB_BATCH).
    assert worker.read_text().count("tasks.run_job[") >= 3 * 2  # received + succeeded


def test_a_worker_sends_the_confirmation_email(worker, client, settings):
    settings.FORUM_SIGNUP_CONFIRM_EMAIL = True
    response = sign_up(client, username="queued", email="queued@example.org")
    assert response.status_code == 200
    wait_for(
        lambda: "Confirm your forum account" in worker.read_text(),
        what="the e-mail (printed by the worker's console backend)",
        log=worker,
    )
    assert "queued@example.org" in worker.read_text()

"""The moderation app's Celery tasks (found by `app.autodiscover_tasks()` in forum/celery.py):
moderation jobs a batch a task, and the scheduled upkeep of the spam filter
(settings.CELERY_BEAT_SCHEDULE)."""

import hashlib
import json
import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from forum.core.jobs import send_now

from . import jobs, spam
from .models import Job

log = logging.getLogger("forum.jobs")


@shared_task(bind=True, ignore_result=True)
def run_job(self, job_id: int) -> None:
    """One batch of a moderation job, then the next batch as a task of its own (so a worker
    is never held for a whole campaign and other work interleaves). Run eagerly (no broker),
    it does every batch in a loop."""
    try:
        more = jobs.run_batch(job_id)
        if self.request.is_eager:
            while more:
                more = jobs.run_batch(job_id)
    except Exception as error:
        log.exception("moderation job %s stopped", job_id)
        jobs.fail(job_id, f"Stopped by an error: {error}")
        return
    # If the broker is gone now, the job waits, and beat's resume_queued_jobs sends it again.
    if more:
        send_now(run_job, job_id)


@shared_task(ignore_result=True)
def resume_queued_jobs() -> int:
    return jobs.resume_queued()


@shared_task(ignore_result=True)
def save_spam_model() -> int:
    """The model's snapshot, so new app servers start from it (was `manage.py save_spam_model`
    by hand)."""
    return spam.save_model_snapshot().through


def filter_version() -> str:
    """What the filter's verdicts depend on besides the posts: its fitted weights and the
    thresholds. A change of either is a reason to score stored posts again."""
    weights = spam.weights_file_bytes()
    thresholds = json.dumps(settings.SPAM_FILTER_THRESHOLDS, sort_keys=True).encode()
    return hashlib.sha256(weights + b"\0" + thresholds).hexdigest()


@shared_task(ignore_result=True)
def rescan_if_filter_changed() -> int | None:
    """Start a rescan job when the filter's version has no rescan yet; its id, or None.

    The first run on a site records the version without rescanning anything: the posts were
    screened by this filter when they came in."""
    version = filter_version()
    rescans = Job.objects.filter(kind=Job.Kind.RESCAN)
    if rescans.filter(key=version).exists():
        return None
    if not rescans.exists():
        Job.objects.create(
            kind=Job.Kind.RESCAN, key=version, state=Job.State.DONE, finished_at=timezone.now()
        )
        return None
    return jobs.start_rescan_job(key=version).pk

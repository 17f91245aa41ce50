"""Moderation jobs: a decision on a whole campaign, a bulk action on more posts than one
batch, a rescan after the filter changed, done a batch at a time by the workers
(forum/moderation/tasks.py), with the progress moderators see on the queue.

A job is a `Job` row: what to do, its work list and how far it got. `run_batch` locks the
row, handles the next FORUM_JOB_BATCH posts in one transaction and moves `done` in that same
transaction, so a batch is committed with its progress or not at all: a task delivered twice
(a worker killed mid-batch, a job sent again after a broker outage) never decides a post twice.
Every post still goes through the same decision as a click on the queue does, with its own
audit entry, so each can be undone from the audit log.

When the broker cannot be reached, a job of one batch runs at once in the request (a few
seconds at most); a larger one stays queued, shown as "Waiting for a worker", until
`celery beat` sends it again (resume_queued) or someone runs `manage.py run_jobs`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from forum.accounts.models import User
from forum.core.jobs import enqueue, send_now
from forum.posts.models import STOPPED, Post

from . import selectors
from .actions import ACTIONS
from .decisions import DECISIONS, ActionRefused, decide, rescan_post
from .models import Job

Kind, State = Job.Kind, Job.State
# A job that has not moved for this long is sent to the workers again (its message was lost,
# or the broker was down when it was asked for); a batch takes seconds.
RESEND_AFTER = timedelta(minutes=5)


def batch_size() -> int:
    return settings.FORUM_JOB_BATCH


# --- Starting a job ---------------------------------------------------------------------------


def start_campaign_job(
    *, moderator: User, decision: str, post_ids: list[int], campaign_id: int
) -> Job:
    """Carry out one decision on every listed post of a campaign, in the background."""
    if decision not in DECISIONS:
        raise ActionRefused("Unknown decision.")
    ids = sorted(set(post_ids))
    return _start(
        Job(
            kind=Kind.CAMPAIGN,
            action=decision,
            reason="Campaign",
            moderator=moderator,
            campaign_id=campaign_id,
            targets=[[pk, None] for pk in ids],
            total=len(ids),
        )
    )


def start_bulk_job(
    *, moderator: User, action: str, targets: list[tuple[int, int | None]], reason: str
) -> Job:
    """A queue action on many ticked posts (each as of the version the moderator saw)."""
    if action not in ACTIONS:
        raise ActionRefused("Unknown action.")
    return _start(
        Job(
            kind=Kind.BULK,
            action=action,
            reason=reason,
            moderator=moderator,
            targets=[list(target) for target in targets],
            total=len(targets),
        )
    )


def start_rescan_job(*, key: str) -> Job:
    """Score every post no moderator decided on again, e.g. after the filter changed; `key`
    names the filter version it is for."""
    total = Post.objects.filter(moderated_at__isnull=True).count()
    return _start(Job(kind=Kind.RESCAN, key=key, total=total))


def _start(job: Job) -> Job:
    job.sent_at = timezone.now()
    job.save()
    # Sent after the request's transaction commits: the worker must find the row.
    enqueue(_task(), job.pk, if_broker_down=lambda: _broker_down(job.pk))
    return job


def _task():
    from .tasks import run_job  # tasks.py imports this module

    return run_job


def _broker_down(job_id: int) -> None:
    """No worker can be asked: a one-batch job is done now, a larger one waits, queued."""
    job = Job.objects.get(pk=job_id)
    if job.total <= batch_size():
        run_to_end(job_id)
    else:
        Job.objects.filter(pk=job_id).update(sent_at=None)


# --- Doing it ---------------------------------------------------------------------------------


def run_batch(job_id: int) -> bool:
    """Handle the job's next batch in one transaction; True when more remain."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return False
        if job.state == State.QUEUED:
            job.state, job.started_at = State.RUNNING, now
        try:
            with transaction.atomic():
                handled, changed = HANDLERS[job.kind](job)
        except (ActionRefused, Http404) as refusal:
            # This batch is rolled back whole; the batches before it stand (and each of their
            # decisions can be undone from the audit log).
            job.state, job.error, job.finished_at = State.FAILED, str(refusal)[:500], now
        else:
            job.done += handled
            job.changed += changed
            if job.done >= job.total or handled == 0:
                job.state, job.finished_at = State.DONE, now
                job.total = max(job.total, job.done)
        job.sent_at = now
        job.save(
            update_fields=[
                "state",
                "started_at",
                "finished_at",
                "error",
                "done",
                "changed",
                "total",
                "key",
                "sent_at",
            ]
        )
    return not job.finished


def run_to_end(job_id: int) -> None:
    """Every remaining batch, here and now (no broker, or `manage.py run_jobs`)."""
    while run_batch(job_id):
        pass


def fail(job_id: int, error: str) -> None:
    """Record that the job stopped on an unexpected error (its finished batches stand)."""
    Job.objects.filter(pk=job_id).exclude(state__in=(State.DONE, State.FAILED)).update(
        state=State.FAILED, error=error[:500], finished_at=timezone.now()
    )


def _campaign_batch(job: Job) -> tuple[int, int]:
    """The campaign's next posts: those gone or already published since are skipped."""
    targets = job.targets[job.done : job.done + batch_size()]
    moderator = job.moderator
    changed = 0
    posts = Post.objects.filter(pk__in=[pk for pk, _ in targets], status__in=STOPPED)
    for post in posts.order_by("pk"):
        entry = decide(job.action, moderator=moderator, post=post, reason=job.reason)
        changed += entry.changed_status
    return len(targets), changed


def _bulk_batch(job: Job) -> tuple[int, int]:
    """The next ticked posts, all or nothing as a bulk action in the request is."""
    targets = job.targets[job.done : job.done + batch_size()]
    action, moderator = ACTIONS[job.action], job.moderator
    changed = 0
    for post_id, revision in targets:
        post = selectors.get_post_for_moderation(post_id)
        result = action(moderator=moderator, post=post, reason=job.reason, seen_revision=revision)
        changed += bool(getattr(result, "changed_status", False))
    return len(targets), changed


def _rescan_batch(job: Job) -> tuple[int, int]:
    """The next posts no moderator decided on, by id (the cursor is the last one done)."""
    after = int(job.targets[0]) if job.targets else 0
    posts = list(
        Post.objects.filter(moderated_at__isnull=True, pk__gt=after)
        .select_related("author", "thread", "parent")
        .order_by("pk")[: batch_size()]
    )
    changed = 0
    for post in posts:
        before, status = rescan_post(post)
        changed += before != status
    if posts:
        job.targets = [posts[-1].pk]
        Job.objects.filter(pk=job.pk).update(targets=job.targets)
    return len(posts), changed


HANDLERS = {Kind.CAMPAIGN: _campaign_batch, Kind.BULK: _bulk_batch, Kind.RESCAN: _rescan_batch}


# --- Keeping jobs moving ------------------------------------------------------------------------


def resume_queued() -> int:
    """Send again every unfinished job that has not moved for RESEND_AFTER (or was never
    sent); return how many. Harmless for a job still running: batches never repeat."""
    stale = timezone.now() - RESEND_AFTER
    waiting = Job.objects.exclude(state__in=(State.DONE, State.FAILED)).filter(
        Q(sent_at__isnull=True) | Q(sent_at__lt=stale)
    )
    resent = 0
    for job_id in waiting.values_list("pk", flat=True):
        if send_now(_task(), job_id):
            Job.objects.filter(pk=job_id).update(sent_at=timezone.now())
            resent += 1
    return resent


def recent_jobs(kinds=(Kind.CAMPAIGN, Kind.BULK), limit: int = 5) -> list[Job]:
    """The jobs a moderator follows on the queue: unfinished ones, then the latest finished."""
    return list(
        Job.objects.filter(kind__in=kinds)
        .select_related("moderator")
        .order_by(F("finished_at").desc(nulls_first=True), "-created_at")[:limit]
    )

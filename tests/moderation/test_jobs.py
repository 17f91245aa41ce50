"""Campaign and bulk decisions on many posts are background jobs: the request only asks for
one, the workers do it a batch (one transaction) at a time, and the queue shows how far they
got. Tasks run eagerly here (no broker); the real worker is tests/moderation/test_worker.py."""

import time

import pytest
from django.urls import reverse

from forum.moderation import jobs
from forum.moderation.models import AuditLogEntry, Fingerprint, Job
from forum.moderation.spam import record_fingerprints
from forum.posts.models import Kind, Post, Status
from tests.conftest import CLOSED_BROKER
from tests.factories import make_question, make_user

# Real commits: a job is sent when the request's transaction commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def held_comments(count: int) -> list[Post]:
    question, author = make_question(), make_user()
    comment = Post(kind=Kind.COMMENT, thread=question, parent=question, author=author)
    comment.set_body("Cheap watches at watchdeals.example, have a look today.")
    rows = [
        Post(
            kind=Kind.COMMENT,
            thread=question,
            parent=question,
            author=author,
            body=comment.body,
            body_html=comment.body_html,
            status=Status.HELD,
        )
        for _ in range(count)
    ]
    posts = Post.objects.bulk_create(rows)
    # One text in every post: one campaign, as its fingerprints show (a campaign action only
    # touches its campaign's posts).
    record_fingerprints(posts[0])
    keys = list(Fingerprint.objects.filter(post=posts[0]).values_list("key", flat=True))
    Fingerprint.objects.bulk_create(
        Fingerprint(key=key, post=post, thread_id=question.pk, created_at=post.created_at)
        for post in posts[1:]
        for key in keys
    )
    return posts


def reject_campaign(client, posts):
    return client.post(
        reverse("moderation:act_on_campaign", args=[posts[0].pk]),
        # As the preview's form sends them: one field, the ids comma-separated.
        {"decision": "reject", "items": ",".join(str(post.pk) for post in posts)},
    )


def test_a_2000_post_campaign_request_returns_at_once_and_the_job_rejects_every_post(
    moderator_client, use_broker
):
    posts = held_comments(2000)
    use_broker("memory://")  # the request only hands the job to a broker
    started = time.monotonic()
    response = reject_campaign(moderator_client, posts)
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 3, f"the request took {elapsed:.1f} s"
    job = Job.objects.get()
    assert (job.state, job.total, job.done) == (Job.State.QUEUED, 2000, 0)
    assert Post.objects.filter(status=Status.HELD).count() == 2000  # nothing done in it
    page = moderator_client.get(reverse("moderation:queue"), {"tab": "campaigns"}).text
    assert "0 of 2000 posts" in page and 'http-equiv="refresh"' in page

    jobs.run_to_end(job.pk)  # what the workers do, batch after batch

    job.refresh_from_db()
    assert (job.state, job.done, job.changed) == (Job.State.DONE, 2000, 2000)
    assert not Post.objects.filter(status=Status.HELD).exists()
    rejected = AuditLogEntry.objects.filter(action=AuditLogEntry.Action.REJECTED)
    assert rejected.count() == 2000  # one audit entry a post, as a click on the queue writes
    page = moderator_client.get(reverse("moderation:queue"), {"tab": "campaigns"}).text
    assert "2000 of 2000 posts" in page and 'http-equiv="refresh"' not in page


def test_each_batch_commits_with_its_progress(moderator, settings, use_broker):
    settings.FORUM_JOB_BATCH = 100
    posts = held_comments(250)
    use_broker("memory://")
    job = jobs.start_campaign_job(
        moderator=moderator, decision="reject", post_ids=[p.pk for p in posts], campaign_id=1
    )
    assert jobs.run_batch(job.pk) is True
    job.refresh_from_db()
    assert (job.state, job.done) == (Job.State.RUNNING, 100)
    assert Post.objects.filter(status=Status.HELD).count() == 150


def test_a_job_delivered_twice_never_decides_a_post_twice(moderator):
    posts = held_comments(5)
    job = jobs.start_campaign_job(
        moderator=moderator, decision="reject", post_ids=[p.pk for p in posts], campaign_id=1
    )
    jobs.run_to_end(job.pk)
    jobs.run_to_end(job.pk)  # the same job again: a message delivered twice
    assert AuditLogEntry.objects.filter(action=AuditLogEntry.Action.REJECTED).count() == 5


def test_a_campaign_rejection_can_be_undone_post_by_post(moderator_client, moderator):
    posts = held_comments(3)
    job = jobs.start_campaign_job(
        moderator=moderator, decision="reject", post_ids=[p.pk for p in posts], campaign_id=1
    )
    jobs.run_to_end(job.pk)
    entry = AuditLogEntry.objects.filter(post=posts[0]).latest("pk")
    moderator_client.post(reverse("moderation:undo"), {"entry": [entry.pk]})
    posts[0].refresh_from_db()
    assert posts[0].status == Status.HELD


def test_a_bulk_action_on_more_than_a_batch_is_a_job(moderator_client, settings, use_broker):
    settings.FORUM_JOB_BATCH = 10
    posts = held_comments(25)
    use_broker("memory://")
    response = moderator_client.post(
        reverse("moderation:act"),
        {"bulk": "approve", "items": [f"{p.pk}@{p.revision}" for p in posts], "tab": "held"},
    )
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.kind, job.total) == (Job.Kind.BULK, 25)
    jobs.run_to_end(job.pk)
    assert Post.objects.filter(status=Status.VISIBLE, kind=Kind.COMMENT).count() == 25


def test_a_bulk_job_stops_at_a_post_edited_since_and_keeps_earlier_batches(moderator, settings):
    settings.FORUM_JOB_BATCH = 2
    posts = held_comments(4)
    targets = [(p.pk, p.revision) for p in posts]
    targets[3] = (posts[3].pk, posts[3].revision + 1)  # the moderator saw another version
    job = jobs.start_bulk_job(moderator=moderator, action="approve", targets=targets, reason="")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "edited" in job.error
    assert job.done == 2
    statuses = [Post.objects.get(pk=p.pk).status for p in posts]
    # The first batch stands; the refused batch changed nothing.
    assert statuses == [Status.VISIBLE, Status.VISIBLE, Status.HELD, Status.HELD]


def test_a_small_bulk_action_stays_in_the_request_all_or_nothing(moderator_client):
    posts = held_comments(3)
    moderator_client.post(
        reverse("moderation:act"),
        {"bulk": "approve", "items": [f"{p.pk}@{p.revision}" for p in posts], "tab": "held"},
    )
    assert not Job.objects.exists()
    assert Post.objects.filter(status=Status.VISIBLE, kind=Kind.COMMENT).count() == 3


# --- The broker down ------------------------------------------------------------------------


def test_broker_down_a_small_campaign_is_rejected_in_the_request(moderator_client, use_broker):
    posts = held_comments(5)
    use_broker(CLOSED_BROKER)
    started = time.monotonic()
    response = reject_campaign(moderator_client, posts)
    elapsed = time.monotonic() - started
    assert response.status_code == 302 and elapsed < 5
    assert Post.objects.filter(status=Status.SPAM).count() == 5
    assert Job.objects.get().state == Job.State.DONE


def test_broker_down_a_large_campaign_waits_queued_and_is_sent_again(
    moderator_client, use_broker, settings
):
    settings.FORUM_JOB_BATCH = 10
    posts = held_comments(30)
    use_broker(CLOSED_BROKER)
    response = reject_campaign(moderator_client, posts)
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.state, job.sent_at) == (Job.State.QUEUED, None)
    page = moderator_client.get(reverse("moderation:queue"), {"tab": "campaigns"}).text
    assert "Waiting for a worker" in page
    assert jobs.resume_queued() == 0  # still down: it stays queued
    use_broker("memory://")  # the broker is back
    assert jobs.resume_queued() == 1


def test_broker_down_posting_an_answer_still_works(member_client, question, use_broker):
    use_broker(CLOSED_BROKER)
    started = time.monotonic()
    response = member_client.post(
        reverse("answers:create", args=[question.pk]),
        {"body": "The Soviet armoured brigades outflanked the Japanese infantry at the river."},
    )
    assert response.status_code == 302 and time.monotonic() - started < 5
    assert Post.objects.filter(kind=Kind.ANSWER, thread=question).exists()


def test_the_manage_command_runs_waiting_jobs_without_a_broker(moderator, use_broker):
    from django.core.management import call_command

    posts = held_comments(3)
    use_broker(CLOSED_BROKER)
    Job.objects.create(
        kind=Job.Kind.CAMPAIGN,
        action="reject",
        moderator=moderator,
        targets=[[p.pk, None] for p in posts],
        total=3,
    )
    call_command("run_jobs")
    assert Post.objects.filter(status=Status.SPAM).count() == 3

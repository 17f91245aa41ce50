"""The spam filter's scheduled upkeep (settings.CELERY_BEAT_SCHEDULE): the model's snapshot,
and a rescan of undecided posts when the filter's weights or thresholds change."""

import pytest
from django.conf import settings as django_settings

from forum.celery import app
from forum.moderation import tasks
from forum.moderation.models import AuditLogEntry, Job, SpamModelSnapshot
from forum.moderation.spam import reset_filter
from forum.posts.models import Status
from tests.factories import ANSWER_BODY, make_comment

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    for name, entry in django_settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_the_hourly_task_saves_the_spam_model():
    tasks.save_spam_model.delay()
    assert SpamModelSnapshot.objects.count() == 1


def test_the_first_check_records_the_filter_without_rescanning():
    assert tasks.rescan_if_filter_changed() is None
    assert Job.objects.get().kind == Job.Kind.RESCAN
    assert tasks.rescan_if_filter_changed() is None  # nothing changed since


def test_new_thresholds_rescan_undecided_posts(settings, question):
    tasks.rescan_if_filter_changed()
    held = make_comment(question, body=ANSWER_BODY, status=Status.HELD)
    decided = make_comment(question, body=ANSWER_BODY, status=Status.HELD)
    type(decided).objects.filter(pk=decided.pk).update(moderated_at=decided.created_at)
    settings.SPAM_FILTER_THRESHOLDS = {**settings.SPAM_FILTER_THRESHOLDS, "low_value": 0.99}
    reset_filter()
    try:
        job_id = tasks.rescan_if_filter_changed()
    finally:
        reset_filter()
    job = Job.objects.get(pk=job_id)
    assert job.state == Job.State.DONE and job.changed >= 1
    held.refresh_from_db()
    decided.refresh_from_db()
    assert held.status == Status.VISIBLE  # the filter lets it through now
    assert decided.status == Status.HELD  # a moderator's decision is never overridden
    assert AuditLogEntry.objects.filter(post=held, action=AuditLogEntry.Action.RESCANNED).exists()

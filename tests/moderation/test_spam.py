"""The spam filter's model: saved once, loaded by each new worker, then synced incrementally."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from forum.moderation.models import SpamModelSnapshot, TrainingExample
from forum.moderation.spam import _state, get_filter, reset_filter, save_model_snapshot

pytestmark = pytest.mark.django_db

SPAM = "cheap pills here, write to me in private messages for a discount"
HAM = "the Soviet tanks crossed the river at night and surrounded the Japanese"


@pytest.fixture(autouse=True)
def fresh_filter(settings):
    settings.SPAM_MODEL_SYNC_SECONDS = 0
    reset_filter()
    yield
    reset_filter()


def _decide(count: int, *, start: int = 0) -> list[TrainingExample]:
    return [
        TrainingExample.objects.create(text=f"{SPAM} {n}" if n % 2 else f"{HAM} {n}", is_spam=n % 2)
        for n in range(start, start + count)
    ]


def _model_learning_everything() -> dict:
    reset_filter()
    SpamModelSnapshot.objects.all().delete()
    get_filter()
    return _state.model.to_dict()


def test_a_worker_started_from_a_snapshot_learns_only_later_decisions(db):
    _decide(30)
    save_model_snapshot()
    later = _decide(2, start=30)
    get_filter()
    assert sorted(_state.learned) == sorted(example.pk for example in later)


def test_a_worker_started_from_a_snapshot_has_the_model_of_one_that_learned_everything(db):
    _decide(30)
    save_model_snapshot()
    _decide(3, start=30)
    get_filter()
    from_snapshot = _state.model.to_dict()
    assert from_snapshot == _model_learning_everything()


def test_a_decision_revoked_after_the_snapshot_is_forgotten_once(db):
    examples = _decide(30)
    save_model_snapshot()
    get_filter()
    TrainingExample.objects.filter(pk=examples[3].pk).update(revoked_at=timezone.now())
    get_filter()
    get_filter()  # a second sync must not forget it again
    from_snapshot = _state.model.to_dict()
    assert from_snapshot == _model_learning_everything()


def test_a_decision_revoked_before_the_snapshot_is_not_forgotten_again(db):
    examples = _decide(30)
    TrainingExample.objects.filter(pk=examples[5].pk).update(revoked_at=timezone.now())
    save_model_snapshot()
    get_filter()
    assert _state.model.to_dict() == _model_learning_everything()


def test_save_spam_model_command_keeps_the_two_newest_snapshots(db):
    _decide(4)
    for _ in range(3):
        call_command("save_spam_model", stdout=StringIO())
    assert SpamModelSnapshot.objects.count() == 2

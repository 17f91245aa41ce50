"""Decisions on a post: a moderator's, what they teach the filter, the audit log, and rescans."""

import pytest

from forum.comments.services import post_comment
from forum.moderation import decisions
from forum.moderation.models import AuditLogEntry, TrainingExample
from forum.moderation.spam import _state, get_filter
from forum.posts.models import Status
from tests.factories import make_answer, make_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_model")]


def _log(post):
    return list(AuditLogEntry.objects.filter(post_id=post.pk).order_by("pk"))


def test_approve_publishes_a_held_reply_and_logs_before_and_after(moderator, question):
    comment = make_comment(question, status=Status.HELD)
    decisions.approve_post(moderator=moderator, post=comment)
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE
    assert comment.moderated_at is not None
    entry = _log(comment)[-1]
    assert (entry.actor, entry.action) == (moderator, AuditLogEntry.Action.APPROVED)
    assert (entry.status_before, entry.status_after) == (Status.HELD, Status.VISIBLE)


def test_approving_a_held_answer_counts_it(moderator, question):
    answer = make_answer(question, status=Status.HELD)
    decisions.approve_post(moderator=moderator, post=answer)
    question.refresh_from_db()
    assert question.answer_count == 1


def test_reject_hides_as_spam_and_teaches_the_model(moderator, question):
    comment = make_comment(question, body="Original wording of a reply nobody wants here.")
    decisions.reject_post(moderator=moderator, post=comment)
    comment.refresh_from_db()
    assert comment.status == Status.SPAM
    example = TrainingExample.objects.get()
    assert (example.is_spam, example.text, example.decided_by) == (True, comment.body, moderator)


def test_reject_then_restore_is_reversible_and_the_model_forgets(moderator, question):
    comment = make_comment(question)
    decisions.reject_post(moderator=moderator, post=comment)
    decisions.restore_post(moderator=moderator, post=comment)
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE
    active = TrainingExample.objects.filter(revoked_at__isnull=True)
    assert [example.is_spam for example in active] == [False]
    assert [entry.action for entry in _log(comment)] == ["rejected", "restored"]


def test_moderator_decisions_change_the_models_opinion(moderator, question):
    text = "Zorblax quintessential fribble wobbles nicely today."
    get_filter()
    before = _state.model.spam_probability(text)
    for _ in range(3):
        decisions.reject_post(moderator=moderator, post=make_comment(question, body=text))
    get_filter()  # syncs the process's model with the new decisions
    assert _state.model.spam_probability(text) > before


def test_hide_and_restore_do_not_train(moderator, question):
    answer = make_answer(question)
    decisions.hide_post(moderator=moderator, post=answer, reason="Rude")
    answer.refresh_from_db()
    assert (answer.status, answer.status_reason) == (Status.HIDDEN, "Rude")
    question.refresh_from_db()
    assert question.answer_count == 0
    decisions.restore_post(moderator=moderator, post=answer)
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE
    assert not TrainingExample.objects.exists()


def test_audit_log_cannot_be_rewritten_or_deleted(moderator, question):
    comment = make_comment(question)
    decisions.hide_post(moderator=moderator, post=comment)
    entry = AuditLogEntry.objects.get()
    entry.reason = "tampered"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_rescan_leaves_moderator_decisions_alone(moderator, member, question):
    comment = post_comment(author=member, parent=question, body="thanks!!")
    decisions.approve_post(moderator=moderator, post=comment)
    comment.refresh_from_db()
    assert decisions.rescan_post(comment) == (Status.VISIBLE, Status.VISIBLE)
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE


def test_rescan_moves_an_undecided_post_and_logs_it(question):
    # Stored as visible without screening, as replies from before the filter would be.
    comment = make_comment(
        question, body="Message me privately on Telegram, I will explain everything there."
    )
    before, after = decisions.rescan_post(comment)
    comment.refresh_from_db()
    assert before == Status.VISIBLE
    assert comment.status == after != Status.VISIBLE
    assert _log(comment)[-1].action == AuditLogEntry.Action.RESCANNED


def test_rescan_dry_run_changes_nothing(question):
    comment = make_comment(
        question, body="Message me privately on Telegram, I will explain everything there."
    )
    before, after = decisions.rescan_post(comment, dry_run=True)
    comment.refresh_from_db()
    assert before != after
    assert comment.status == Status.VISIBLE
    assert not AuditLogEntry.objects.exists()

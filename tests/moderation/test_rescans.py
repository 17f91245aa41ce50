"""Scoring stored posts again: moderators' decisions stand, the rest may move."""

import pytest

from forum.comments.services import post_comment
from forum.moderation import decisions, rescans
from forum.moderation.models import AuditLogEntry
from forum.posts.models import Status
from tests.factories import make_comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_model")]


def _log(post):
    return list(AuditLogEntry.objects.filter(post_id=post.pk).order_by("pk"))


def test_rescan_leaves_moderator_decisions_alone(moderator, member, question):
    comment = post_comment(author=member, parent=question, body="thanks!!")
    decisions.approve_post(moderator=moderator, post=comment)
    comment.refresh_from_db()
    assert rescans.rescan_post(comment) == (Status.VISIBLE, Status.VISIBLE)
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE


def test_rescan_moves_an_undecided_post_and_logs_it(question):
    # Stored as visible without screening, as replies from before the filter would be.
    comment = make_comment(
        question, body="Message me privately on Telegram, I will explain everything there."
    )
    before, after = rescans.rescan_post(comment)
    comment.refresh_from_db()
    assert before == Status.VISIBLE
    assert comment.status == after != Status.VISIBLE
    assert _log(comment)[-1].action == AuditLogEntry.Action.RESCANNED


def test_rescan_dry_run_changes_nothing(question):
    comment = make_comment(
        question, body="Message me privately on Telegram, I will explain everything there."
    )
    before, after = rescans.rescan_post(comment, dry_run=True)
    comment.refresh_from_db()
    assert before != after
    assert comment.status == Status.VISIBLE
    assert not AuditLogEntry.objects.exists()

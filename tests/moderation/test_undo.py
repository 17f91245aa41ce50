"""Every decision can be undone, back to the status the post had before it."""

import pytest
from django.urls import reverse

from forum.moderation import decisions
from forum.moderation.models import AuditLogEntry, TrainingExample
from forum.posts.models import Status
from tests.factories import make_answer, make_comment

pytestmark = pytest.mark.django_db

ACT = reverse("moderation:act")
UNDO = reverse("moderation:undo")


@pytest.mark.parametrize(
    ("before", "decision"),
    [(Status.HELD, "approve"), (Status.HIDDEN, "reject"), (Status.SPAM, "hide")],
)
def test_an_undo_returns_the_post_to_its_status_before_and_unteaches(
    moderator, question, before, decision
):
    answer = make_answer(question, status=before)
    entry = decisions.decide(decision, moderator=moderator, post=answer)
    decisions.undo_decision(moderator=moderator, entry=entry)
    answer.refresh_from_db()
    assert answer.status == before
    assert not TrainingExample.objects.filter(revoked_at__isnull=True).exists()
    assert AuditLogEntry.objects.latest("pk").action == AuditLogEntry.Action.UNDONE


def test_only_the_latest_change_can_be_undone(moderator, question):
    answer = make_answer(question)
    first = decisions.hide_post(moderator=moderator, post=answer)
    decisions.restore_post(moderator=moderator, post=answer)
    with pytest.raises(decisions.ActionRefused, match="latest"):
        decisions.undo_decision(moderator=moderator, entry=first)
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE


def test_undoing_the_filter_publishes_what_it_stopped(moderator, member, question):
    from forum.comments.services import post_comment

    comment = post_comment(author=member, parent=question, body="thanks!!")
    decisions.undo_decision(moderator=moderator, entry=AuditLogEntry.objects.get(post=comment))
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE


def test_the_last_queue_action_is_undone_from_the_banner(moderator_client, question):
    held = [make_comment(question, status=Status.HELD) for _ in range(2)]
    moderator_client.post(ACT, {"bulk": "approve", "items": [str(post.pk) for post in held]})
    page = moderator_client.get(reverse("moderation:queue")).text
    assert "You published 2 posts." in page
    entries = [str(entry.pk) for entry in AuditLogEntry.objects.all()]
    moderator_client.post(UNDO, {"entry": entries})
    for post in held:
        post.refresh_from_db()
        assert post.status == Status.HELD
    assert "Undo it" not in moderator_client.get(reverse("moderation:queue")).text


def test_the_audit_log_offers_undo_on_the_latest_change_only(moderator_client, moderator, question):
    answer = make_answer(question)
    first = decisions.hide_post(moderator=moderator, post=answer)
    second = decisions.restore_post(moderator=moderator, post=answer)
    page = moderator_client.get(reverse("moderation:log")).text
    row = page[page.index(f'id="entry-{second.pk}"') :]
    assert "Undo" in row[: row.index("</tr>")]
    row = page[page.index(f'id="entry-{first.pk}"') :]
    assert "Undo" not in row[: row.index("</tr>")]


def test_a_malformed_undo_changes_nothing(moderator_client, question):
    response = moderator_client.post(UNDO, {"entry": ["²"]}, follow=True)
    assert "Nothing to undo" in response.text


def test_moderators_act_from_the_thread_page_and_come_back_to_it(moderator_client, question):
    answer = make_answer(question)
    page = moderator_client.get(question.get_absolute_url()).text
    assert f'value="hide {answer.pk}@1"' in page
    response = moderator_client.post(
        ACT, {"act": f"hide {answer.pk}@1", "next": f"{question.get_absolute_url()}#answer-1"}
    )
    assert response["Location"].startswith(question.get_absolute_url())
    answer.refresh_from_db()
    assert answer.status == Status.HIDDEN


def test_next_pointing_off_site_is_ignored(moderator_client, question):
    answer = make_answer(question)
    response = moderator_client.post(
        ACT, {"act": f"hide {answer.pk}@1", "next": "https://evil.example/"}
    )
    assert "evil" not in response["Location"]


def test_readers_see_no_moderator_controls(member_client, question):
    answer = make_answer(question)
    assert f'value="hide {answer.pk}@1"' not in member_client.get(question.get_absolute_url()).text

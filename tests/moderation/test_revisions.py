"""Redacting an earlier version of a post: kept, hidden from the public, audited, reversible."""

import pytest
from django.urls import reverse

from forum.moderation import revisions
from forum.moderation.intake import revise_post
from forum.moderation.models import AuditLogEntry
from forum.posts.models import Revision
from tests.factories import ANSWER_BODY, make_answer, make_user

pytestmark = pytest.mark.django_db


def _edited_answer(question, author):
    answer = make_answer(question, author=author, body=f"{ANSWER_BODY} My phone: 555 0100.")
    revise_post(editor=author, post=answer, body=ANSWER_BODY)
    return answer, Revision.objects.get(post=answer)


def test_a_redacted_revision_is_hidden_from_the_public(client, moderator, member, question):
    answer, revision = _edited_answer(question, member)
    revisions.redact_revision(moderator=moderator, revision=revision, reason="phone number")
    html = client.get(reverse("posts:revisions", args=[answer.pk])).text
    assert "555 0100" not in html
    assert "removed from public view" in html


def test_moderators_still_read_a_redacted_revision(moderator_client, moderator, member, question):
    answer, revision = _edited_answer(question, member)
    revisions.redact_revision(moderator=moderator, revision=revision)
    assert "555 0100" in moderator_client.get(reverse("posts:revisions", args=[answer.pk])).text


def test_redaction_is_audited_and_reversible(moderator_client, moderator, member, question):
    answer, revision = _edited_answer(question, member)
    moderator_client.post(reverse("moderation:redact", args=[revision.pk]), {"reason": "pii"})
    moderator_client.post(reverse("moderation:unredact", args=[revision.pk]))
    revision.refresh_from_db()
    assert revision.redacted_at is None
    actions = list(
        AuditLogEntry.objects.filter(post=answer).order_by("pk").values_list("action", flat=True)
    )
    assert actions[-2:] == ["redacted", "unredacted"]


def test_members_cannot_redact(member_client, member, question):
    _, revision = _edited_answer(question, make_user())
    response = member_client.post(reverse("moderation:redact", args=[revision.pk]))
    assert response.status_code == 403

"""Closing, locking and reopening questions, and closing as a duplicate, through the pages."""

import pytest
from django.urls import reverse

from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.moderation.models import AuditLogEntry
from forum.notifications.models import Notification
from forum.posts.models import Post
from forum.votes.models import Vote
from tests.factories import ANSWER_BODY, make_answer, make_established_member, make_question

pytestmark = pytest.mark.django_db

Action = AuditLogEntry.Action


def _do(client, action, question, **data):
    return client.post(reverse(f"moderation:{action}", args=[question.pk]), data)


def _fresh(question) -> Post:
    return Post.objects.get(pk=question.pk)


def test_moderator_closes_a_question_and_members_see_why(
    moderator_client, client, member, question
):
    response = _do(moderator_client, "close", question, reason="Needs more focus")
    assert response.status_code == 302
    assert _fresh(question).is_closed
    client.force_login(member)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Needs more focus" in page
    assert reverse("answers:create", args=[question.pk]) not in page
    assert "closed, so it takes no new answers" in page


def test_a_closed_question_refuses_answers(moderator_client, client, member, question):
    _do(moderator_client, "close", question, reason="Off topic")
    client.force_login(member)
    response = client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_closing_is_audited_and_told_to_the_asker(moderator_client, question):
    _do(moderator_client, "close", question, reason="Off topic")
    entry = AuditLogEntry.objects.get(action=Action.CLOSED)
    assert (entry.post_id, entry.reason) == (question.pk, "Off topic")
    notice = Notification.objects.get(recipient=question.author)
    assert "closed" in notice.message and "Off topic" in notice.message


def test_closing_without_a_reason_is_refused(moderator_client, question):
    response = _do(moderator_client, "close", question, reason="")
    assert response.status_code == 302
    assert not _fresh(question).is_closed
    assert not AuditLogEntry.objects.exists()


def test_close_as_duplicate_links_to_the_original(moderator_client, client, question):
    original = make_question(title="How did the Soviet tanks cross the Khalkhin river?")
    _do(moderator_client, "close", question, duplicate_of=original.get_absolute_url())
    assert _fresh(question).duplicate_of_id == original.pk
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Closed as a duplicate" in page
    assert f'href="{original.get_absolute_url()}"' in page


def test_close_as_duplicate_accepts_a_plain_number(moderator_client, question):
    original = make_question()
    _do(moderator_client, "close", question, duplicate_of=str(original.pk))
    assert _fresh(question).duplicate_of_id == original.pk


def test_a_question_cannot_duplicate_itself(moderator_client, question):
    _do(moderator_client, "close", question, duplicate_of=str(question.pk))
    assert not _fresh(question).is_closed


def test_a_duplicate_of_an_unknown_question_is_refused(moderator_client, question):
    _do(moderator_client, "close", question, duplicate_of="987654")
    assert not _fresh(question).is_closed


def test_a_duplicate_of_an_answer_is_refused(moderator_client, question):
    answer = make_answer(question)
    _do(moderator_client, "close", question, duplicate_of=str(answer.pk))
    assert not _fresh(question).is_closed


def test_reopening_takes_answers_again_and_is_audited(moderator_client, client, member, question):
    _do(moderator_client, "close", question, reason="Off topic")
    _do(moderator_client, "reopen", question)
    assert not _fresh(question).is_closed
    assert AuditLogEntry.objects.filter(action=Action.REOPENED).exists()
    client.force_login(member)
    client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    assert Answer.objects.exists()


def test_reopening_an_open_question_is_refused(moderator_client, question):
    _do(moderator_client, "reopen", question)
    assert not AuditLogEntry.objects.exists()


def test_members_cannot_close_or_lock(member_client, question):
    assert _do(member_client, "close", question, reason="mine").status_code == 403
    assert _do(member_client, "lock", question, reason="mine").status_code == 403
    assert not (_fresh(question).is_closed or _fresh(question).is_locked)


def test_closing_an_answer_is_404(moderator_client, question):
    answer = make_answer(question)
    assert _do(moderator_client, "close", answer, reason="x").status_code == 404


def test_moderators_see_close_and_lock_buttons_and_members_do_not(
    moderator_client, client, member, question
):
    close_url = reverse("moderation:close", args=[question.pk])
    assert close_url in moderator_client.get(question.get_absolute_url()).content.decode()
    client.force_login(member)
    assert close_url not in client.get(question.get_absolute_url()).content.decode()


def test_a_locked_question_refuses_member_comments(moderator_client, client, member, question):
    _do(moderator_client, "lock", question, reason="Heated")
    client.force_login(member)
    response = client.post(
        reverse("comments:create", args=[question.pk]), {"body": "Which river was it?"}
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_locked_question_refuses_votes(moderator_client, client, question):
    _do(moderator_client, "lock", question, reason="Heated")
    client.force_login(make_established_member())
    response = client.post(reverse("votes:vote", args=[question.pk]), {"value": "up"})
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_a_locked_question_refuses_member_edits(moderator_client, client, question):
    answer = make_answer(question)
    _do(moderator_client, "lock", question, reason="Edit war")
    client.force_login(answer.author)
    response = client.post(reverse("answers:edit", args=[answer.pk]), {"body": "Changed."})
    assert response.status_code == 403


def test_a_locked_question_shows_members_the_reason(moderator_client, client, question):
    _do(moderator_client, "lock", question, reason="Edit war")
    assert "Edit war" in client.get(question.get_absolute_url()).content.decode()


def test_locking_needs_a_reason(moderator_client, question):
    _do(moderator_client, "lock", question, reason="")
    assert not _fresh(question).is_locked


def test_unlocking_lets_members_comment_again(moderator_client, client, member, question):
    _do(moderator_client, "lock", question, reason="Heated")
    _do(moderator_client, "unlock", question)
    assert AuditLogEntry.objects.filter(action=Action.UNLOCKED).exists()
    client.force_login(member)
    client.post(reverse("comments:create", args=[question.pk]), {"body": "Which river was it?"})
    assert Comment.objects.exists()


@pytest.mark.parametrize("original", ["99999999999999999", "12\x00", "https://x/questions/"])
def test_a_strange_original_is_refused_without_a_500(moderator_client, question, original):
    response = _do(moderator_client, "close", question, duplicate_of=original, reason="Dup")
    assert response.status_code == 302
    assert _fresh(question).duplicate_of_id is None

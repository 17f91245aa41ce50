"""Authors appeal once for their own held or hidden posts; anything else is a clear refusal."""

import pytest
from django.urls import reverse

from forum.moderation.appeals import AppealRefused, appeal_post
from forum.moderation.models import Appeal, AuditLogEntry
from forum.posts.models import Status
from tests.factories import make_answer

pytestmark = pytest.mark.django_db

WHY = "This is a real answer: it names the brigades that crossed."


def test_an_author_appeals_for_a_held_post_and_it_is_logged(member, question):
    answer = make_answer(question, author=member, status=Status.HELD)
    appeal_post(author=member, post=answer, message=WHY)
    assert Appeal.objects.get().message == WHY
    assert AuditLogEntry.objects.get().action == AuditLogEntry.Action.APPEALED


@pytest.mark.parametrize(
    ("status", "by_author", "twice", "refusal"),
    [
        (Status.VISIBLE, True, False, "nothing to appeal"),
        (Status.SPAM, False, False, "Only the author"),
        (Status.SPAM, True, True, "already appealed"),
    ],
)
def test_appeals_that_make_no_sense_are_refused(
    member, other_member, question, status, by_author, twice, refusal
):
    answer = make_answer(question, author=member, status=status)
    if twice:
        appeal_post(author=member, post=answer, message=WHY)
    with pytest.raises(AppealRefused, match=refusal):
        appeal_post(author=member if by_author else other_member, post=answer, message=WHY)


def test_the_author_sees_the_appeal_form_under_a_hidden_post_and_sends_it(
    member_client, member, question
):
    answer = make_answer(question, author=member, status=Status.SPAM)
    page = member_client.get(question.get_absolute_url()).text
    assert "Hidden as spam" in page
    assert reverse("moderation:appeal", args=[answer.pk]) in page
    response = member_client.post(
        reverse("moderation:appeal", args=[answer.pk]), {"message": WHY}, follow=True
    )
    assert "Your appeal is with the moderators" in response.text
    assert "You have appealed" in response.text


def test_a_second_appeal_through_the_page_is_a_409_with_a_message(member_client, member, question):
    answer = make_answer(question, author=member, status=Status.HELD)
    url = reverse("moderation:appeal", args=[answer.pk])
    member_client.post(url, {"message": WHY})
    response = member_client.post(url, {"message": WHY})
    assert response.status_code == 409
    assert "already appealed" in response.text
    assert Appeal.objects.count() == 1


def test_someone_elses_post_cannot_be_appealed(member_client, question):
    answer = make_answer(question, status=Status.HELD)  # invisible to the member: 404
    response = member_client.post(reverse("moderation:appeal", args=[answer.pk]), {"message": WHY})
    assert response.status_code == 404


def test_a_visible_post_cannot_be_appealed(member_client, member, question):
    answer = make_answer(question, author=member)
    response = member_client.post(reverse("moderation:appeal", args=[answer.pk]), {"message": WHY})
    assert response.status_code == 403


def test_a_too_short_appeal_is_a_400_with_a_message(member_client, member, question):
    answer = make_answer(question, author=member, status=Status.HELD)
    url = reverse("moderation:appeal", args=[answer.pk])
    response = member_client.post(url, {"message": "no"})
    assert response.status_code == 400
    assert "Appeal not sent" in response.text
    assert not Appeal.objects.exists()


WAITING = "a moderator will decide"


def _appeal_then(decision, *, member, question, status=Status.SPAM, kind="answer"):
    """The member appeals through the page; a moderator answers it from the queue."""
    from django.test import Client

    from tests.factories import make_comment, make_moderator

    if kind == "answer":
        post = make_answer(question, author=member, status=status)
    else:
        post = make_comment(question, author=member, status=status)
    author = Client()
    author.force_login(member)
    author.post(reverse("moderation:appeal", args=[post.pk]), {"message": WHY})
    moderator = Client()
    moderator.force_login(make_moderator())
    moderator.post(reverse("moderation:act"), {"act": f"{decision} {post.pk}@1"})
    return author.get(question.get_absolute_url()).text


@pytest.mark.parametrize(
    ("status", "kind", "stays"),
    [
        (Status.SPAM, "answer", "stays hidden as spam"),
        (Status.HELD, "comment", "stays held for review"),
        (Status.HIDDEN, "answer", "stays hidden"),
    ],
)
def test_after_a_denied_appeal_the_author_reads_that_it_was_refused(
    member, question, status, kind, stays
):
    page = _appeal_then("deny", member=member, question=question, status=status, kind=kind)
    assert WAITING not in page
    assert "Your appeal was refused" in page
    assert f"a moderator looked at it and this {kind} {stays}" in page


def test_an_appeal_refused_by_another_decision_says_so(member, question):
    page = _appeal_then("reject", member=member, question=question, status=Status.HELD)
    assert WAITING not in page
    assert "Your appeal was refused" in page
    assert "this answer stays hidden as spam" in page


def test_after_a_granted_appeal_the_author_reads_that_it_was_granted(member, question):
    page = _appeal_then("approve", member=member, question=question)
    assert WAITING not in page
    assert "Your appeal was granted: this answer is published" in page


def test_readers_are_not_told_about_anothers_appeal(member, question, client):
    _appeal_then("approve", member=member, question=question)
    assert "Your appeal" not in client.get(question.get_absolute_url()).text


def test_an_open_appeal_still_says_a_moderator_will_decide(member_client, member, question):
    answer = make_answer(question, author=member, status=Status.SPAM)
    member_client.post(reverse("moderation:appeal", args=[answer.pk]), {"message": WHY})
    assert WAITING in member_client.get(question.get_absolute_url()).text


def test_appeals_are_rate_limited_per_author(member_client, member, question, settings):
    """One appeal per post, and a few an hour per author: a spam run's hundred hidden posts
    cannot fill the queue with appeals."""
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "appeal": {"user": "2/h"}}
    answers = [make_answer(question, author=member, status=Status.HIDDEN) for _ in range(3)]
    codes = [
        member_client.post(
            reverse("moderation:appeal", args=[answer.pk]), {"message": WHY}
        ).status_code
        for answer in answers
    ]
    assert codes == [302, 302, 429]
    assert Appeal.objects.count() == 2

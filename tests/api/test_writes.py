"""Writes go through the pages' services, with their permissions, limits and screening."""

import pytest
from django.test import Client, override_settings

from forum.moderation.models import AuditLogEntry, Flag
from forum.posts.models import Post, Revision, Status
from forum.votes.models import Vote
from tests.factories import (
    ANSWER_BODY,
    QUESTION_BODY,
    make_answer,
    make_established_member,
    make_question,
)

from .conftest import error_of

pytestmark = pytest.mark.django_db

SPINNER = "I apologise, but this is not what I need. Message me privately, we will talk."


def test_a_member_asks_a_question_with_tags(member_api, member):
    payload = {
        "title": "Why did the Kwantung Army attack?",
        "body": QUESTION_BODY,
        "tags": ["tanks"],
    }
    response = member_api.post("/questions", payload)
    assert response.status_code == 201, response.content
    question = Post.objects.get(pk=response.json()["id"])
    assert (question.author, question.title) == (member, payload["title"])
    assert [tag.name for tag in question.tags.all()] == ["tanks"]


def test_a_member_answers_a_question(member_api, question):
    response = member_api.post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY})
    assert response.status_code == 201
    assert response.json()["status"] == "visible"
    question.refresh_from_db()
    assert question.answer_count == 1


def test_an_answer_the_spam_filter_holds_tells_its_author_why_as_the_page_does(
    member_api, member_client, question
):
    response = member_api.post(f"/questions/{question.pk}/answers", {"body": SPINNER})
    assert response.status_code == 201
    posted = response.json()
    assert posted["status"] in ("held", "spam")
    reason = posted["status_reason"]
    assert reason.startswith("Our spam check")
    # The same plain words under the post on the thread page, and when read again.
    assert reason.replace("'", "&#x27;") in member_client.get(question.get_absolute_url()).text
    again = member_api.get(f"/posts/{posted['id']}").json()
    assert (again["status_label"], again["status_reason"]) == (posted["status_label"], reason)
    assert again["status_label"] in ("Held for a moderator's review", "Hidden as spam")
    # And readers never see it.
    assert Client().get(f"/api/posts/{posted['id']}").status_code == 404


def test_a_member_comments_on_an_answer(member_api, question):
    answer = make_answer(question)
    response = member_api.post(f"/posts/{answer.pk}/comments", {"body": "Which brigade was it?"})
    assert response.status_code == 201
    assert Post.objects.get(pk=response.json()["id"]).parent == answer


def test_an_edit_keeps_the_earlier_version(member_api, member, question):
    answer = make_answer(question, author=member)
    response = member_api.patch(f"/posts/{answer.pk}", {"body": ANSWER_BODY + " Zhukov led."})
    assert response.status_code == 200
    assert response.json()["revision"] == 2
    assert Revision.objects.get(post=answer).body == ANSWER_BODY


def test_an_edit_of_a_question_changes_its_title_and_keeps_its_tags(member_api, member):
    question = make_question(author=member)
    question.tags.create(name="tanks")
    response = member_api.patch(
        f"/posts/{question.pk}", {"body": QUESTION_BODY, "title": "A better title for this"}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["title"], response.json()["tags"]) == (
        "A better title for this",
        ["tanks"],
    )


def test_an_edit_from_an_old_revision_is_a_409_and_saves_nothing(member_api, member, question):
    answer = make_answer(question, author=member, revision=3)
    response = member_api.patch(
        f"/posts/{answer.pk}", {"body": "Other text entirely.", "revision": 2}
    )
    assert response.status_code == 409
    answer.refresh_from_db()
    assert answer.body == ANSWER_BODY


def test_nobody_edits_someone_elses_post(member_api, question):
    response = member_api.patch(f"/posts/{question.pk}", {"body": QUESTION_BODY})
    assert response.status_code == 403
    assert error_of(response)["message"] == "You can only edit your own questions."


def test_an_answer_takes_no_title(member_api, member, question):
    answer = make_answer(question, author=member)
    response = member_api.patch(f"/posts/{answer.pk}", {"body": ANSWER_BODY, "title": "A title"})
    assert response.status_code == 400
    assert "title" in error_of(response)["fields"]


def test_a_vote_moves_the_score_and_a_repeat_is_a_409(member_api, question):
    assert member_api.post(f"/posts/{question.pk}/vote", {"value": "up"}).json() == {"score": 1}
    again = member_api.post(f"/posts/{question.pk}/vote", {"value": "up"})
    assert again.status_code == 409
    assert Vote.objects.filter(post=question).count() == 1


def test_voting_down_needs_the_privilege(member_api, question):
    response = member_api.post(f"/posts/{question.pk}/vote", {"value": "down"})
    assert response.status_code == 403
    assert error_of(response)["message"] == "Voting down needs more reputation."


def test_nobody_votes_on_their_own_post(member_api, member):
    own = make_question(author=member)
    assert member_api.post(f"/posts/{own.pk}/vote", {"value": "up"}).status_code == 403


def test_the_asker_accepts_and_unaccepts_an_answer(api_for, other_member, question):
    answer = make_answer(question)
    asker = api_for(other_member)
    assert asker.post(f"/answers/{answer.pk}/accept").status_code == 200
    question.refresh_from_db()
    assert question.accepted_answer_id == answer.pk
    assert asker.delete(f"/answers/{answer.pk}/accept").status_code == 200
    question.refresh_from_db()
    assert question.accepted_answer_id is None


def test_only_the_asker_accepts(member_api, question):
    answer = make_answer(question)
    response = member_api.post(f"/answers/{answer.pk}/accept")
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.accepted_answer_id is None


def test_an_established_member_flags_a_post_once(api_for, question):
    flagger = api_for(make_established_member("carol"))
    response = flagger.post(f"/posts/{question.pk}/flags", {"reason": "rude"})
    assert response.status_code == 201
    assert flagger.post(f"/posts/{question.pk}/flags", {"reason": "rude"}).status_code == 409
    assert Flag.objects.filter(post=question).count() == 1


def test_a_new_member_may_not_flag(member_api, question):
    assert member_api.post(f"/posts/{question.pk}/flags", {"reason": "spam"}).status_code == 403


@override_settings(FORUM_RATE_LIMITS={"answer": {"user": "1/h"}})
def test_the_pages_rate_limit_refuses_with_429_and_retry_after(member_api, question):
    assert (
        member_api.post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY}).status_code
        == 201
    )
    response = member_api.post(
        f"/questions/{question.pk}/answers", {"body": ANSWER_BODY + " More."}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert error_of(response)["code"] == "rate_limited"
    assert Post.objects.filter(kind="answer").count() == 1


@override_settings(FORUM_POSTS_PER_HOUR=1, FORUM_NEW_ACCOUNT_POSTS_PER_HOUR=1)
def test_the_hourly_post_limit_is_a_429_with_retry_after(member_api, question):
    assert (
        member_api.post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY}).status_code
        == 201
    )
    response = member_api.post(f"/posts/{question.pk}/comments", {"body": "Which river was it?"})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"


def test_a_suspended_member_cannot_answer(member_api, member, question):
    from django.utils import timezone

    member.suspended_at = timezone.now()
    member.save()
    response = member_api.post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY})
    assert response.status_code == 403
    assert not Post.objects.filter(kind="answer").exists()


def test_no_answers_to_a_closed_question(member_api, question):
    from django.utils import timezone

    Post.objects.filter(pk=question.pk).update(closed_at=timezone.now())
    response = member_api.post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY})
    assert response.status_code == 403
    assert error_of(response)["message"] == "You may not answer this question."


def test_a_held_answer_is_in_the_audit_log_like_one_from_the_page(member_api, question):
    posted = member_api.post(f"/questions/{question.pk}/answers", {"body": SPINNER}).json()
    entry = AuditLogEntry.objects.get(post_id=posted["id"])
    assert entry.action == AuditLogEntry.Action.FILTERED
    assert entry.status_after == posted["status"] != Status.VISIBLE

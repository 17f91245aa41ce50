"""A threshold change is replayed over past posts before it goes live."""

import pytest
from django.urls import reverse

from forum.posts.models import Status
from tests.factories import make_answer, make_comment

pytestmark = pytest.mark.django_db

DRY_RUN = reverse("moderation:dry_run")


def test_a_lowered_threshold_lists_the_real_answers_it_would_newly_hold(
    moderator_client, settings, question
):
    settings.SPAM_FILTER_THRESHOLDS = {"low_value": 0.5, "spam": 0.8}
    real = make_answer(question, body="The brigades crossed at night.", spam_score=0.35)
    safe = make_answer(question, body="Zhukov planned a double envelopment.", spam_score=0.1)
    chatter = make_comment(question, body="nice one", spam_score=0.4)
    page = moderator_client.get(DRY_RUN, {"low_value": "0.3"}).text
    held = page[page.index("Would newly hold") : page.index("Would newly publish")]
    assert real.body in held and chatter.body in held
    assert held.index(real.body) < held.index(chatter.body)  # answers first
    assert safe.body not in held
    assert real.status == Status.VISIBLE  # nothing changed on the site


def test_questions_are_replayed_too_and_the_threshold_is_named_for_posts(
    moderator_client, settings, question
):
    settings.SPAM_FILTER_THRESHOLDS = {"low_value": 0.5, "spam": 0.8}
    question.spam_score = 0.35
    question.save(update_fields=["spam_score"])
    page = moderator_client.get(DRY_RUN, {"low_value": "0.3"}).text
    held = page[page.index("Would newly hold") : page.index("Would newly publish")]
    assert question.title in held
    assert "Hold posts scoring at least" in page
    assert "Hold replies" not in page


def test_a_raised_threshold_lists_what_it_would_newly_publish(moderator_client, settings, question):
    settings.SPAM_FILTER_THRESHOLDS = {"low_value": 0.5, "spam": 0.8}
    held = make_comment(question, body="held chatter", status=Status.HELD, spam_score=0.6)
    page = moderator_client.get(DRY_RUN, {"low_value": "0.7"}).text
    assert held.body in page[page.index("Would newly publish") :]


@pytest.mark.parametrize("value", ["abc", "-1", "2", "nan"])
def test_a_bad_threshold_is_a_form_error(moderator_client, value):
    response = moderator_client.get(DRY_RUN, {"low_value": value})
    assert response.status_code == 200
    assert "Would newly hold" not in response.text


def test_members_cannot_dry_run(member_client):
    assert member_client.get(DRY_RUN).status_code == 403


def test_shadow_mode_logs_what_it_would_hold_and_hides_nothing(settings, member, question, caplog):
    from forum.comments.services import post_comment

    settings.SPAM_FILTER_SHADOW_LOW_VALUE = 0.0  # would hold everything
    comment = post_comment(author=member, parent=question, body="Which brigades crossed first?")
    assert comment.status == Status.VISIBLE
    assert "would hold a comment" in caplog.text


def test_the_dry_run_page_opens_on_the_shadow_threshold(moderator_client, settings, question):
    settings.SPAM_FILTER_SHADOW_LOW_VALUE = 0.3
    make_answer(question, body="The brigades crossed at night.", spam_score=0.35)
    assert "The brigades crossed at night." in moderator_client.get(DRY_RUN).text

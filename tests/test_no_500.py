"""The six kinds of request that once answered 500 (issue 12), each now a 4xx or a success."""

import pytest
from django.urls import reverse

from tests.factories import make_answer, make_user

pytestmark = pytest.mark.django_db


def test_a_host_not_allowed_is_a_400_page(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_a_non_ascii_digit_in_a_moderation_action_is_refused(moderator_client, question):
    answer = make_answer(question)
    for act in (f"approve {answer.pk}²", "approve ²", f"approve {answer.pk}@²"):
        response = moderator_client.post(reverse("moderation:act"), {"act": act}, follow=True)
        assert response.status_code == 200
        assert "Unknown post" in response.text


def test_a_nul_byte_in_a_suspension_reason_is_refused(moderator_client):
    member = make_user()
    response = moderator_client.post(
        reverse("moderation:suspend", args=[member.username]), {"reason": "spam\x00"}
    )
    member.refresh_from_db()
    assert (response.status_code, member.is_suspended) == (302, False)


@pytest.mark.parametrize(
    "before",
    [
        "2020-01-01T00:00:00+99:00",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "0000-01-01T00:00:00",
        "2020-01-01T00:00:00+23:59",
    ],
)
def test_impossible_queue_dates_are_ignored(moderator_client, before):
    response = moderator_client.get(reverse("moderation:queue"), {"before": before})
    assert response.status_code == 200


def test_the_500_page_does_not_promise_that_nothing_was_lost():
    from django.template.loader import render_to_string

    assert "Nothing you posted was lost" not in render_to_string("500.html")


@pytest.mark.parametrize(
    ("page", "group", "who"),
    [
        ("accounts:signup", "signup", None),
        ("accounts:settings", "profile", "member"),
        ("moderation:watchlist", "moderate", "moderator"),
    ],
)
def test_an_empty_post_over_a_limit_is_refused_in_words_not_a_500(
    client, settings, member, moderator, page, group, who
):
    """A POST with no fields is a sent form: over its limit it shows the refusal (the form
    used to be left unbound, and adding the refusal to it was a 500)."""
    settings.FORUM_RATE_LIMITS = {
        **settings.FORUM_RATE_LIMITS,
        group: {key: "0/h" for key in settings.FORUM_RATE_LIMITS[group]},
    }
    if who:
        client.force_login(member if who == "member" else moderator)
    response = client.post(reverse(page))
    assert response.status_code == 429
    assert "Too many requests of this kind" in response.text

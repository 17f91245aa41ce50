"""Hostile input anywhere in a URL or form gets a clear 4xx, never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import make_answer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/users/%00/",
        "/tags/%00/",
        "/search/?q=%00",
        "/?sort=%00&page=%00",
        "/questions/1/%00/",
        "/moderation/?tab=%00&before=2020-13-45T99:99",
        "/moderation/?before=%00",
        "/search/?q=%22NEAR(%20OR%20*%5Btag%5D",
        "/search/?q=&page=-3",
        "/?page=99999999999999999999",
        "/?page=1e9",
        "/questions/1/x/?page=0&comments=abc",
    ],
)
def test_nul_bytes_and_garbage_in_urls_are_not_server_errors(moderator_client, question, path):
    assert moderator_client.get(path).status_code < 500


def test_nul_byte_in_a_body_is_a_form_error(member_client, question):
    response = member_client.post(
        reverse("answers:create", args=[question.pk]), {"body": "text\x00more"}
    )
    assert response.status_code == 400


def test_nul_byte_in_a_moderation_action_is_refused(moderator_client, question):
    answer = make_answer(question)
    response = moderator_client.post(
        reverse("moderation:act"), {"act": f"approve answer {answer.pk}\x00"}, follow=True
    )
    assert response.status_code < 500


def test_nul_byte_in_a_flag_reason_is_a_400(member_client, member, question):
    member.reputation = 100
    member.date_joined -= timedelta(days=30)  # flagging takes days of standing
    member.save(update_fields=["reputation", "date_joined"])
    answer = make_answer(question)
    response = member_client.post(
        reverse("moderation:flag", args=[answer.pk]), {"reason": "spam\x00"}
    )
    assert response.status_code == 400

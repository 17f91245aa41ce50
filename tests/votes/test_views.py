import pytest
from django.urls import reverse

from tests.factories import make_answer

pytestmark = pytest.mark.django_db


def test_member_upvotes_an_answer(member_client, question):
    answer = make_answer(question)
    response = member_client.post(reverse("votes:vote", args=[answer.pk]), {"value": "up"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.score == 1


def test_second_vote_is_a_400_with_a_message(member_client, question):
    url = reverse("votes:vote", args=[question.pk])
    member_client.post(url, {"value": "up"})
    response = member_client.post(url, {"value": "up"})
    assert response.status_code == 400
    assert "already voted" in response.text
    question.refresh_from_db()
    assert question.score == 1


def test_vote_on_a_missing_post_is_404(member_client, db):
    assert (
        member_client.post(reverse("votes:vote", args=[98765]), {"value": "up"}).status_code == 404
    )


def test_vote_with_a_bad_value_is_400(member_client, question):
    response = member_client.post(reverse("votes:vote", args=[question.pk]), {"value": "+5"})
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.score == 0


def test_voting_on_your_own_post_is_forbidden(client, question, other_member):
    client.force_login(other_member)
    response = client.post(reverse("votes:vote", args=[question.pk]), {"value": "up"})
    assert response.status_code == 403


def test_anonymous_vote_redirects_to_login(client, question):
    response = client.post(reverse("votes:vote", args=[question.pk]), {"value": "up"})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_down_vote_button_shows_only_with_the_privilege(member_client, member, question):
    page = member_client.get(question.get_absolute_url()).text
    assert 'value="down"' not in page  # a new member has not earned it
    member.reputation = 10_000
    member.save(update_fields=["reputation"])
    assert 'value="down"' in member_client.get(question.get_absolute_url()).text

"""The API tokens page: make a token (its secret shown once), list them, revoke one."""

import pytest
from django.urls import reverse

from forum.accounts.models import ApiToken
from forum.accounts.tokens import MAX_ACTIVE, create_token

pytestmark = pytest.mark.django_db
URL = "/accounts/tokens/"


def test_a_new_token_is_shown_once(member_client, member):
    response = member_client.post(URL, {"name": "backup script"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.text
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=member)
    assert token.name == "backup script"
    assert secret not in member_client.get(URL).text
    assert "backup script" in member_client.get(URL).text


def test_the_new_token_works_on_the_api(member_client, client, member):
    secret = member_client.post(URL, {"name": "script"}).context["secret"]
    client.logout()
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.json()["username"] == member.username


def test_revoking_from_the_page_stops_the_token(member_client, client, member):
    token, secret = create_token(user=member, name="old")
    response = member_client.post(reverse("accounts:revoke_api_token", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_nobody_revokes_another_members_token(member_client, other_member):
    token, _ = create_token(user=other_member, name="theirs")
    member_client.post(reverse("accounts:revoke_api_token", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_needs_a_name(member_client, member):
    response = member_client.post(URL, {"name": "   "})
    assert "This field is required." in response.text
    assert not ApiToken.objects.filter(user=member).exists()


def test_a_member_has_at_most_a_few_live_tokens(member_client, member):
    for n in range(MAX_ACTIVE):
        create_token(user=member, name=f"script {n}")
    response = member_client.post(URL, {"name": "one too many"})
    assert "Revoke one you no longer use first." in response.text
    assert ApiToken.objects.filter(user=member).count() == MAX_ACTIVE


def test_the_page_needs_a_login(client, db):
    assert client.get(URL).status_code == 302


def test_the_profile_links_to_the_tokens_page(member_client, member):
    assert URL in member_client.get(member.get_absolute_url()).text
    assert URL in member_client.get(reverse("accounts:settings")).text

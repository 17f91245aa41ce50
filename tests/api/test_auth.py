"""Who the API acts as: a personal token, or a member's session with its CSRF token."""

import pytest
from django.test import Client

from forum.accounts.models import ApiToken
from forum.accounts.tokens import create_token, digest, revoke_token
from forum.posts.models import Post
from tests.factories import ANSWER_BODY

from .conftest import ApiClient, error_of

pytestmark = pytest.mark.django_db


def test_a_token_is_kept_only_as_a_digest(member):
    token, secret = create_token(user=member, name="backup script")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in {str(value) for value in stored.values()}
    assert stored["digest"] == digest(secret)
    assert secret.startswith(stored["prefix"])


def test_a_revoked_token_is_a_401_and_writes_nothing(client, member, question):
    token, secret = create_token(user=member, name="old script")
    api = ApiClient(client, secret)
    assert api.get("/me").status_code == 200
    revoke_token(user=member, token_id=token.pk)
    response = api.post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY})
    assert response.status_code == 401
    assert error_of(response)["code"] == "bad_token"
    assert not Post.objects.filter(kind="answer").exists()


def test_an_unknown_token_is_a_401_even_for_reads(client, db):
    response = ApiClient(client, "forum_not-a-real-token").get("/questions")
    assert response.status_code == 401
    assert error_of(response)["code"] == "bad_token"


def test_another_scheme_is_a_401(client, db):
    response = client.get("/api/questions", HTTP_AUTHORIZATION="Basic YWxpY2U6c2VjcmV0")
    assert response.status_code == 401


def test_writes_without_credentials_are_a_401(anon_api, question):
    response = anon_api.post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY})
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthenticated"


def test_a_token_of_a_deactivated_member_is_refused(client, member):
    secret = create_token(user=member, name="script")[1]
    member.is_active = False
    member.save()
    assert ApiClient(client, secret).get("/me").status_code == 401


def test_a_session_write_without_the_csrf_token_is_refused(member, question):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    response = ApiClient(browser).post(f"/questions/{question.pk}/answers", {"body": ANSWER_BODY})
    assert response.status_code == 403
    assert error_of(response)["code"] == "csrf_failed"
    assert not Post.objects.filter(kind="answer").exists()


def test_a_session_write_with_the_csrf_token_is_done(member, question):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    browser.get("/accounts/tokens/")  # any page with a form sets the csrftoken cookie
    csrf = browser.cookies["csrftoken"].value
    response = ApiClient(browser).post(
        f"/questions/{question.pk}/answers", {"body": ANSWER_BODY}, HTTP_X_CSRFTOKEN=csrf
    )
    assert response.status_code == 201, response.content


def test_a_session_reads_as_its_member(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    assert browser.get("/api/me").json()["username"] == member.username

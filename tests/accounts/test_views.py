import pytest
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.posts.models import Status
from tests.factories import make_answer, make_question, sign_up

pytestmark = pytest.mark.django_db


def test_visitor_signs_up_and_is_logged_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert User.objects.filter(username="newcomer").exists()
    assert "newcomer" in client.get("/").text


def test_signup_with_mismatched_passwords_is_a_form_error(client):
    response = sign_up(client, password1="a-long-passphrase-1", password2="different-2")
    assert response.status_code == 200
    assert not User.objects.filter(username="newcomer").exists()


def test_member_logs_in_and_out(client, member):
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "Log in" in client.get("/").text


def test_imported_authors_cannot_log_in(client, db):
    from forum.accounts.services import get_or_create_imported_member

    imported = get_or_create_imported_member("imported-author", joined_at=timezone.now())
    assert not imported.has_usable_password()


def test_profile_lists_visible_posts_only(client, member):
    question = make_question(author=member, title="Alice asks about tank doctrine")
    make_answer(question, author=member, status=Status.SPAM)
    response = client.get(reverse("questions:profile", args=["alice"]))
    assert question.title in response.text
    answers = client.get(reverse("questions:profile", args=["alice"]), {"tab": "answers"}).text
    assert "Nothing yet." in answers


def test_unknown_profile_is_404(client, db):
    assert client.get(reverse("questions:profile", args=["nobody"])).status_code == 404


def test_createsuperuser_noinput_makes_a_moderator(monkeypatch, client):
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-unusual-passphrase")
    call_command(
        "createsuperuser", interactive=False, username="root", email="root@example.org", verbosity=0
    )
    # django-axes needs the request to count failures; the test client passes none itself.
    client.login(request=HttpRequest(), username="root", password="a-long-unusual-passphrase")
    assert client.get(reverse("moderation:queue")).status_code == 200

"""The logged-in member is read from the cache, and every change to them shows on the next
request (forum/accounts/usercache.py)."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.accounts.permissions import MODERATORS_GROUP
from forum.moderation.members import suspend_member
from tests.factories import PASSWORD, make_moderator, make_question, make_user

pytestmark = pytest.mark.django_db

# Read on their own, not joined to a post for its author's name.
# The session, the member's row as auth loads it, and permissions.
ACCOUNT_READS = (
    'FROM "django_session"',
    'SELECT "accounts_user"."id", "accounts_user"."password"',
    'FROM "auth_permission"',
)


def _logged_in(username: str) -> Client:
    """A browser that logged in through the form, as members do."""
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_members_page_makes_no_query_for_their_session_or_account_once_warm():
    make_user("alice")
    question = make_question()
    client = _logged_in("alice")
    client.get(question.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(question.get_absolute_url())
    assert response.wsgi_request.user.username == "alice"
    account_queries = [
        q["sql"] for q in queries.captured_queries if any(r in q["sql"] for r in ACCOUNT_READS)
    ]
    assert account_queries == []


def test_a_suspension_applies_to_a_logged_in_member_at_once():
    member = make_user("alice")
    client = _logged_in("alice")
    assert not client.get("/").context["user"].is_suspended  # the member is now cached
    suspend_member(moderator=make_moderator(), member=member, reason="Spam")
    assert client.get("/").context["user"].is_suspended


def test_a_password_changed_elsewhere_logs_out_every_other_session():
    member = make_user("alice")
    client = _logged_in("alice")
    assert client.get("/").context["user"] == member
    member.set_password("An0ther-long-passphrase")
    member.save()
    assert not client.get("/").context["user"].is_authenticated


def test_a_moderator_removed_from_the_group_loses_their_powers_at_once():
    moderator = make_moderator("mod")
    client = _logged_in("mod")
    assert client.get(reverse("moderation:queue")).status_code == 200
    moderator.groups.remove(Group.objects.get(name=MODERATORS_GROUP))
    assert client.get(reverse("moderation:queue")).status_code in (302, 403)


def test_a_reputation_change_shows_on_the_next_request():
    member = make_user("alice")
    client = _logged_in("alice")
    assert client.get("/").context["user"].reputation == member.reputation
    type(member).objects.filter(pk=member.pk).update(reputation=4321)
    assert client.get("/").context["user"].reputation == 4321


# --- another app server's changes, on a real Redis (REDIS_URL, in CI) -----------------------


def _until(condition, seconds: float = 0.1) -> None:
    """Redis's message about a change reaches this process within microseconds on one
    machine: `condition()` must hold within `seconds`."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "the change did not reach this server"


def test_a_log_out_on_another_server_ends_the_session_here_at_once(other_server):
    make_user("alice")
    url = make_question().get_absolute_url()
    client = _logged_in("alice")
    for _ in range(2):  # the session and the member are now kept in this process
        assert client.get(url).wsgi_request.user.username == "alice"
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    # Another server logs her out: the session's row and its cached copy go.
    Session.objects.filter(session_key=session_key).delete()
    other_server.delete(other_server.key(f"{cached_db.KEY_PREFIX}{session_key}"))
    _until(lambda: client.get(url).wsgi_request.user.is_anonymous)


def test_a_suspension_on_another_server_applies_here_at_once(other_server):
    member = make_user("alice")
    url = make_question().get_absolute_url()
    client = _logged_in("alice")
    for _ in range(2):
        assert client.get(url).wsgi_request.user.is_authenticated
    # Another server deactivates her: its UPDATE, and the deletion of her generation that
    # its usercache.forget sends to Redis (not through this process's cache).
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET is_active = false WHERE id = %s", [member.pk])
    other_server.delete(other_server.key(f"auth-user-generation:{member.pk}"))
    _until(lambda: client.get(url).wsgi_request.user.is_anonymous)

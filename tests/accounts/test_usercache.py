"""The logged-in member is read from the cache, and every change to them shows on the next
request (forum/accounts/usercache.py)."""

import pytest
from django.contrib.auth.models import Group
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

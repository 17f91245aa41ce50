"""The users page: members by reputation with their join date, paged, without the accounts
still waiting for their e-mail confirmation."""

import pytest
from django.test import Client
from django.urls import reverse

from forum.accounts.services import edit_profile
from tests.factories import make_user, sign_up

pytestmark = pytest.mark.django_db

USERS = reverse("questions:users")


def test_members_are_listed_by_reputation_with_reputation_and_join_date(client, db):
    make_user("modest", reputation=3)
    make_user("renowned", reputation=900)
    page = client.get(USERS).text
    assert page.index("renowned") < page.index("modest")
    assert '<td class="text-end reputation">900</td>' in page
    assert "<time datetime=" in page
    assert f'href="{reverse("questions:profile", args=["renowned"])}"' in page


def test_an_unconfirmed_account_is_not_listed(client, db):
    make_user("lurking-bot", is_active=False)
    assert "lurking-bot" not in client.get(USERS).text


def test_a_display_name_is_shown_with_the_username(client, member):
    edit_profile(member=member, display_name="Alice Liddell", about="")
    page = client.get(USERS).text
    assert ">Alice Liddell</a>" in page and '<span class="text-muted small">alice</span>' in page


def test_the_list_is_paged(client, db, settings):
    settings.FORUM_MEMBERS_PER_PAGE = 2
    for number in range(3):
        make_user(f"member-{number}", reputation=10 - number)
    first = client.get(USERS)
    assert "member-2" not in first.text and "Next" in first.text
    assert "member-2" in client.get(USERS, {"page": 2}).text
    assert client.get(USERS, {"page": "many"}).status_code == 200


def test_a_new_member_is_listed_at_once_though_the_list_is_cached(
    db, django_capture_on_commit_callbacks
):
    reader = Client()
    assert reader.get(USERS)["X-Page-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(Client(), username="just-arrived")
    assert "just-arrived" in reader.get(USERS).text

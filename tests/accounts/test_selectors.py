"""The members list: active members by reputation, one query a page."""

import pytest

from forum.accounts.selectors import list_members
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_members_come_highest_reputation_first_and_earlier_members_first_on_a_tie(db):
    first = make_user("first", reputation=5)
    make_user("second", reputation=50)
    make_user("third", reputation=5)
    page = list_members(number=1, per_page=10)
    assert [member.username for member in page] == ["second", "first", "third"]
    assert first.pk < page.object_list[2].pk


def test_accounts_waiting_for_confirmation_are_not_listed(db):
    make_user("confirmed")
    make_user("unconfirmed", is_active=False)
    assert [member.username for member in list_members(number=1, per_page=10)] == ["confirmed"]


def test_a_page_says_whether_another_follows_in_one_query(db, django_assert_num_queries):
    for number in range(5):
        make_user(f"member-{number}", reputation=number)
    with django_assert_num_queries(1):
        first = list_members(number=1, per_page=2)
        names = [member.username for member in first]
    last = list_members(number=3, per_page=2)
    assert names == ["member-4", "member-3"] and first.has_next
    assert [member.username for member in last] == ["member-0"] and not last.has_next

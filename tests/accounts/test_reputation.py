"""Reputation moves with votes and acceptance, in SQL; privileges and flag weight follow it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum.accounts.reputation import (
    change_reputation,
    flag_weight,
    has_privilege,
    list_privileges,
    list_reputation_events,
    shown_reputation,
)
from forum.answers.services import accept_answer, unaccept_answer
from forum.votes.services import cast_vote
from tests.factories import make_answer, make_established_member, make_moderator, make_user

pytestmark = pytest.mark.django_db


def _rep(user) -> int:
    user.refresh_from_db(fields=["reputation"])
    return user.reputation


def test_an_upvoted_answer_earns_its_author_ten(question, member):
    answer = make_answer(question)
    cast_vote(user=member, post=answer, value=1)
    assert _rep(answer.author) == 11


def test_retracting_a_vote_takes_back_its_reputation(question, member):
    cast_vote(user=member, post=question, value=1)
    cast_vote(user=member, post=question, value=None)
    assert _rep(question.author) == 1


def test_reputation_never_falls_below_one(question, member):
    cast_vote(user=member, post=question, value=-1)
    assert _rep(question.author) == 1


def test_accepting_credits_the_answerer_once_and_unaccepting_takes_it_back(question):
    answer = make_answer(question)
    accept_answer(answer=answer, by=answer.thread.author)
    accept_answer(answer=answer, by=answer.thread.author)
    assert _rep(answer.author) == 16
    unaccept_answer(answer=answer)
    assert _rep(answer.author) == 1


def test_accepting_another_answer_moves_the_credit(question):
    first, second = make_answer(question), make_answer(question)
    accept_answer(answer=first, by=first.thread.author)
    accept_answer(answer=second, by=second.thread.author)
    assert (_rep(first.author), _rep(second.author)) == (1, 16)


def test_change_reputation_reads_amounts_from_settings(settings, member):
    settings.FORUM_REPUTATION = {**settings.FORUM_REPUTATION, "answer_upvoted": 7}
    change_reputation(member.pk, "answer_upvoted", times=2)
    assert _rep(member) == 15


def test_privileges_follow_the_thresholds_in_settings(settings, db):
    member = make_established_member(reputation=1)
    assert has_privilege(member, "flag") is False
    settings.FORUM_PRIVILEGES = {**settings.FORUM_PRIVILEGES, "flag": 1}
    assert has_privilege(member, "flag") is True


def test_flagging_needs_days_of_standing_whatever_the_reputation(db):
    """A ring can make reputation in a day; it cannot make an account's age (issue 21)."""
    assert has_privilege(make_user(reputation=500), "flag") is False
    two_days_old = make_user(reputation=500, date_joined=timezone.now() - timedelta(days=2))
    assert has_privilege(two_days_old, "flag") is False
    assert has_privilege(make_established_member(reputation=500), "flag") is True


def test_moderators_have_every_privilege(db):
    assert has_privilege(make_moderator(), "vote_down") is True


def test_a_day_old_account_flags_with_no_weight(db):
    assert flag_weight(make_user(reputation=500)) == 0


def test_an_established_member_with_no_record_weighs_one(db):
    assert flag_weight(make_established_member()) == 1


def test_declined_flags_lower_and_helpful_flags_raise_the_weight(db):
    old = timezone.now() - timedelta(days=30)
    declined = make_user(date_joined=old, declined_flags=2)
    helpful = make_user(date_joined=old, helpful_flags=2)
    assert flag_weight(declined) < 1 < flag_weight(helpful) <= 2


def test_privileges_are_listed_from_the_settings_cheapest_first(settings):
    settings.FORUM_PRIVILEGES = {"vote_down": 50, "flag": 20, "edit_wiki": 5}
    privileges = list_privileges()
    assert [(p.key, p.reputation) for p in privileges] == [
        ("edit_wiki", 5),
        ("flag", 20),
        ("vote_down", 50),
    ]
    assert privileges[0].name == "Edit wiki"  # a privilege with no words yet keeps its key
    assert privileges[1].name == "Flag posts" and privileges[1].description


def test_reputation_events_are_listed_in_words_with_their_change(settings):
    settings.FORUM_REPUTATION = {"answer_upvoted": 10, "downvoted": -2, "accepted_an_answer": 0}
    assert list_reputation_events() == [
        ("your answer is voted up", 10),
        ("your question or answer is voted down", -2),
    ]


@pytest.mark.parametrize(
    ("reputation", "shown"),
    [(1, "1"), (999, "999"), (1000, "1.0k"), (1299, "1.2k"), (9999, "9.9k"), (12_345, "12k")],
)
def test_footers_show_reputation_rounded_from_a_thousand(reputation, shown):
    assert shown_reputation(reputation) == shown

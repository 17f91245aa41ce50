from __future__ import annotations

import pytest

from forum.spamfilter import AuthorFacts, RecordRule, has_record
from forum.spamfilter.author import author_reasons, describe_age


def codes(**facts) -> dict[str, float]:
    return {r.code: r.weight for r in author_reasons(AuthorFacts(**facts))}


def test_unknown_author_is_neutral():
    assert codes() == {}


def test_new_account_without_approved_posts_is_a_weak_signal():
    found = codes(account_age_days=0.5, approved_posts=0)
    assert 0 < found["new_account"] < 1


def test_new_account_with_approved_posts_is_neutral():
    assert codes(account_age_days=1, approved_posts=3) == {}


def test_burst_posting_is_a_signal():
    assert codes(posts_last_hour=10)["new_account_burst"] > 0


def test_replying_in_many_threads_within_an_hour_is_a_burst():
    assert "new_account_burst" in codes(threads_last_hour=6)


def test_heavier_burst_weighs_more():
    assert (
        codes(posts_last_hour=30)["new_account_burst"]
        > codes(posts_last_hour=9)["new_account_burst"]
    )


def test_author_signals_stay_weak():
    worst = codes(account_age_days=0, approved_posts=0, posts_last_hour=50, threads_last_hour=50)
    assert sum(worst.values()) < 2


def test_established_author_earns_credit_that_grows_with_the_record():
    few = codes(approved_posts=10, account_age_days=400)["established_author"]
    many = codes(approved_posts=1000, account_age_days=400)["established_author"]
    assert -2 < many < few < 0


def test_young_account_is_not_established_however_many_posts():
    assert "established_author" not in codes(approved_posts=50, account_age_days=2)


def test_rejected_posts_count_against_the_author():
    found = codes(approved_posts=3, rejected_posts=4)
    assert found["author_record"] > 0
    assert "established_author" not in found


def test_an_old_rejection_among_many_approvals_is_forgiven():
    assert codes(approved_posts=200, rejected_posts=1, account_age_days=900).keys() == {
        "established_author"
    }


def test_malformed_facts_count_as_unknown():
    assert codes(account_age_days="new", approved_posts=float("nan"), posts_last_hour=None) == {}


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (0.00002, "under an hour"),
        (1 / 24, "1 hour"),
        (1.5, "36 hours"),
        (30, "30 days"),
        (1000, "2 years"),
    ],
)
def test_account_ages_are_said_in_hours_days_or_years(days, said):
    assert describe_age(days) == said


RULE = RecordRule(min_account_days=30, min_reputation=10, min_approved_posts=3)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"account_age_days": 400, "reputation": 300, "approved_posts": 0}, True),
        ({"account_age_days": 40, "reputation": 1, "approved_posts": 3}, True),
        ({"account_age_days": 400, "reputation": 1, "approved_posts": 2}, False),
        ({"account_age_days": 10, "reputation": 300, "approved_posts": 50}, False),
        ({"account_age_days": 400, "reputation": 300, "rejected_posts": 1}, False),
        ({"account_age_days": 400, "approved_posts": 30, "rejected_posts": 1}, True),
        ({}, False),
        ({"account_age_days": "old", "reputation": "high"}, False),
    ],
)
def test_has_record_needs_age_and_reputation_or_published_posts(facts, expected):
    assert has_record(AuthorFacts(**facts), RULE) is expected

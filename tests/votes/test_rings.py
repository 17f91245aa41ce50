"""Up-votes between linked accounts earn no reputation; found later, it is taken back and
the moderation log says so (forum/votes/rings.py, issue 21)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from forum.core.limits import BROWSER_COOKIE
from forum.moderation import flags
from forum.moderation.models import AuditLogEntry
from forum.posts.models import Status
from forum.votes.models import Vote
from forum.votes.services import cast_vote
from tests.factories import make_answer, make_established_member, make_question, make_user

pytestmark = pytest.mark.django_db

DISCOUNTED = AuditLogEntry.Action.VOTE_DISCOUNTED
OFFICE = "198.51.100.7"
ANSWER_UP = 10


def _days_old(days: float, **fields):
    return make_user(date_joined=timezone.now() - timedelta(days=days), **fields)


def _reputation(member) -> int:
    member.refresh_from_db()
    return member.reputation


def test_an_up_vote_from_the_authors_browser_moves_the_score_but_earns_nothing(db):
    author = make_established_member(reputation=1, signup_browser="b" * 32)
    answer = make_answer(make_question(), author=author)
    voter = make_established_member(reputation=1)
    assert cast_vote(user=voter, post=answer, value=1, browser="b" * 32) == 1
    assert _reputation(author) == 1
    entry = AuditLogEntry.objects.get(action=DISCOUNTED)
    assert entry.post == answer and "the same browser" in entry.reason


def test_accounts_made_within_minutes_of_each_other_earn_nothing_from_each_other(db):
    joined = timezone.now() - timedelta(days=60)
    author = make_user(date_joined=joined, signup_address="203.0.113.1")
    voter = make_user(date_joined=joined + timedelta(minutes=5), signup_address="203.0.113.2")
    cast_vote(user=voter, post=make_answer(make_question(), author=author), value=1)
    assert _reputation(author) == 1
    assert "within minutes" in AuditLogEntry.objects.get(action=DISCOUNTED).reason


def test_new_accounts_sharing_an_address_earn_nothing_from_each_other(db):
    author = _days_old(1, signup_address=OFFICE)
    voter = _days_old(3)
    cast_vote(user=voter, post=make_answer(make_question(), author=author), value=1, address=OFFICE)
    assert _reputation(author) == 1


def test_new_accounts_voting_for_each_other_have_the_first_gain_taken_back(
    db, django_capture_on_commit_callbacks
):
    first, second = _days_old(1), _days_old(2)
    first_answer = make_answer(make_question(), author=first)
    with django_capture_on_commit_callbacks(execute=True):
        cast_vote(user=second, post=first_answer, value=1, address="203.0.113.2")
    assert _reputation(first) == 1 + ANSWER_UP  # nothing links them yet
    with django_capture_on_commit_callbacks(execute=True):
        cast_vote(
            user=first,
            post=make_answer(make_question(), author=second),
            value=1,
            address="203.0.113.1",
        )
    assert _reputation(first) == 1 and _reputation(second) == 1
    taken_back = AuditLogEntry.objects.get(action=DISCOUNTED, post=first_answer)
    assert "reputation taken back" in taken_back.reason
    assert not Vote.objects.filter(earns=True).exists()


def test_colleagues_sharing_an_office_address_earn_from_each_others_votes(
    db, django_capture_on_commit_callbacks
):
    """An office: members of standing, one address, browsers of their own, a few votes for
    each other's answers, both ways. Every vote earns."""
    ann = _days_old(40, signup_address=OFFICE, signup_browser="a" * 32)
    bob = _days_old(300, signup_address=OFFICE, signup_browser="c" * 32)
    for voter, author, browser in ((ann, bob, "a" * 32), (bob, ann, "c" * 32)):
        for _ in range(3):
            with django_capture_on_commit_callbacks(execute=True):
                answer = make_answer(make_question(), author=author)
                cast_vote(user=voter, post=answer, value=1, address=OFFICE, browser=browser)
    assert _reputation(ann) == _reputation(bob) == 1 + 3 * ANSWER_UP
    assert not AuditLogEntry.objects.filter(action=DISCOUNTED).exists()


def test_colleagues_past_the_ordinary_amount_earn_nothing_more(
    settings, db, django_capture_on_commit_callbacks
):
    ordinary = settings.FORUM_VOTE_RINGS["pair_votes"]
    ann, bob = _days_old(40, signup_address=OFFICE), _days_old(300, signup_address=OFFICE)
    for _ in range(ordinary + 2):
        with django_capture_on_commit_callbacks(execute=True):
            cast_vote(
                user=ann, post=make_answer(make_question(), author=bob), value=1, address=OFFICE
            )
    assert _reputation(bob) == 1 + ordinary * ANSWER_UP
    assert AuditLogEntry.objects.filter(action=DISCOUNTED).count() == 2


def test_withdrawing_a_vote_that_earned_nothing_takes_nothing_back(db):
    author = make_established_member(reputation=20, signup_browser="b" * 32)
    answer = make_answer(make_question(), author=author)
    voter = make_established_member()
    cast_vote(user=voter, post=answer, value=1, browser="b" * 32)
    cast_vote(user=voter, post=answer, value=None)
    assert _reputation(author) == 20


def test_a_vote_records_where_it_came_from_and_gives_the_browser_an_id(client, db):
    voter = make_established_member()
    answer = make_answer(make_question())
    client.force_login(voter)
    response = client.post(
        reverse("votes:vote", args=[answer.pk]), {"value": "up"}, REMOTE_ADDR=OFFICE
    )
    browser = response.cookies[BROWSER_COOKIE].value
    vote = Vote.objects.get()
    assert (vote.address, vote.browser) == (OFFICE, browser)
    assert response.cookies[BROWSER_COOKIE]["max-age"] >= 365 * 86400


def test_flags_from_linked_accounts_count_as_one_flaggers(settings, db):
    settings.FORUM_FLAG_WEIGHT_TO_HOLD = 3.0
    answer = make_answer(make_question(), author=make_established_member())
    joined = timezone.now() - timedelta(days=20)
    made_together = [
        make_user(date_joined=joined + timedelta(minutes=i), signup_address=f"203.0.113.{i}")
        for i in range(1, 5)
    ]
    for flagger in made_together:
        flags.flag_post(user=flagger, post=answer, reason="spam")
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE


def test_flags_from_independent_members_still_hold_a_post(settings, db):
    settings.FORUM_FLAG_WEIGHT_TO_HOLD = 3.0
    answer = make_answer(make_question(), author=make_established_member())
    for i in range(3):
        flagger = make_user(
            date_joined=timezone.now() - timedelta(days=20 + i), signup_address=f"203.0.113.{i}"
        )
        flags.flag_post(user=flagger, post=answer, reason="spam")
    answer.refresh_from_db()
    assert answer.status == Status.HELD


def test_the_periodic_review_takes_back_what_a_link_found_later_earned(db):
    """Two new accounts: the first vote came from an address of its own, a later one shows
    the voter at the author's sign-up address."""
    author = _days_old(2, signup_address=OFFICE)
    voter = _days_old(4)
    cast_vote(user=voter, post=make_answer(make_question(), author=author), value=1)
    assert _reputation(author) == 1 + ANSWER_UP
    cast_vote(user=voter, post=make_question(), value=1, address=OFFICE)
    call_command("review_vote_rings", stdout=StringIO())
    assert _reputation(author) == 1
    assert "reputation taken back" in AuditLogEntry.objects.get(action=DISCOUNTED).reason

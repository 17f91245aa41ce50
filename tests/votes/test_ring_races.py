"""The voting ring of issue 21, re-run with real concurrent requests on PostgreSQL: five
accounts a day old each post one answer and up-vote one another (20 votes at once), then
three of them flag a 40-day-old member's real answer. Before, each reached reputation 41,
past the flag privilege, and the answer was held."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.answers.services import post_answer
from forum.core.limits import BROWSER_COOKIE
from forum.moderation.models import AuditLogEntry
from forum.moderation.spam import get_filter
from forum.posts.models import Status
from forum.votes.models import Vote
from tests.factories import ANSWER_BODY, make_question, make_user

pytestmark = [pytest.mark.postgresql_races, pytest.mark.django_db(transaction=True)]

RING_SIZE = 5


def send_together(requests):
    """Send the requests (client, url, data) at the same moment, each from its own thread
    and database connection; return the responses."""
    barrier = threading.Barrier(len(requests))

    def send(request):
        client, url, data = request
        try:
            barrier.wait()
            return client.post(url, data)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def _client(member, number: int) -> Client:
    """A browser of the member's own, from an address of its own (the ring's hardest case:
    nothing shared but the votes themselves)."""
    client = Client(REMOTE_ADDR=f"203.0.113.{number}")
    client.cookies[BROWSER_COOKIE] = f"{number:032x}"
    client.force_login(member)
    return client


@pytest.fixture
def ring():
    """Five accounts a day old, made hours apart from addresses and browsers of their own,
    each with one answer."""
    get_filter()  # train once, outside the race
    members = []
    for number in range(1, RING_SIZE + 1):
        member = make_user(
            date_joined=timezone.now() - timedelta(days=1, hours=2 * number),
            signup_address=f"203.0.113.{number}",
            signup_browser=f"{number:032x}",
        )
        answer = post_answer(
            author=member,
            parent=make_question(),
            body=ANSWER_BODY + f" Source {number}: the divisional war diary.",
        )
        assert answer.status == Status.VISIBLE
        members.append((member, _client(member, number), answer))
    return members


def test_a_voting_ring_earns_nothing_and_cannot_hold_a_real_answer(ring):
    honest = make_user(date_joined=timezone.now() - timedelta(days=40))
    real_answer = post_answer(author=honest, parent=make_question(), body=ANSWER_BODY)
    votes = [
        (client, reverse("votes:vote", args=[answer.pk]), {"value": "up"})
        for voter, client, _ in ring
        for author, _, answer in ring
        if author != voter
    ]
    assert len(votes) == 20
    responses = send_together(votes)
    assert [response.status_code for response in responses] == [302] * 20  # all recorded
    for _, _, answer in ring:
        answer.refresh_from_db()
        assert answer.score == RING_SIZE - 1  # readers' votes still move the score
    reputations = list(
        User.objects.filter(pk__in=[m.pk for m, _, _ in ring]).values_list("reputation", flat=True)
    )
    print(f"ring reputation after 20 votes: {reputations} (41 each without the ring rules)")
    assert reputations == [1] * RING_SIZE
    # Every ring vote earns nothing, and the moderation log has one entry for each.
    assert Vote.objects.filter(earns=True).count() == 0
    discounted = AuditLogEntry.objects.filter(action=AuditLogEntry.Action.VOTE_DISCOUNTED)
    assert discounted.count() == 20
    taken_back = discounted.filter(reason__contains="reputation taken back").count()
    print(f"audited: {discounted.count()} votes, {taken_back} of them taken back after the fact")

    flags = [
        (client, reverse("moderation:flag", args=[real_answer.pk]), {"reason": "spam"})
        for _, client, _ in ring[:3]
    ]
    assert [response.status_code for response in send_together(flags)] == [403] * 3
    real_answer.refresh_from_db()
    assert real_answer.status == Status.VISIBLE


def test_a_ring_that_waits_out_the_age_rule_still_flags_as_one(ring, settings):
    """Even with the days and the reputation (earned elsewhere), the ring's flags are linked
    through its votes, so three of them weigh as one flagger."""
    settings.FORUM_FLAG_WEIGHT_TO_HOLD = 3.0
    honest = make_user(date_joined=timezone.now() - timedelta(days=40))
    real_answer = post_answer(author=honest, parent=make_question(), body=ANSWER_BODY)
    send_together(
        [
            (client, reverse("votes:vote", args=[answer.pk]), {"value": "up"})
            for voter, client, _ in ring
            for author, _, answer in ring
            if author != voter
        ]
    )
    User.objects.filter(pk__in=[m.pk for m, _, _ in ring]).update(
        reputation=41, date_joined=timezone.now() - timedelta(days=10)
    )
    responses = send_together(
        [
            (client, reverse("moderation:flag", args=[real_answer.pk]), {"reason": "spam"})
            for _, client, _ in ring[:3]
        ]
    )
    assert [response.status_code for response in responses] == [302] * 3
    real_answer.refresh_from_db()
    assert real_answer.status == Status.VISIBLE


OWN_ANSWERS = (
    ANSWER_BODY,
    "Supply decided it: Zhukov built up fuel and shells along a railhead hundreds of kilometres "
    "away while the Kwantung Army expected no offensive before the autumn rains.",
    "Japanese sources blame the regiment commanders for attacking piecemeal across the river "
    "without artillery support, which let the Mongolian cavalry cut them off at night.",
)


def test_colleagues_voting_together_from_one_office_address_earn_normally():
    """An office: two members of standing, one network address, browsers of their own, up-
    voting three of each other's answers at the same moment: every vote earns."""
    get_filter()
    colleagues = []
    for number, days in ((1, 40), (2, 300)):
        member = make_user(
            date_joined=timezone.now() - timedelta(days=days),
            signup_address="198.51.100.7",
            signup_browser=f"{number:032x}",
        )
        client = Client(REMOTE_ADDR="198.51.100.7")
        client.cookies[BROWSER_COOKIE] = f"{number:032x}"
        client.force_login(member)
        # Three answers of their own (near-copies of one's own answer would be held).
        answers = [
            post_answer(author=member, parent=make_question(), body=body) for body in OWN_ANSWERS
        ]
        colleagues.append((member, client, answers))
    (ann, ann_client, ann_answers), (bob, bob_client, bob_answers) = colleagues
    votes = [
        (client, reverse("votes:vote", args=[answer.pk]), {"value": "up"})
        for client, answers in ((ann_client, bob_answers), (bob_client, ann_answers))
        for answer in answers
    ]
    assert [response.status_code for response in send_together(votes)] == [302] * 6
    ann.refresh_from_db()
    bob.refresh_from_db()
    assert ann.reputation == bob.reputation == 1 + 3 * 10
    assert not AuditLogEntry.objects.filter(action=AuditLogEntry.Action.VOTE_DISCOUNTED).exists()

"""Votes that earn no reputation: between accounts that look like one person's, or a ring's.

In the manner of Stack Exchange's serial-voting reversal: an up-vote still moves the post's
score (readers' judgement of the text is not second-guessed), but it earns its author
reputation, and with it privileges, only when voter and author are independent. Two
accounts are *linked* (`link_between`) when, by FORUM_VOTE_RINGS:

- they share a browser: its long-lived first-party cookie id, recorded at sign-up and with
  every vote (an office's colleagues have browsers of their own);
- they were made through the sign-up form within `signup_window_minutes` of each other;
- they share a network address (sign-up or vote) and either is younger than `trusted_days`;
- they vote for each other (the author up-voted the voter within `pair_days`) and either is
  younger than `trusted_days`.

Members of `trusted_days` standing who share an address or vote for each other (an office)
earn normally from up to `pair_votes` up-votes from one another in `pair_days`; beyond that
the voter's further up-votes to that author earn nothing (serial voting).

A vote is judged when cast (`judge_vote`). As votes arriving together cannot see each
other, every vote is followed, once committed, by a review of the votes between its voter
and author (`review_member`), which finds the first half of a reciprocal pair. A link can
also appear later (an address two accounts first share in a later vote): a flagger's votes
are all reviewed before their flag is weighed, and everyone's by the `review_vote_rings`
command, run periodically. What a review finds is taken back (`discount`). Both send
`vote_discounted`, which the moderation audit log records.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from forum.accounts.models import User
from forum.posts import writes

from .models import Vote

# Sent (vote=, reason=, taken_back=) inside the transaction that stops a vote earning:
# taken_back is True when reputation it had earned was taken back, False when it never had
# any. forum/moderation records each in the audit log.
vote_discounted = Signal()


def _rules() -> dict:
    return settings.FORUM_VOTE_RINGS


@dataclass
class Footprint:
    """Where a member has been seen: the addresses and browsers of their sign-up and votes."""

    user: User
    addresses: set[str] = field(default_factory=set)
    browsers: set[str] = field(default_factory=set)


def footprints(users, *, extra: dict[int, tuple[str | None, str]] | None = None):
    """Each member's Footprint by id, in two queries. `extra` adds an address and browser
    per member id (the vote being cast)."""
    found = {user.pk: Footprint(user) for user in users}
    for print_ in found.values():
        print_.addresses.add(print_.user.signup_address)
        print_.browsers.add(print_.user.signup_browser)
    seen = Vote.objects.filter(user_id__in=found).values_list("user_id", "address", "browser")
    for user_id, address, browser in seen.distinct():
        found[user_id].addresses.add(address)
        found[user_id].browsers.add(browser)
    for user_id, (address, browser) in (extra or {}).items():
        found[user_id].addresses.add(address)
        found[user_id].browsers.add(browser)
    for print_ in found.values():
        print_.addresses.discard(None)
        print_.addresses.discard("")
        print_.browsers.discard("")
    return found


def _is_young(user: User, at: datetime) -> bool:
    return at - user.date_joined < timedelta(days=_rules()["trusted_days"])


def _signed_up_together(a: User, b: User) -> bool:
    """Both made through the sign-up form (imported members have no sign-up address or
    browser), within the window of each other."""
    formed = all(user.signup_address or user.signup_browser for user in (a, b))
    window = timedelta(minutes=_rules()["signup_window_minutes"])
    return formed and abs(a.date_joined - b.date_joined) < window


def _upvoted(voter_id: int, author_id: int, *, since: datetime) -> Q:
    return Q(user_id=voter_id, post__author_id=author_id, value=1, created_at__gte=since)


def link_between(a: Footprint, b: Footprint, *, at: datetime) -> str | None:
    """Why two accounts count as one person's (or a ring's), in words; None if independent.
    Symmetric; reciprocity is `reciprocal_link`'s, which needs the votes."""
    if a.user.pk == b.user.pk:
        return "the same account"
    if a.browsers & b.browsers:
        return "the same browser"
    if _signed_up_together(a.user, b.user):
        return "accounts made within minutes of each other"
    young = _is_young(a.user, at) or _is_young(b.user, at)
    if young and a.addresses & b.addresses:
        return "the same network address, from a new account"
    return None


def _reciprocal(voter: User, author: User, *, at: datetime) -> bool:
    since = at - timedelta(days=_rules()["pair_days"])
    return Vote.objects.filter(_upvoted(author.pk, voter.pk, since=since)).exists()


def _why_not_earning(voter: Footprint, author: Footprint, *, at: datetime, vote_pk=None):
    """Why an up-vote of `voter` for `author` cast at `at` earns nothing, or None."""
    if reason := link_between(voter, author, at=at):
        return reason
    reciprocal = _reciprocal(voter.user, author.user, at=at)
    young = _is_young(voter.user, at) or _is_young(author.user, at)
    if reciprocal and young:
        return "votes for each other, from a new account"
    if reciprocal or voter.addresses & author.addresses:
        # Established colleagues: ordinary amounts earn, serial voting does not.
        since = at - timedelta(days=_rules()["pair_days"])
        earlier = Vote.objects.filter(
            _upvoted(voter.user.pk, author.user.pk, since=since), earns=True, created_at__lt=at
        ).exclude(pk=vote_pk)
        if earlier.count() >= _rules()["pair_votes"]:
            return (
                f"more than {_rules()['pair_votes']} up-votes in {_rules()['pair_days']} days "
                "between members who share an address or vote for each other"
            )
    return None


def judge_vote(vote: Vote, *, author: User) -> str | None:
    """Whether a new up-vote earns: None if it does, else why not. Down-votes always count
    (they cost the author; a ring does not vote itself down)."""
    if vote.value != Vote.Value.UP:
        return None
    prints = footprints(
        [User.objects.get(pk=vote.user_id), author],
        extra={vote.user_id: (vote.address, vote.browser)},
    )
    return _why_not_earning(prints[vote.user_id], prints[author.pk], at=vote.created_at)


def review_member(user_id: int, *, other_id: int | None = None, at=None) -> int:
    """Take back the reputation of earning up-votes, given or received by the member within
    `pair_days` (only those exchanged with `other_id`, if given), that the rules now refuse;
    return how many. Each in its own short transaction (the vote's row, then one member's
    reputation), so reviews running together cannot deadlock."""
    at = at or timezone.now()
    since = at - timedelta(days=_rules()["pair_days"])
    given, received = Q(user_id=user_id), Q(post__author_id=user_id)
    if other_id is not None:
        given &= Q(post__author_id=other_id)
        received &= Q(user_id=other_id)
    votes = list(
        Vote.objects.filter(
            given | received,
            value=Vote.Value.UP,
            earns=True,
            created_at__gte=since,
        )
        .select_related("user", "post__author")
        .order_by("pk")
    )
    if not votes:
        return 0
    members = {vote.user for vote in votes} | {vote.post.author for vote in votes}
    prints = footprints(members)
    found = 0
    for vote in votes:
        voter, author = prints[vote.user_id], prints[vote.post.author_id]
        if reason := _why_not_earning(voter, author, at=vote.created_at, vote_pk=vote.pk):
            found += discount(vote.pk, reason=reason)
    return found


def discount(vote_id: int, *, reason: str) -> int:
    """Stop an earning up-vote earning and take back what it earned (1), or nothing if it
    no longer earns or is gone (0). The one place reputation from a vote is taken back
    outside the vote itself."""
    with transaction.atomic():
        vote = (
            Vote.objects.select_for_update()
            .select_related("post")
            .filter(pk=vote_id, earns=True)
            .first()
        )
        if vote is None:
            return 0
        Vote.objects.filter(pk=vote.pk).update(earns=False)
        vote.earns = False
        if vote.value == Vote.Value.UP:
            writes.change_author_reputation(
                vote.post.author_id, vote.post.rules.upvote_event, times=-1
            )
        vote_discounted.send(Vote, vote=vote, reason=reason, taken_back=True)
    return 1


def linked_groups(users) -> list[list[User]]:
    """`users` in groups of accounts linked to one another, directly or through others (by
    `link_between`, or a vote between them that earns nothing): flags from one group count
    as one flagger's."""
    users = list(users)
    prints = footprints(users)
    at = timezone.now()
    ids = [user.pk for user in users]
    ring_pairs = set(
        Vote.objects.filter(user_id__in=ids, post__author_id__in=ids, earns=False)
        .values_list("user_id", "post__author_id")
        .distinct()
    )
    parent = {user.pk: user.pk for user in users}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for i, a in enumerate(users):
        for b in users[i + 1 :]:
            linked = (a.pk, b.pk) in ring_pairs or (b.pk, a.pk) in ring_pairs
            if linked or link_between(prints[a.pk], prints[b.pk], at=at):
                parent[root(a.pk)] = root(b.pk)
    groups: dict[int, list[User]] = {}
    for user in users:
        groups.setdefault(root(user.pk), []).append(user)
    return list(groups.values())

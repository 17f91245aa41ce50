"""Author behaviour: a weak modifier, never a verdict on its own.

New accounts write good answers every day, so being new costs little; posting into many
threads within an hour is what bots do, and costs more. A track record of approved posts on
an account old enough earns credit that grows with the record, so that an established
member's reply is not held on weak evidence; posts moderators rejected count against.
Unknown facts (``None``) are neutral: the filter must work for an anonymous script that knows
nothing about the author.
"""

from __future__ import annotations

import math

from .records import AuthorFacts, Reason, RecordRule

NEW_ACCOUNT_DAYS = 3
NEW_ACCOUNT = 0.4
BURST_POSTS = 8  # posts in the last hour from which posting looks automated
BURST_THREADS = 5  # distinct threads in the last hour
BURST = 0.6
HEAVY_BURST_POSTS = 15
HEAVY_BURST = 1.2
ESTABLISHED_POSTS = 10
ESTABLISHED_DAYS = 30
ESTABLISHED = -0.6  # at ESTABLISHED_POSTS; each tenfold more adds the same again
MAX_ESTABLISHED = -1.8
REJECTED = 0.6  # one rejected post; each tenfold more adds the same again
MAX_REJECTED = 1.8


def author_reasons(author: AuthorFacts) -> tuple[Reason, ...]:
    age = _number(author.account_age_days)
    approved = _number(author.approved_posts)
    rejected = int(_number(author.rejected_posts) or 0)
    posts = int(_number(author.posts_last_hour) or 0)
    threads = int(_number(author.threads_last_hour) or 0)
    notes: list[str] = []
    weight = 0.0
    bursting = False
    if age is not None and age < NEW_ACCOUNT_DAYS and not approved:
        weight += NEW_ACCOUNT
        notes.append(f"account {describe_age(age)} old with no approved posts")

    if posts >= HEAVY_BURST_POSTS:
        weight += HEAVY_BURST
        bursting = True
        notes.append(f"{posts} posts in the last hour")
    elif posts >= BURST_POSTS or threads >= BURST_THREADS:
        weight += BURST
        bursting = True
        notes.append(f"{posts} posts" if posts >= BURST_POSTS else f"replies in {threads} threads")
        notes[-1] += " in the last hour"

    reasons: list[Reason] = []
    if notes:
        code = "new_account_burst" if bursting else "new_account"
        reasons.append(Reason(code, "Author: " + "; ".join(notes), weight))
    elif (
        approved is not None
        and approved >= ESTABLISHED_POSTS
        and (age is None or age >= ESTABLISHED_DAYS)
        and rejected * 10 < approved
    ):
        credit = ESTABLISHED * (1 + math.log10(approved / ESTABLISHED_POSTS))
        since = f", account {describe_age(age)} old" if age is not None else ""
        reasons.append(
            Reason(
                "established_author",
                f"Author has {approved:g} approved posts{since}",
                max(MAX_ESTABLISHED, credit),
            )
        )
    if rejected > 0 and rejected * 10 >= (approved or 0):
        reasons.append(
            Reason(
                "author_record",
                f"Moderators rejected {rejected} of the author's earlier posts"
                + (f" ({approved:g} approved)" if approved is not None else ""),
                min(MAX_REJECTED, REJECTED * (1 + math.log10(rejected))),
            )
        )
    return tuple(reasons)


def has_record(author: AuthorFacts, rule: RecordRule) -> bool:
    """True for a member with a record: an account old enough, with some reputation or some
    published posts, and no more than one post in ten removed as spam.

    It decides nothing in the score; the outcome rule (``outcome.decide``) folds such a
    member's chatter and wording-only flags instead of holding them. Unknown facts
    (``None``) are no record: an imported or anonymous author has none.
    """
    age = _number(author.account_age_days)
    approved = _number(author.approved_posts) or 0
    reputation = _number(author.reputation) or 0
    rejected = _number(author.rejected_posts) or 0
    if age is None or age < rule.min_account_days:
        return False
    if rejected and rejected * 10 >= approved:
        return False
    return reputation >= rule.min_reputation or approved >= rule.min_approved_posts


def _number(value: object) -> float | None:
    """The value as a number, or None (unknown) for anything else, so bad input stays neutral."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if value != value else float(value)  # NaN is unknown too


def describe_age(days: float) -> str:
    """An account age as people say it: "under an hour", "5 hours", "3 days", "2 years"."""
    hours = days * 24
    if hours < 1:
        return "under an hour"
    if hours < 48:
        return f"{int(hours)} hour{'s' if int(hours) != 1 else ''}"
    if days < 730:
        return f"{int(days)} days"
    return f"{int(days // 365)} years"

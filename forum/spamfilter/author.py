"""Author behaviour: a weak modifier, never a verdict on its own.

New accounts write good answers every day, so being new costs little; posting into many
threads within an hour is what bots do, and costs more. A track record of approved posts
earns a little credit. Unknown facts (``None``) are neutral: the filter must work for an
anonymous script that knows nothing about the author.
"""

from __future__ import annotations

from .records import AuthorFacts, Reason

NEW_ACCOUNT_DAYS = 3
NEW_ACCOUNT = 0.4
BURST_POSTS = 8  # posts in the last hour from which posting looks automated
BURST_THREADS = 5  # distinct threads in the last hour
BURST = 0.6
HEAVY_BURST_POSTS = 15
HEAVY_BURST = 1.2
ESTABLISHED_POSTS = 25
ESTABLISHED = -0.4


def author_reasons(author: AuthorFacts) -> tuple[Reason, ...]:
    age = _number(author.account_age_days)
    approved = _number(author.approved_posts)
    posts = int(_number(author.posts_last_hour) or 0)
    threads = int(_number(author.threads_last_hour) or 0)
    notes: list[str] = []
    weight = 0.0
    bursting = False
    if age is not None and age < NEW_ACCOUNT_DAYS and not approved:
        weight += NEW_ACCOUNT
        notes.append(f"account {age:g} days old with no approved posts")

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
    elif approved is not None and approved >= ESTABLISHED_POSTS:
        reasons.append(
            Reason("established_author", f"Author has {approved:g} approved posts", ESTABLISHED)
        )
    return tuple(reasons)


def _number(value: object) -> float | None:
    """The value as a number, or None (unknown) for anything else, so bad input stays neutral."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if value != value else float(value)  # NaN is unknown too

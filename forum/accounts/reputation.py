"""Reputation, privileges and how much a member's flag weighs.

Reputation is a column on the member changed in SQL by the services that earn or cost it
(votes, accepting), so it is read with the row and never recomputed per page. The numbers
live in settings (FORUM_REPUTATION, FORUM_PRIVILEGES, FORUM_FLAG_*).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import User
from .permissions import can_moderate


def change_reputation(user_id: int, event: str, *, times: int = 1) -> bool:
    """Apply FORUM_REPUTATION[event] (`times` times, negative to undo) in SQL, never below
    the floor. Call inside the transaction that records the event.

    Returns whether the figure post footers show (`shown_reputation`) may have changed: the
    caller must then have the member's threads rendered anew (forum/posts/writes.py,
    `change_author_reputation`, does both)."""
    delta = settings.FORUM_REPUTATION[event] * times
    if not delta:
        return False
    floor = settings.FORUM_REPUTATION_FLOOR
    rows = User.objects.filter(pk=user_id)
    rows.update(reputation=Greatest(F("reputation") + delta, Value(floor)))
    # Read after the UPDATE, which holds the row until the transaction ends: no other change
    # can come between. The figure before is the one after less the change, unless the floor
    # cut it (then it is unknown, and taken as changed).
    after = rows.values_list("reputation", flat=True).first()
    if after is None or after == floor:
        return after is not None
    return shown_reputation(after - delta) != shown_reputation(after)


def shown_reputation(reputation: int) -> str:
    """The reputation post footers show: exact below 1,000, then in hundreds ("1.2k") and
    from 10,000 in thousands ("12k").

    Footers are on cached thread pages, and a member's footer is on every thread they wrote
    in: each change of the figure renders all those pages anew. Rounded, it changes at most
    every ten up-votes or so for members with a thousand reputation, and every hundred for
    those above ten thousand, who are the ones with posts on many threads; exact figures
    stay on the profile and the members list.
    """
    if reputation < 1000:
        return str(reputation)
    if reputation < 10_000:
        return f"{reputation // 100 / 10:.1f}k"
    return f"{reputation // 1000}k"


def has_privilege(user, privilege: str) -> bool:
    """Whether `user` has earned `privilege` (a key of FORUM_PRIVILEGES); moderators have all."""
    if not user.is_authenticated:
        return False
    if can_moderate(user):
        return True
    # Reputation a ring can fake in a day is taken back (forum/votes/rings.py); its age it
    # cannot: flagging also needs days of standing.
    if privilege == "flag" and is_new_account(user):
        return False
    return user.reputation >= settings.FORUM_PRIVILEGES[privilege]


def is_new_account(user, *, at: datetime | None = None) -> bool:
    """Younger than FORUM_FLAG_MIN_ACCOUNT_DAYS: a throw-away account, as far as we know."""
    age = (at or timezone.now()) - user.date_joined
    return age < timedelta(days=settings.FORUM_FLAG_MIN_ACCOUNT_DAYS)


def flag_weight(user, *, at: datetime | None = None) -> float:
    """How much one flag of `user` counts towards holding a post.

    Zero for accounts younger than FORUM_FLAG_MIN_ACCOUNT_DAYS, so sock-puppets made for
    the occasion hold nothing. Otherwise 1 for a member with no record, scaled by the share
    of their flags moderators upheld (smoothed, so one decision moves it but does not decide
    it): each declined flag lowers it, each helpful one raises it, up to 2.
    """
    if is_new_account(user, at=at):
        return 0.0
    upheld = (user.helpful_flags + 1) / (user.helpful_flags + user.declined_flags + 2)
    return round(2 * upheld, 4)


def markup_allowed(user) -> dict[str, bool]:
    """What `user`'s Markdown may publish live: keyword arguments for `render_markdown`."""
    return {
        "links": has_privilege(user, "post_links"),
        "images": has_privilege(user, "post_images"),
    }


# What each privilege (a key of FORUM_PRIVILEGES) unlocks, in the privileges page's words.
PRIVILEGE_WORDS = {
    "post_links": (
        "Post live links",
        "Links in your posts and your profile are published as links. Before, they are shown "
        "as text, the address in brackets, so readers can still copy it.",
    ),
    "post_images": (
        "Show images",
        "Images from this forum appear in your posts. Before, they are shown as links. Images "
        "from other sites are always shown as links, so their hosts never see who reads.",
    ),
    "flag": (
        "Flag posts",
        "Tell moderators a post is spam, rude, not an answer or no longer needed. Enough flags "
        "hold a post for review at once. It also takes an account a few days old, and flags "
        "from accounts that share a browser or were made together count as one.",
    ),
    "vote_down": (
        "Vote down",
        "Mark a question or answer as not useful. A down-vote costs its author "
        "reputation, so it takes experience of the forum.",
    ),
}
# How reputation is earned and lost (keys of FORUM_REPUTATION), in the same page's words.
REPUTATION_WORDS = {
    "question_upvoted": "your question is voted up",
    "answer_upvoted": "your answer is voted up",
    "downvoted": "your question or answer is voted down",
    "answer_accepted": "your answer is accepted",
    "accepted_an_answer": "you accept an answer to your question",
}


@dataclass(frozen=True)
class Privilege:
    key: str
    name: str
    description: str
    reputation: int


def list_privileges() -> list[Privilege]:
    """Every privilege in FORUM_PRIVILEGES with what it unlocks, the cheapest first."""
    privileges = []
    for key, reputation in settings.FORUM_PRIVILEGES.items():
        name, description = PRIVILEGE_WORDS.get(key, (key.replace("_", " ").capitalize(), ""))
        privileges.append(Privilege(key, name, description, reputation))
    return sorted(privileges, key=lambda privilege: (privilege.reputation, privilege.key))


def list_reputation_events() -> list[tuple[str, int]]:
    """What earns or costs reputation (FORUM_REPUTATION), in words, with the change."""
    return [
        (REPUTATION_WORDS.get(event, event.replace("_", " ")), change)
        for event, change in settings.FORUM_REPUTATION.items()
        if change
    ]

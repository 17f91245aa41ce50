"""The moderator's last action, which the Undo banner offers to take back on the next page.

The session keeps the action's audit entries and a sentence saying what it did. The banner
is shown only while that action is still the last word: once the moderator does anything
else that is logged, or someone changes the same posts or member, it goes, so it can never
undo something other than what it says.
"""

from django.db.models import F, Q

from forum.accounts.models import User

from .models import SUSPENSION_CHANGES, AuditLogEntry

SESSION_KEY = "moderation_undo"

# What a queue decision did, for "You … ." ({} is what it was done to).
DID = {
    "approve": "published {}",
    "reject": "rejected {} as spam",
    "hide": "hid {}",
    "restore": "restored {}",
    "dismiss": "dismissed the flags on {}",
    "deny": "kept {} as it is and denied the appeal",
}


def report(decision: str, done: int) -> str:
    """What the moderator reads after a queue action, in the words of the button they
    pressed: "Published 2 posts." (the banner names the posts)."""
    return DID[decision].format(f"{done} post{'s' if done != 1 else ''}").capitalize() + "."


def remember(session, entries: list[AuditLogEntry], text: str, *, through: int = 0) -> None:
    """Offer `entries` (one action) for undoing, described by `text`; nothing to offer
    forgets the previous action, which is no longer the last. `through` is the last entry the
    action wrote, when that is not one of `entries` (the posts a suspension hid)."""
    if entries:
        ids = sorted(entry.pk for entry in entries)
        session[SESSION_KEY] = {"entries": ids, "text": text, "through": max(through, *ids)}
    else:
        forget(session)


def forget(session) -> None:
    session.pop(SESSION_KEY, None)


def describe_decision(decision: str, entries: list[AuditLogEntry]) -> str:
    """ "You hid carol's answer." or "You published 3 posts." """
    if len(entries) == 1:
        entry = entries[0]
        author = User.objects.only("username").get(pk=entry.member_id)
        what = f"{author}'s {entry.post.get_kind_display().lower()}"
    else:
        what = f"{len(entries)} posts"
    return f"You {DID[decision].format(what)}."


def describe_suspension(member: User, *, lifted: bool, posts: int) -> str:
    """ "You suspended alice (5 posts hidden)." or "You lifted alice's suspension." """
    counted = f" ({posts} post{'s' if posts != 1 else ''} {'restored' if lifted else 'hidden'})"
    did = f"lifted {member}'s suspension" if lifted else f"suspended {member}"
    return f"You {did}{counted if posts else ''}."


def pending(session, user: User) -> dict | None:
    """The action the banner offers to undo ({"entries", "text"}), or None; forgets one that
    something later has overtaken (one query)."""
    offered = session.get(SESSION_KEY)
    if not isinstance(offered, dict) or not offered.get("entries"):
        forget(session)  # nothing, or left by an older version of the site
        return None
    targets = AuditLogEntry.objects.filter(pk__in=offered["entries"])
    overtaken = (
        AuditLogEntry.objects.filter(pk__gt=offered.get("through", 0))
        .filter(
            Q(actor=user)
            | (
                Q(post__in=targets.exclude(post=None).values("post"))
                & ~Q(status_before=F("status_after"))
            )
            | Q(
                member__in=targets.filter(post=None).values("member"),
                post=None,
                action__in=SUSPENSION_CHANGES,
            )
        )
        .exists()
    )
    if overtaken:
        forget(session)
        return None
    return offered

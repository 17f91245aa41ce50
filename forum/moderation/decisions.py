"""Decisions on a post's status: a moderator's (publish, reject as spam, hide, restore),
taking one back, and the filter's again on a stored post (`rescan_post`); and
`change_status`, the one way any post's status changes.

`change_status` locks the post, records the status it actually found, writes the audit log
entry and resolves open flags; the post's row itself, with the thread's answer count and the
readers' cached pages, is written by `forum/posts/writes.py`. So no action, a moderator's or
an automatic one (the intake, flags, rescans, suspensions), can forget one of them or undo
another's.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forum.accounts.models import User
from forum.notifications.services import notify_moderation, notify_new_post
from forum.posts import writes
from forum.posts.models import Post, Status

from . import spam
from .appeals import answer_appeal
from .models import AuditLogEntry, Flag, TrainingExample

Action = AuditLogEntry.Action


class ActionRefused(Exception):
    """The action was not carried out; the message says why, for the person who asked."""


def change_status(
    post: Post,
    *,
    actor: User | None,
    action: str,
    status: str,
    reason: str = "",
    note: str | None = None,
    seen_revision: int | None = None,
) -> AuditLogEntry | None:
    """Set a post's status as a decision of `actor` (None for automatic ones) and log it.

    `reason` goes to the audit log, for moderators; `note` (default: the reason) is what the
    post's author is shown. Locks the row first: the status before is the one really found,
    never a stale copy.
    A moderator's decision is recorded even when the status stays (a flagged post approved
    as it is); an automatic one that changes nothing returns None. Refuses when
    `seen_revision` is given and the post was edited since. Call inside a transaction.
    """
    locked = writes.lock(post.pk)
    if seen_revision is not None and locked.revision != seen_revision:
        raise ActionRefused(
            "The post was edited after you loaded it; read the new version and decide again."
        )
    before = locked.status
    if before == status and actor is None:
        return None
    now = timezone.now()
    changes = {"status": status, "status_reason": (reason if note is None else note)[:300]}
    if actor is not None:
        changes["moderated_at"] = now
    writes.update(locked, **changes)
    for name, value in changes.items():
        setattr(post, name, value)
    if actor is not None:
        # Flags on a post the moderator leaves visible were declined; otherwise they helped.
        resolve_flags(locked, helpful=status != Status.VISIBLE, at=now)
    entry = AuditLogEntry.about(
        locked, actor=actor, action=action, before=before, after=status, reason=reason, at=now
    )
    entry.save()
    return entry


def resolve_flags(post: Post, *, helpful: bool, at) -> int:
    """Close the post's open flags with the moderator's verdict on them, and add it to each
    flagger's record (which weighs their future flags); return how many were open."""
    flags = Flag.objects.filter(post=post, resolved_at__isnull=True)
    flaggers = list(flags.values_list("user_id", flat=True))
    if not flaggers:
        return 0
    flags.update(resolved_at=at, helpful=helpful)
    record = "helpful_flags" if helpful else "declined_flags"
    User.objects.filter(pk__in=flaggers).update(**{record: F(record) + 1})
    return len(flaggers)


def _teach(post: Post, *, is_spam: bool, moderator: User) -> None:
    """Replace whatever the model was taught about this post with the moderator's verdict."""
    TrainingExample.objects.filter(post=post, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    TrainingExample.objects.create(
        text=spam.screened_text(post), is_spam=is_spam, post=post, decided_by=moderator
    )
    spam.learn_soon()


# A moderator's decision: the audit action, the status it sets, the reason when none is given.
DECISIONS = {
    "approve": (Action.APPROVED, Status.VISIBLE, ""),
    "reject": (Action.REJECTED, Status.SPAM, "Rejected as spam by a moderator"),
    "hide": (Action.HIDDEN, Status.HIDDEN, "Hidden by a moderator"),
    "restore": (Action.RESTORED, Status.VISIBLE, ""),
}


def _lesson(decision: str, before: str) -> bool | None:
    """What a decision teaches the filter: spam (True), not spam (False) or nothing (None).

    Hiding is about manners, not spam, so it teaches nothing; restoring teaches only when it
    reverses a spam verdict.
    """
    if decision == "reject":
        return True
    if decision == "approve" or (decision == "restore" and before == Status.SPAM):
        return False
    return None


@transaction.atomic
def decide(
    decision: str, *, moderator: User, post: Post, reason: str = "", seen_revision=None
) -> AuditLogEntry:
    """Carry out a moderator's decision on a post, log it and teach the filter what it means."""
    action, status, default_reason = DECISIONS[decision]
    entry = change_status(
        post,
        actor=moderator,
        action=action,
        status=status,
        reason=reason or default_reason,
        seen_revision=seen_revision,
    )
    lesson = _lesson(decision, entry.status_before)
    if lesson is not None:
        _teach(post, is_spam=lesson, moderator=moderator)
    # A decision answers an open appeal: publishing grants it, anything else denies it.
    answer_appeal(post, moderator=moderator, granted=status == Status.VISIBLE, at=entry.created_at)
    if entry.status_before != entry.status_after:
        _tell_author(post, decision, moderator=moderator, reason=reason)
        if status == Status.VISIBLE:
            notify_new_post(post)  # readers of the thread learn of it when it appears
    return entry


def _tell_author(post: Post, decision: str, *, moderator: User, reason: str) -> None:
    """Tell the author what happened to their post, in words for members, not moderators."""
    noun = post.get_kind_display().lower()
    message = {
        "approve": f"Your {noun} was approved and readers can see it now.",
        "reject": f"Your {noun} was hidden as spam.",
        "hide": f"Your {noun} was hidden by a moderator" + (f": {reason}" if reason else "."),
        "restore": f"Your {noun} is visible again.",
    }[decision]
    notify_moderation(post, moderator=moderator, message=message)


def approve_post(**kwargs) -> AuditLogEntry:
    """Publish a held, hidden or rejected post and teach the filter it is not spam."""
    return decide("approve", **kwargs)


def reject_post(**kwargs) -> AuditLogEntry:
    """Hide a post as spam and teach the filter it is spam."""
    return decide("reject", **kwargs)


def hide_post(**kwargs) -> AuditLogEntry:
    """Hide a post that is not spam (rude, off-topic, obsolete); the filter learns nothing."""
    return decide("hide", **kwargs)


def restore_post(**kwargs) -> AuditLogEntry:
    """Make a hidden or rejected post visible again, undoing a spam lesson."""
    return decide("restore", **kwargs)


@transaction.atomic
def undo_decision(*, moderator: User, entry: AuditLogEntry) -> AuditLogEntry:
    """Put a post back in the status it had before `entry`'s decision, and make the filter
    forget what that decision taught it. Only the latest change of a post can be undone, so
    an undo never skips over someone else's later decision."""
    post = writes.lock(entry.post_id)
    # Latest by id, as the audit log's Undo buttons count it: ids follow the order in which
    # changes took each post's lock.
    latest = (
        AuditLogEntry.objects.filter(post=post)
        .exclude(status_before=F("status_after"))
        .order_by("-pk")
        .first()
    )
    if not entry.changed_status or latest is None or latest.pk != entry.pk:
        raise ActionRefused("Only the latest change of a post can be undone; undo the later one.")
    # A post the filter stopped on arrival was never visible: undoing that publishes it.
    status = entry.status_before or Status.VISIBLE
    TrainingExample.objects.filter(post=post, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    spam.learn_soon()
    return change_status(
        post,
        actor=moderator,
        action=Action.UNDONE,
        status=status,
        reason=f"Undid “{entry.get_action_display()}” of {entry.created_at:%Y-%m-%d %H:%M}",
        note=UNDO_NOTES[status],
    )


# What the author reads after an undo puts their post back.
UNDO_NOTES = {
    Status.VISIBLE: "",
    Status.HELD: "Waiting for a moderator's review again.",
    Status.SPAM: "Hidden as spam.",
    Status.HIDDEN: "Hidden by a moderator.",
}


def rescan_post(post: Post, *, dry_run: bool = False) -> tuple[str, str]:
    """Score a stored post again with the current filter; return (status before, after).

    Posts a moderator decided are left alone: a rescan never overrides a human.
    """
    if post.moderated_at is not None:
        return post.status, post.status
    screening = spam.screen(post)
    status, before = screening.status, post.status
    if dry_run:
        return before, status
    with transaction.atomic():
        locked = writes.lock(post.pk)
        spam.keep_verdict(locked, screening.verdict, folded=screening.folds)
        writes.update(
            locked,
            spam_score=locked.spam_score,
            spam_reasons=locked.spam_reasons,
            is_chatter=locked.is_chatter,
        )
        if status != before:
            change_status(
                locked,
                actor=None,
                action=Action.RESCANNED,
                status=status,
                reason=screening.log_reason,
                note=screening.note,
            )
    return before, status

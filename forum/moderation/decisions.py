"""Moderation writes: moderator actions, member flags, appeals and rescans (suspensions are
in members.py).

Every status change goes through `change_status`, which locks the post, records the status it
actually found, writes the audit log entry, resolves open flags and keeps the thread's counters
right, so no action can forget one of them or undo another's.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from forum.accounts.models import User
from forum.accounts.permissions import can_moderate
from forum.accounts.reputation import flag_weight
from forum.notifications.services import notify_moderation, notify_new_post
from forum.posts import writes
from forum.posts.models import STOPPED, Post, Revision, Status

from . import spam
from .models import Appeal, AuditLogEntry, Flag, TrainingExample

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
        _resolve_flags(locked, helpful=status != Status.VISIBLE, at=now)
    entry = AuditLogEntry.about(
        locked, actor=actor, action=action, before=before, after=status, reason=reason, at=now
    )
    entry.save()
    return entry


def _resolve_flags(post: Post, *, helpful: bool, at) -> int:
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
    Appeal.objects.filter(post=post, decided_at__isnull=True).update(
        decided_at=entry.created_at, decided_by=moderator, granted=status == Status.VISIBLE
    )
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
def dismiss_flags(*, moderator: User, post: Post, reason: str = "", seen_revision=None) -> bool:
    """Decline the open flags on a post without changing it (each flagger's weight drops);
    False when there were none."""
    locked = writes.lock(post.pk)
    resolved = _resolve_flags(locked, helpful=False, at=timezone.now())
    if not resolved:
        return False
    AuditLogEntry.note(
        locked,
        actor=moderator,
        action=Action.FLAGS_DISMISSED,
        reason=reason or f"{resolved} flag{'s' if resolved != 1 else ''} dismissed",
    )
    return True


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


CAMPAIGN_BATCH = 200


def act_on_campaign(*, moderator: User, decision: str, post_ids: list[int]) -> int:
    """Carry out one decision on every listed post of a campaign; return how many changed.

    One transaction per batch, so thousands of posts neither hold locks for long nor fail
    as a whole at the end; every post gets its own audit entry as any decision does. Posts
    that are gone or already published are skipped.
    """
    if decision not in DECISIONS:
        raise ActionRefused("Unknown decision.")
    done = 0
    ids = sorted(set(post_ids))
    for start in range(0, len(ids), CAMPAIGN_BATCH):
        with transaction.atomic():
            for post in Post.objects.filter(
                pk__in=ids[start : start + CAMPAIGN_BATCH], status__in=STOPPED
            ):
                decide(decision, moderator=moderator, post=post, reason="Campaign")
                done += 1
    return done


class AppealRefused(Exception):
    """The appeal was not recorded; the message says why, for the member."""


@transaction.atomic
def appeal_post(*, author: User, post: Post, message: str) -> Appeal:
    """Ask the moderators to look again at one's own held or hidden post, once."""
    locked = writes.lock(post.pk)
    if locked.author_id != author.pk:
        raise AppealRefused("Only the author of a post can appeal for it.")
    if locked.is_visible:
        raise AppealRefused("This post is visible to everyone; there is nothing to appeal.")
    if Appeal.objects.filter(post=locked).exists():
        raise AppealRefused("You have already appealed for this post.")
    appeal = Appeal.objects.create(post=locked, message=message)
    AuditLogEntry.note(locked, actor=author, action=Action.APPEALED, reason=message)
    return appeal


@transaction.atomic
def deny_appeal(*, moderator: User, post: Post, reason: str = "", seen_revision=None) -> bool:
    """Keep the post as it is and tell its author the appeal was looked at and refused."""
    locked = writes.lock(post.pk)
    denied = Appeal.objects.filter(post=locked, decided_at__isnull=True).update(
        decided_at=timezone.now(), decided_by=moderator, granted=False
    )
    if not denied:
        return False
    AuditLogEntry.note(locked, actor=moderator, action=Action.APPEAL_DENIED, reason=reason)
    noun = locked.get_kind_display().lower()
    notify_moderation(
        locked,
        moderator=moderator,
        message=f"A moderator looked at your appeal and your {noun} stays as it is"
        + (f": {reason}" if reason else "."),
    )
    return True


ACTIONS = {
    "approve": approve_post,
    "reject": reject_post,
    "hide": hide_post,
    "restore": restore_post,
    "dismiss": dismiss_flags,
    "deny": deny_appeal,
}


class FlagRefused(Exception):
    """The flag was not recorded; the message is for the member."""


@transaction.atomic
def flag_post(*, user: User, post: Post, reason: str) -> Flag:
    """Record a member's flag, weighed by their trust and record; when the open flags' weight
    reaches FORUM_FLAG_WEIGHT_TO_HOLD, a visible post is held for review.

    Every flag reaches the queue, but flags from accounts younger than a day weigh nothing
    and a moderator's post is never held by flags alone. The post is locked first, so flags
    arriving together count each other and only one of them holds the post.
    """
    locked = writes.lock(post.pk)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                user=user, post=locked, reason=reason, weight=flag_weight(user)
            )
    except IntegrityError:
        raise FlagRefused("You have already flagged this post.") from None
    if not locked.is_visible or can_moderate(locked.author):
        return flag
    open_flags = Flag.objects.filter(post=locked, resolved_at__isnull=True).aggregate(
        n=Count("pk"), weight=Sum("weight")
    )
    if open_flags["weight"] >= settings.FORUM_FLAG_WEIGHT_TO_HOLD:
        change_status(
            locked,
            actor=None,
            action=Action.FLAG_HELD,
            status=Status.HELD,
            reason=f"Held after {open_flags['n']} member flags (weight {open_flags['weight']:.1f})",
            note="Members flagged it, so it waits for a moderator's review.",
        )
    return flag


@transaction.atomic
def redact_revision(*, moderator: User, revision: Revision, reason: str = "") -> bool:
    """Hide an earlier version of a post from everyone but moderators; the text is kept and
    the audit log says who and why. False when it was already redacted."""
    done = writes.set_redacted(revision, at=timezone.now())
    if done:
        _log_revision(revision, moderator=moderator, action=Action.REDACTED, reason=reason)
    return done


@transaction.atomic
def unredact_revision(*, moderator: User, revision: Revision, reason: str = "") -> bool:
    """Undo `redact_revision`; False when the version was not redacted."""
    done = writes.set_redacted(revision, at=None)
    if done:
        _log_revision(revision, moderator=moderator, action=Action.UNREDACTED, reason=reason)
    return done


def _log_revision(revision: Revision, *, moderator: User, action: str, reason: str) -> None:
    post = revision.post
    AuditLogEntry.objects.create(
        actor=moderator,
        action=action,
        post=post,
        post_revision=revision.number,
        member_id=post.author_id,
        status_before=post.status,
        status_after=post.status,
        reason=reason or f"Version {revision.number}",
    )


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
        spam.keep_verdict(locked, screening.verdict)
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

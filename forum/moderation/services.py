"""Moderation writes: moderator actions, member flags, suspensions and rescans.

Every status change goes through `change_status`, which locks the post, records the status it
actually found, writes the audit log entry, resolves open flags and keeps the thread's counters
right, so no action can forget one of them or undo another's.
"""

from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from forum.accounts.models import User
from forum.core import pagecache
from forum.posts.models import Kind, Post, Status

from . import spam
from .models import AuditLogEntry, Flag, TrainingExample

Action = AuditLogEntry.Action

SUSPENSION_REASON = "Author suspended"


class ActionRefused(Exception):
    """The action was not carried out; the message says why, for the person who asked."""


def count_visibility_change(post: Post, *, before: str, after: str) -> None:
    """Keep the question's visible-answer count in step when an answer appears or disappears."""
    if post.kind != Kind.ANSWER or (before == Status.VISIBLE) == (after == Status.VISIBLE):
        return
    delta = 1 if after == Status.VISIBLE else -1
    Post.objects.filter(pk=post.thread_id).update(answer_count=F("answer_count") + delta)


def change_status(
    post: Post,
    *,
    actor: User | None,
    action: str,
    status: str,
    reason: str = "",
    seen_revision: int | None = None,
) -> AuditLogEntry | None:
    """Set a post's status as a decision of `actor` (None for automatic ones) and log it.

    Locks the row first: the status before is the one really found, never a stale copy.
    A moderator's decision is recorded even when the status stays (a flagged post approved
    as it is); an automatic one that changes nothing returns None. Refuses when
    `seen_revision` is given and the post was edited since. Call inside a transaction.
    """
    locked = Post.objects.select_for_update(no_key=True).get(pk=post.pk)
    if seen_revision is not None and locked.revision != seen_revision:
        raise ActionRefused(
            "The post was edited after you loaded it; read the new version and decide again."
        )
    before = locked.status
    if before == status and actor is None:
        return None
    now = timezone.now()
    changes = {"status": status, "status_reason": reason[:300]}
    if actor is not None:
        changes["moderated_at"] = now
    Post.objects.filter(pk=locked.pk).update(**changes)
    for name, value in changes.items():
        setattr(post, name, value)
    count_visibility_change(locked, before=before, after=status)
    pagecache.thread_changed(locked.thread_id or locked.pk)
    if actor is not None:
        Flag.objects.filter(post=locked, resolved_at__isnull=True).update(resolved_at=now)
    entry = AuditLogEntry.about(
        locked, actor=actor, action=action, before=before, after=status, reason=reason, at=now
    )
    entry.save()
    return entry


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
    return entry


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
    """Close the open flags on a post without changing it; False when there were none."""
    locked = Post.objects.select_for_update(no_key=True).get(pk=post.pk)
    resolved = Flag.objects.filter(post=locked, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    if not resolved:
        return False
    AuditLogEntry.about(
        locked,
        actor=moderator,
        action=Action.FLAGS_DISMISSED,
        before=locked.status,
        after=locked.status,
        reason=reason or f"{resolved} flag{'s' if resolved != 1 else ''} dismissed",
    ).save()
    return True


ACTIONS = {
    "approve": approve_post,
    "reject": reject_post,
    "hide": hide_post,
    "restore": restore_post,
    "dismiss": dismiss_flags,
}


class FlagRefused(Exception):
    """The flag was not recorded; the message is for the member."""


@transaction.atomic
def flag_post(*, user: User, post: Post, reason: str) -> Flag:
    """Record a member's flag; enough open flags hold a visible post for review.

    The post is locked first, so flags arriving together count each other and only one of
    them holds the post.
    """
    locked = Post.objects.select_for_update(no_key=True).get(pk=post.pk)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(user=user, post=locked, reason=reason)
    except IntegrityError:
        raise FlagRefused("You have already flagged this post.") from None
    open_flags = Flag.objects.filter(post=locked, resolved_at__isnull=True).count()
    if open_flags >= settings.FORUM_FLAGS_TO_HOLD and locked.is_visible:
        change_status(
            locked,
            actor=None,
            action=Action.FLAG_HELD,
            status=Status.HELD,
            reason=f"Held after {open_flags} member flags",
        )
    return flag


@transaction.atomic
def suspend_member(*, moderator: User, member: User, reason: str = "") -> int:
    """Suspend a member and hide every visible or held post of theirs; return how many."""
    member = User.objects.select_for_update(no_key=True).get(pk=member.pk)
    if member.is_suspended:
        raise ActionRefused(f"{member} is already suspended.")
    now = timezone.now()
    User.objects.filter(pk=member.pk).update(suspended_at=now)
    pagecache.everything_changed()  # their profile's badge, and every post hidden below
    AuditLogEntry.objects.create(
        actor=moderator, action=Action.SUSPENDED, member=member, reason=reason
    )
    posts = list(
        Post.objects.select_for_update(no_key=True)
        .filter(author=member, status__in=[Status.VISIBLE, Status.HELD])
        .only("pk", "kind", "status", "thread_id", "revision", "author_id")
    )
    _set_statuses(
        posts,
        {post.pk: Status.HIDDEN for post in posts},
        moderator=moderator,
        action=Action.HIDDEN,
        reason=SUSPENSION_REASON,
        at=now,
    )
    return len(posts)


@transaction.atomic
def unsuspend_member(*, moderator: User, member: User) -> int:
    """Lift a suspension and put back the posts it hid, each in the status it had before."""
    member = User.objects.select_for_update(no_key=True).get(pk=member.pk)
    if not member.is_suspended:
        raise ActionRefused(f"{member} is not suspended.")
    now = timezone.now()
    User.objects.filter(pk=member.pk).update(suspended_at=None)
    pagecache.everything_changed()
    AuditLogEntry.objects.create(actor=moderator, action=Action.UNSUSPENDED, member=member)
    posts = list(
        Post.objects.select_for_update(no_key=True)
        .filter(author=member, status=Status.HIDDEN, status_reason=SUSPENSION_REASON)
        .only("pk", "kind", "status", "thread_id", "revision", "author_id")
    )
    # The newest "hidden" entry of each post says what it was before the suspension.
    before: dict[int, str] = {}
    for post_id, status in (
        AuditLogEntry.objects.filter(post__in=posts, status_after=Status.HIDDEN)
        .order_by("created_at", "pk")
        .values_list("post_id", "status_before")
    ):
        before[post_id] = status
    _set_statuses(
        posts,
        {post.pk: before.get(post.pk, Status.VISIBLE) for post in posts},
        moderator=moderator,
        action=Action.RESTORED,
        reason="Suspension lifted",
        at=now,
    )
    return len(posts)


def _set_statuses(posts, targets: dict[int, str], *, moderator, action, reason, at):
    """Move many locked posts at once: one UPDATE per target status, one audit INSERT, and
    the answer counts of their threads adjusted in SQL."""
    for status in set(targets.values()):
        ids = [pk for pk, target in targets.items() if target == status]
        Post.objects.filter(pk__in=ids).update(
            status=status, status_reason="" if status == Status.VISIBLE else reason, moderated_at=at
        )
    AuditLogEntry.objects.bulk_create(
        AuditLogEntry.about(
            post,
            actor=moderator,
            action=action,
            before=post.status,
            after=targets[post.pk],
            reason=reason,
            at=at,
        )
        for post in posts
    )
    deltas: Counter[int] = Counter()
    for post in posts:
        if post.kind == Kind.ANSWER:
            deltas[post.thread_id] += (targets[post.pk] == Status.VISIBLE) - post.is_visible
    for thread_id, delta in deltas.items():
        if delta:
            Post.objects.filter(pk=thread_id).update(answer_count=F("answer_count") + delta)


def rescan_post(post: Post, *, dry_run: bool = False) -> tuple[str, str]:
    """Score a stored post again with the current filter; return (status before, after).

    Posts a moderator decided are left alone: a rescan never overrides a human.
    """
    if post.moderated_at is not None:
        return post.status, post.status
    verdict = spam.screen(post)
    status = spam.STATUS_FOR_VERDICT[verdict.label]
    before = post.status
    if dry_run:
        return before, status
    with transaction.atomic():
        spam.keep_verdict(post, verdict)
        Post.objects.filter(pk=post.pk).update(
            spam_score=post.spam_score, spam_reasons=post.spam_reasons
        )
        if status != before:
            change_status(
                post,
                actor=None,
                action=Action.RESCANNED,
                status=status,
                reason=spam.describe(verdict),
            )
    return before, status

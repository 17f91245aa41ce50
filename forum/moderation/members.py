"""Moderators' decisions about a member: private warnings, suspensions, and taking a
suspension or its lifting back.

A suspension, or its lifting, is one action: its member entry in the audit log and the
entries of the posts it hid or restored share one moment (`created_at`), which is how an
undo finds exactly the posts that action moved.
"""

from django.db import transaction
from django.utils import timezone

from forum.accounts import lockout
from forum.accounts.models import User
from forum.core import pagecache
from forum.notifications.models import Notification
from forum.notifications.services import notify_member
from forum.posts import writes
from forum.posts.models import Status

from . import selectors
from .decisions import UNDO_NOTES, ActionRefused
from .models import SUSPENSION_CHANGES, AuditLogEntry
from .permissions import can_lift_login_limits, can_suspend_member, can_warn_member

Action = AuditLogEntry.Action

SUSPENSION_REASON = "Author suspended"
_POST_FIELDS = ("pk", "kind", "status", "thread_id", "revision", "author_id")


@transaction.atomic
def warn_member(*, moderator: User, member: User, message: str) -> AuditLogEntry:
    """Send a member a private warning to their inbox, and log it (the log keeps the words,
    so other moderators see what the member was told)."""
    if not can_warn_member(moderator, member):
        raise ActionRefused(f"You cannot warn {member}.")
    notify_member(
        member=member, moderator=moderator, kind=Notification.Kind.WARNING, message=message
    )
    return AuditLogEntry.objects.create(
        actor=moderator, action=Action.WARNED, member=member, reason=message[:300]
    )


@transaction.atomic
def lift_login_limits(*, moderator: User, member: User) -> int:
    """Forget the failed log-ins on a member's username from every address, ending its
    lock-outs and slowdown, and log it; return how many failures were forgotten."""
    if not can_lift_login_limits(moderator, member):
        raise ActionRefused(f"You cannot lift {member}'s log-in limits.")
    forgotten = lockout.lift(member.username)
    AuditLogEntry.objects.create(
        actor=moderator,
        action=Action.LOGINS_UNLOCKED,
        member=member,
        reason=f"{forgotten} failed log-in{'s' if forgotten != 1 else ''} forgotten",
    )
    return forgotten


@transaction.atomic
def suspend_member(
    *, moderator: User, member: User, reason: str = "", until=None, hide_posts: bool = False
) -> int:
    """Suspend a member until `until` (None: until a moderator lifts it), tell them why, and
    with `hide_posts` also hide every visible or held post of theirs; return how many.

    Suspension is its own decision: hiding posts never suspends anyone, and suspending hides
    nothing unless asked. Refused unless `moderator` may suspend `member` (only superusers
    suspend moderators).
    """
    if not can_suspend_member(moderator, member):
        raise ActionRefused(f"You cannot suspend {member}.")
    member = User.objects.select_for_update(no_key=True).get(pk=member.pk)
    if member.is_suspended:
        raise ActionRefused(f"{member} is already suspended.")
    now = timezone.now()
    if until is not None and until <= now:
        raise ActionRefused("A suspension has to end in the future.")
    reason = reason[:300]
    User.objects.filter(pk=member.pk).update(
        suspended_at=now, suspended_until=until, suspension_reason=reason
    )
    pagecache.everything_changed()  # their profile's badge, and any post hidden below
    term = f"until {until:%Y-%m-%d %H:%M} UTC" if until else "until a moderator lifts it"
    AuditLogEntry.objects.create(
        actor=moderator,
        action=Action.SUSPENDED,
        member=member,
        reason=f"Suspended {term}" + (f": {reason}" if reason else ""),
        created_at=now,
    )
    notify_member(
        member=member,
        moderator=moderator,
        kind=Notification.Kind.SUSPENSION,
        message=f"Your account is suspended {term}" + (f": {reason}" if reason else "."),
    )
    if not hide_posts:
        return 0
    posts = writes.lock_many(
        author=member, status__in=[Status.VISIBLE, Status.HELD], only=_POST_FIELDS
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
    """Lift a suspension and put back the posts it hid, each in the status it had before.

    The suspension's end and reason stay on the member (only `suspended_at` marks one in
    force), so undoing the lift can put that same suspension back.
    """
    if not can_suspend_member(moderator, member):
        raise ActionRefused(f"You cannot reinstate {member}.")
    member = User.objects.select_for_update(no_key=True).get(pk=member.pk)
    # A suspension that ran out is lifted too, so the posts it hid can come back.
    if member.suspended_at is None:
        raise ActionRefused(f"{member} is not suspended.")
    now = timezone.now()
    User.objects.filter(pk=member.pk).update(suspended_at=None)
    pagecache.everything_changed()
    AuditLogEntry.objects.create(
        actor=moderator, action=Action.UNSUSPENDED, member=member, created_at=now
    )
    posts = writes.lock_many(
        author=member, status=Status.HIDDEN, status_reason=SUSPENSION_REASON, only=_POST_FIELDS
    )
    # The newest "hidden" entry of each post says what it was before the suspension.
    before: dict[int, str] = {}
    for post_id, status in (
        AuditLogEntry.objects.filter(post__in=posts, status_after=Status.HIDDEN)
        .order_by("pk")
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


def latest_suspension_change(member: User) -> AuditLogEntry | None:
    """The member's latest suspension, lift, or undo of one: the only one an undo may take
    back, so an undo never skips over a later decision."""
    return (
        AuditLogEntry.objects.filter(
            member=member, post__isnull=True, action__in=SUSPENSION_CHANGES
        )
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def undo_suspension_change(*, moderator: User, entry: AuditLogEntry) -> AuditLogEntry:
    """Take back a suspension (lift it, and put back each post it hid as it was) or a lift
    (suspend again on the same terms, and hide again each post it restored).

    Only the member's latest suspension or lift can be taken back; a post some later
    decision has changed since is left as that decision set it.
    """
    if entry.post_id is not None or entry.action not in (Action.SUSPENDED, Action.UNSUSPENDED):
        raise ActionRefused("That is not a suspension or its lifting.")
    if not can_suspend_member(moderator, entry.member):
        raise ActionRefused(f"You cannot suspend or reinstate {entry.member}.")
    member = User.objects.select_for_update(no_key=True).get(pk=entry.member_id)
    lifting = entry.action == Action.SUSPENDED
    latest = latest_suspension_change(member)
    if latest is None or latest.pk != entry.pk or (member.suspended_at is None) == lifting:
        raise ActionRefused(
            f"Only {member}'s latest suspension or lift can be undone; undo the later one."
        )
    now = timezone.now()
    if lifting:
        User.objects.filter(pk=member.pk).update(suspended_at=None)
    else:
        began = (
            AuditLogEntry.objects.filter(member=member, post__isnull=True, action=Action.SUSPENDED)
            .order_by("-pk")
            .values_list("created_at", flat=True)
            .first()
        )
        User.objects.filter(pk=member.pk).update(suspended_at=began or now)
    pagecache.everything_changed()
    reason = f"Undid “{entry.get_action_display()}” of {entry.created_at:%Y-%m-%d %H:%M}"
    undone = AuditLogEntry.objects.create(
        actor=moderator, action=Action.UNDONE, member=member, reason=reason, created_at=now
    )
    moved = list(
        AuditLogEntry.objects.filter(
            actor_id=entry.actor_id, member=member, created_at=entry.created_at, post__isnull=False
        ).values_list("pk", "post_id", "status_before")
    )
    posts = writes.lock_many(pk__in=[post_id for _, post_id, _ in moved], only=_POST_FIELDS)
    latest_ids = selectors.latest_change_ids([post.pk for post in posts])
    targets = {post_id: before for pk, post_id, before in moved if pk in latest_ids}
    posts = [post for post in posts if post.pk in targets]
    # Posts hidden again count as the suspension's, so lifting it later restores them.
    note = UNDO_NOTES[Status.HELD] if lifting else SUSPENSION_REASON
    _set_statuses(
        posts, targets, moderator=moderator, action=Action.UNDONE, reason=reason, note=note, at=now
    )
    return undone


def _set_statuses(posts, targets: dict[int, str], *, moderator, action, reason, at, note=None):
    """Move many locked posts at once, with one audit INSERT. `note` (default: the reason)
    is what the author of a post left out of view reads."""
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
    shown = reason if note is None else note
    writes.set_statuses(
        posts,
        {
            pk: {
                "status": status,
                "status_reason": "" if status == Status.VISIBLE else shown,
                "moderated_at": at,
            }
            for pk, status in targets.items()
        },
    )

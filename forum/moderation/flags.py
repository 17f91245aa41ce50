"""Members' flags: raising one (enough weight holds a visible post) and a moderator
declining the open ones. A moderator's decision on the post resolves them too
(`decisions.change_status`)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.accounts.models import User
from forum.accounts.permissions import can_moderate, can_post
from forum.accounts.reputation import flag_weight
from forum.posts import writes
from forum.posts.models import Post, Status
from forum.votes import rings

from .decisions import change_status, resolve_flags
from .models import AuditLogEntry, Flag

Action = AuditLogEntry.Action


class FlagRefused(Exception):
    """The flag was not recorded; the message is for the member."""


def flag_post(*, user: User, post: Post, reason: str) -> Flag:
    """Record a member's flag, weighed by their trust and record; when the open flags' weight
    reaches FORUM_FLAG_WEIGHT_TO_HOLD, a visible post is held for review.

    Every flag reaches the queue, but flags from accounts younger than
    FORUM_FLAG_MIN_ACCOUNT_DAYS weigh nothing
    and a moderator's post is never held by flags alone. The post is locked first, so flags
    arriving together count each other and only one of them holds the post. Flaggers linked
    to one another (one browser, address or sign-up window, a voting ring: `rings`) count
    as one, with the largest of their weights; the flagger's votes are reviewed first, so a
    ring's reputation is taken back before it is weighed.
    """
    rings.review_member(user.pk)
    with transaction.atomic():
        return _flag(user=user, post=post, reason=reason)


def _flag(*, user: User, post: Post, reason: str) -> Flag:
    locked = writes.lock(post.pk)
    # What a concurrent write can change about the view's check (`can_flag_post`), checked
    # again on the locked row and the flagger as committed: a suspension, a post hidden
    # meanwhile. (The privilege itself is the view's: reputation moves all the time.)
    if not can_post(User.objects.get(pk=user.pk)) or not locked.is_visible:
        raise FlagRefused(
            "Your flag was not recorded: the post was taken out of view, or your account "
            "suspended, a moment ago."
        )
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                user=user, post=locked, reason=reason, weight=flag_weight(user)
            )
    except IntegrityError:
        raise FlagRefused("You have already flagged this post.") from None
    if not locked.is_visible or can_moderate(locked.author):
        return flag
    open_flags = list(
        Flag.objects.filter(post=locked, resolved_at__isnull=True).select_related("user")
    )
    weights = {flag.user_id: flag.weight for flag in open_flags}
    groups = rings.linked_groups([flag.user for flag in open_flags])
    weight = sum(max(weights[member.pk] for member in group) for group in groups)
    if weight >= settings.FORUM_FLAG_WEIGHT_TO_HOLD:
        linked = len(open_flags) - len(groups)
        change_status(
            locked,
            actor=None,
            action=Action.FLAG_HELD,
            status=Status.HELD,
            reason=f"Held after {len(open_flags)} member flags (weight {weight:.1f}"
            + (f", {linked} from linked accounts counted once" if linked else "")
            + ")",
            note="Members flagged it, so it waits for a moderator's review.",
        )
    return flag


@transaction.atomic
def dismiss_flags(*, moderator: User, post: Post, reason: str = "", seen_revision=None) -> bool:
    """Decline the open flags on a post without changing it (each flagger's weight drops);
    False when there were none."""
    locked = writes.lock(post.pk)
    resolved = resolve_flags(locked, helpful=False, at=timezone.now())
    if not resolved:
        return False
    AuditLogEntry.note(
        locked,
        actor=moderator,
        action=Action.FLAGS_DISMISSED,
        reason=reason or f"{resolved} flag{'s' if resolved != 1 else ''} dismissed",
    )
    return True

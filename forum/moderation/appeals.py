"""An author's appeal against a held or hidden post of theirs, and its outcome.

Publishing the post grants an open appeal and any other decision refuses it
(`decisions.decide` calls `answer_appeal`); `deny_appeal` refuses it and leaves the post as
it is.
"""

from django.db import transaction
from django.utils import timezone

from forum.accounts.models import User
from forum.notifications.services import notify_moderation
from forum.posts import writes
from forum.posts.models import Post

from .models import Appeal, AuditLogEntry
from .permissions import can_appeal_post

Action = AuditLogEntry.Action


class AppealRefused(Exception):
    """The appeal was not recorded; the message says why, for the member."""


@transaction.atomic
def appeal_post(*, author: User, post: Post, message: str) -> Appeal:
    """Ask the moderators to look again at one's own held or hidden post, once."""
    locked = writes.lock(post.pk)
    # The view's check, again on the locked row: a moderator may have restored it meanwhile.
    if not can_appeal_post(author, locked):
        if locked.is_visible:
            raise AppealRefused("This post is visible to everyone; there is nothing to appeal.")
        raise AppealRefused("Only the author of a post can appeal for it.")
    if Appeal.objects.filter(post=locked).exists():
        raise AppealRefused("You have already appealed for this post.")
    appeal = Appeal.objects.create(post=locked, message=message)
    AuditLogEntry.note(locked, actor=author, action=Action.APPEALED, reason=message)
    return appeal


@transaction.atomic
def deny_appeal(*, moderator: User, post: Post, reason: str = "", seen_revision=None) -> bool:
    """Keep the post as it is and tell its author the appeal was looked at and refused."""
    locked = writes.lock(post.pk)
    if not answer_appeal(locked, moderator=moderator, granted=False):
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


def answer_appeal(post: Post, *, moderator: User, granted: bool, at=None) -> int:
    """Record a moderator's answer to the post's open appeal, if it has one; return how many
    were answered (0 or 1)."""
    return Appeal.objects.filter(post=post, decided_at__isnull=True).update(
        decided_at=at or timezone.now(), decided_by=moderator, granted=granted
    )

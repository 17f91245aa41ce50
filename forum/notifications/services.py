"""Writes: telling members what happened. Call inside the transaction of the cause."""

import re

from django.utils import timezone

from forum.accounts.models import User
from forum.posts.models import Post

from .models import Notification

# "@name" as Stack Exchange writes it: letters, digits and . _ - after an "@" that does not
# follow a word character (so e-mail addresses are not mentions).
MENTION = re.compile(r"(?<![\w@])@([\w.-]{2,150})")
MAX_MENTIONS = 10  # a post naming more people is not talking to each of them


def notify_new_post(post: Post) -> None:
    """Tell the question's author about a new answer, the parent's author about a new comment,
    and everyone @mentioned; once each, never the post's own author. Call when the post first
    becomes visible to readers."""
    notices: dict[int, str] = {}
    if post.rules.notifies_parent:
        # Each such kind has a notification of its own name ("New answer to your question").
        notices[post.parent.author_id] = Notification.Kind(post.kind)
    names = list(dict.fromkeys(MENTION.findall(post.body)))[:MAX_MENTIONS]
    if names:
        for user_id in User.objects.filter(username__in=names).values_list("pk", flat=True):
            notices.setdefault(user_id, Notification.Kind.MENTION)
    notices.pop(post.author_id, None)
    if notices:
        Notification.objects.bulk_create(
            [
                Notification(recipient_id=user_id, kind=kind, post=post, actor_id=post.author_id)
                for user_id, kind in notices.items()
            ],
            ignore_conflicts=True,
        )


def notify_accepted(answer: Post, *, by: User) -> None:
    """Tell the answer's author it was accepted. An asker who switches back to an answer they
    accepted before re-announces the one notice it has (unread again, now), not a second."""
    if answer.author_id != by.pk:
        Notification.objects.update_or_create(
            recipient_id=answer.author_id,
            kind=Notification.Kind.ACCEPTED,
            post=answer,
            defaults={"actor": by, "created_at": timezone.now(), "read_at": None},
        )


def notify_moderation(post: Post, *, moderator: User, message: str) -> None:
    """Tell a post's author what a moderator decided, in words meant for members."""
    if post.author_id != moderator.pk:
        Notification.objects.create(
            recipient_id=post.author_id,
            kind=Notification.Kind.MODERATION,
            post=post,
            actor=moderator,
            message=message[:300],
        )


def notify_member(*, member: User, moderator: User, kind: str, message: str) -> None:
    """Tell a member something about their account (a warning, a suspension), privately."""
    Notification.objects.create(recipient=member, kind=kind, actor=moderator, message=message[:300])


def notify_failed_logins(member: User, failures: int) -> None:
    """Tell a member who just logged in how many wrong passwords were tried on their
    username since they last did, so they know if someone is trying their account."""
    if failures:
        attempts = f"{failures} failed log-in{'s' if failures != 1 else ''}"
        Notification.objects.create(
            recipient=member,
            kind=Notification.Kind.FAILED_LOGINS,
            message=(
                f"{attempts} on your account since you last logged in. If they were not "
                "yours, someone is guessing your password: choose a long one only you know. "
                "Addresses that try too often are slowed down or locked out, never you."
            ),
        )


def mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read, or all of them; return how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())

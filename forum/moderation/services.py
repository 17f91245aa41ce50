"""Moderation writes: the single entry point for new replies, flags, and moderator actions.

Every status change goes through `_change_status`, which writes the audit log entry, resolves
open flags and keeps the thread's counters right, so no action can forget one of them.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from forum.answers.models import Answer
from forum.core.models import PostStatus
from forum.questions.services import record_activity, recount_answers

from . import spam
from .models import AuditLogEntry, Flag, TrainingExample
from .permissions import can_moderate
from .posts import POST_MODELS, REPLY_MODELS, thread_of

Action = AuditLogEntry.Action


SUSPENSION_REASON = "Author suspended"


class ReplyRefused(Exception):
    """The reply was not accepted at all (e.g. a rate limit); the message is for the member."""


class FlagRefused(Exception):
    """The flag was not recorded; the message is for the member."""


def _content_type(post) -> ContentType:
    return ContentType.objects.get_for_model(post)


def _keep_verdict(reply, verdict) -> None:
    """Store the filter's score and reasons on the reply, for moderators and later rescans."""
    reply.spam_score = verdict.score
    reply.spam_reasons = verdict.as_dict()["reasons"]


def check_reply_rate(author, *, now) -> None:
    """Refuse the reply if the author is over the hourly limit for accounts of their age."""
    hour_ago = now - timedelta(hours=1)
    recent = sum(
        model.objects.filter(author=author, created_at__gte=hour_ago).count()
        for model in REPLY_MODELS.values()
    )
    is_new = now - author.date_joined < timedelta(days=settings.FORUM_NEW_ACCOUNT_DAYS)
    limit = (
        settings.FORUM_NEW_ACCOUNT_REPLIES_PER_HOUR if is_new else settings.FORUM_REPLIES_PER_HOUR
    )
    if recent >= limit:
        raise ReplyRefused(
            f"You have posted {recent} replies in the last hour, the limit for "
            f"{'new ' if is_new else ''}accounts. Please wait a while before posting again."
        )


def submit_reply(reply):
    """Screen a new answer or comment, save it with the status the filter decides, and write
    out the consequences. Every new reply goes through here.

    Raises ReplyRefused when the author is over the rate limit; nothing is saved then.
    """
    trusted = can_moderate(reply.author)
    if not trusted:
        check_reply_rate(reply.author, now=timezone.now())
    verdict = spam.screen(reply)
    _keep_verdict(reply, verdict)
    # Moderators' own replies are scored for the record but never held.
    reply.status = PostStatus.VISIBLE if trusted else spam.STATUS_FOR_VERDICT[verdict.label]
    reply.status_reason = "" if trusted else spam.describe(verdict)
    with transaction.atomic():
        reply.save()
        spam.record_fingerprints(reply)
        if reply.is_visible:
            record_activity(reply.question, at=reply.created_at)
        else:
            AuditLogEntry.objects.create(
                action=Action.FILTERED,
                content_type=_content_type(reply),
                object_id=reply.pk,
                member=reply.author,
                status_before="",
                status_after=reply.status,
                reason=reply.status_reason,
            )
    return reply


def rescreen_edited_reply(reply) -> None:
    """Screen an edited reply again, so an approved answer cannot be edited into spam.

    An edit can only take a visible reply out of view; bringing a held one back is a
    moderator's decision. Moderators' own edits are trusted. Call inside the edit's transaction.
    """
    spam.record_fingerprints(reply)
    if can_moderate(reply.author) or not reply.is_visible:
        return
    verdict = spam.screen(reply)
    _keep_verdict(reply, verdict)
    reply.save(update_fields=["spam_score", "spam_reasons"])
    if verdict.label != "ok":
        _change_status(
            reply,
            actor=None,
            action=Action.FILTERED,
            status=spam.STATUS_FOR_VERDICT[verdict.label],
            reason=spam.describe(verdict),
        )


def _change_status(post, *, actor, action, status, reason="", member=None) -> AuditLogEntry:
    """Set a post's status as a decision of `actor` (None for automatic ones) and log it."""
    before = post.status
    post.status = status
    post.status_reason = reason[:300]
    fields = ["status", "status_reason"]
    if actor is not None:
        post.moderated_at = timezone.now()
        fields.append("moderated_at")
    post.save(update_fields=fields)
    content_type = _content_type(post)
    if actor is not None:
        Flag.objects.filter(
            content_type=content_type, object_id=post.pk, resolved_at__isnull=True
        ).update(resolved_at=timezone.now())
    if isinstance(post, Answer):
        recount_answers(post.question)
    if (
        before != PostStatus.VISIBLE
        and status == PostStatus.VISIBLE
        and post is not thread_of(post)
    ):
        record_activity(thread_of(post))
    return AuditLogEntry.objects.create(
        actor=actor,
        action=action,
        content_type=content_type,
        object_id=post.pk,
        member=member or post.author,
        status_before=before,
        status_after=status,
        reason=reason,
    )


def _teach(post, *, is_spam: bool, moderator) -> None:
    """Replace whatever the model was taught about this post with the moderator's verdict."""
    content_type = _content_type(post)
    TrainingExample.objects.filter(
        content_type=content_type, object_id=post.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    TrainingExample.objects.create(
        text=post.body,
        is_spam=is_spam,
        content_type=content_type,
        object_id=post.pk,
        decided_by=moderator,
    )


@transaction.atomic
def approve_post(*, moderator, post, reason: str = "") -> None:
    """Publish a held, hidden or flagged post and teach the filter it is not spam."""
    _change_status(
        post, actor=moderator, action=Action.APPROVED, status=PostStatus.VISIBLE, reason=reason
    )
    _teach(post, is_spam=False, moderator=moderator)


@transaction.atomic
def reject_post(*, moderator, post, reason: str = "") -> None:
    """Hide a post as spam and teach the filter it is spam."""
    _change_status(
        post,
        actor=moderator,
        action=Action.REJECTED,
        status=PostStatus.SPAM,
        reason=reason or "Rejected as spam by a moderator",
    )
    _teach(post, is_spam=True, moderator=moderator)


@transaction.atomic
def hide_post(*, moderator, post, reason: str = "") -> None:
    """Hide a post that is not spam (rude, off-topic, obsolete); the filter learns nothing."""
    _change_status(
        post,
        actor=moderator,
        action=Action.HIDDEN,
        status=PostStatus.HIDDEN,
        reason=reason or "Hidden by a moderator",
    )


@transaction.atomic
def restore_post(*, moderator, post, reason: str = "") -> None:
    """Make a hidden or rejected post visible again, undoing what the model was taught."""
    was_spam = post.status == PostStatus.SPAM
    _change_status(
        post, actor=moderator, action=Action.RESTORED, status=PostStatus.VISIBLE, reason=reason
    )
    if was_spam:
        _teach(post, is_spam=False, moderator=moderator)


@transaction.atomic
def dismiss_flags(*, moderator, post) -> None:
    """Close the open flags on a post without changing it."""
    resolved = Flag.objects.filter(
        content_type=_content_type(post), object_id=post.pk, resolved_at__isnull=True
    ).update(resolved_at=timezone.now())
    AuditLogEntry.objects.create(
        actor=moderator,
        action=Action.FLAGS_DISMISSED,
        content_type=_content_type(post),
        object_id=post.pk,
        member=post.author,
        status_before=post.status,
        status_after=post.status,
        reason=f"{resolved} flag{'s' if resolved != 1 else ''} dismissed",
    )


ACTIONS = {
    "approve": approve_post,
    "reject": reject_post,
    "hide": hide_post,
    "restore": restore_post,
    "dismiss": dismiss_flags,
}


def flag_post(*, user, post, reason: str) -> Flag:
    """Record a member's flag; enough open flags hold a visible post for review."""
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                user=user, content_type=_content_type(post), object_id=post.pk, reason=reason
            )
    except IntegrityError:
        raise FlagRefused("You have already flagged this post.") from None
    open_flags = Flag.objects.filter(
        content_type=_content_type(post), object_id=post.pk, resolved_at__isnull=True
    ).count()
    if open_flags >= settings.FORUM_FLAGS_TO_HOLD and post.is_visible:
        with transaction.atomic():
            _change_status(
                post,
                actor=None,
                action=Action.FLAG_HELD,
                status=PostStatus.HELD,
                reason=f"Held after {open_flags} member flags",
            )
    return flag


@transaction.atomic
def suspend_member(*, moderator, member, reason: str = "") -> int:
    """Suspend a member and hide every visible or held post of theirs; return how many."""
    member.suspended_at = timezone.now()
    member.save(update_fields=["suspended_at"])
    AuditLogEntry.objects.create(
        actor=moderator, action=Action.SUSPENDED, member=member, reason=reason
    )
    hidden = 0
    for model in POST_MODELS.values():
        for post in model.objects.filter(
            author=member, status__in=[PostStatus.VISIBLE, PostStatus.HELD]
        ).select_related("author"):
            _change_status(
                post,
                actor=moderator,
                action=Action.HIDDEN,
                status=PostStatus.HIDDEN,
                reason=SUSPENSION_REASON,
            )
            hidden += 1
    return hidden


@transaction.atomic
def unsuspend_member(*, moderator, member) -> int:
    """Lift a suspension and put back the posts it hid, each in the status it had before."""
    member.suspended_at = None
    member.save(update_fields=["suspended_at"])
    AuditLogEntry.objects.create(actor=moderator, action=Action.UNSUSPENDED, member=member)
    restored = 0
    for model in POST_MODELS.values():
        content_type = ContentType.objects.get_for_model(model)
        for post in model.objects.filter(
            author=member, status=PostStatus.HIDDEN, status_reason=SUSPENSION_REASON
        ):
            entry = (
                AuditLogEntry.objects.filter(
                    content_type=content_type, object_id=post.pk, status_after=PostStatus.HIDDEN
                )
                .order_by("-created_at", "-pk")
                .first()
            )
            before = entry.status_before if entry else PostStatus.VISIBLE
            _change_status(
                post,
                actor=moderator,
                action=Action.RESTORED,
                status=before,
                reason="Suspension lifted",
            )
            restored += 1
    return restored


def rescan_reply(reply, *, dry_run: bool = False) -> tuple[str, str]:
    """Score a stored reply again with the current filter; return (status before, after).

    Replies a moderator decided are left alone: a rescan never overrides a human.
    """
    if reply.moderated_at is not None:
        return reply.status, reply.status
    verdict = spam.screen(reply)
    status = spam.STATUS_FOR_VERDICT[verdict.label]
    before = reply.status
    if dry_run:
        return before, status
    with transaction.atomic():
        _keep_verdict(reply, verdict)
        reply.save(update_fields=["spam_score", "spam_reasons"])
        if status != before:
            _change_status(
                reply,
                actor=None,
                action=Action.RESCANNED,
                status=status,
                reason=spam.describe(verdict),
            )
    return before, status

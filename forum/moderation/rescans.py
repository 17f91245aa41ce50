"""Scoring stored posts again with the current filter (`manage.py rescan_posts`)."""

from django.db import transaction

from forum.posts import writes
from forum.posts.models import Post

from . import spam
from .decisions import change_status
from .models import AuditLogEntry

Action = AuditLogEntry.Action


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

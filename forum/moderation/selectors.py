"""Reads for the moderation queue and the audit log."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef
from django.http import Http404

from forum.posts.models import Post, Revision, Status

from .models import AuditLogEntry, Flag

QUEUE_TABS = {
    "held": "Held for review",
    "flagged": "Flagged",
    "spam": "Hidden as spam",
    "hidden": "Hidden",
}
QUEUE_PAGE_SIZE = 50


@dataclass
class QueueItem:
    post: Post
    flags: dict[str, int] = field(default_factory=dict)


def _open_flags():
    return Flag.objects.filter(resolved_at__isnull=True)


def list_queue(tab: str, *, before: datetime | None = None) -> list[QueueItem]:
    """One page of the queue, newest first, with each post's thread, parent and open flags.

    Keyset-paginated on created_at (`before`), so deep pages cost what the first one does.
    """
    if tab == "flagged":
        posts = Post.objects.filter(Exists(_open_flags().filter(post=OuterRef("pk"))))
    else:
        posts = Post.objects.filter(status=tab)
    if before is not None:
        posts = posts.filter(created_at__lt=before)
    page = list(
        posts.select_related("author", "thread", "parent").order_by("-created_at", "-pk")[
            :QUEUE_PAGE_SIZE
        ]
    )
    flags: dict[int, dict[str, int]] = {}
    for row in (
        _open_flags()
        .filter(post__in=[post.pk for post in page])
        .values("post_id", "reason")
        .annotate(n=Count("id"))
    ):
        flags.setdefault(row["post_id"], {})[row["reason"]] = row["n"]
    return [QueueItem(post=post, flags=flags.get(post.pk, {})) for post in page]


def count_queue() -> dict[str, int]:
    counts = {tab: 0 for tab in QUEUE_TABS}
    for row in Post.objects.exclude(status=Status.VISIBLE).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    counts["flagged"] = _open_flags().values("post_id").distinct().count()
    return counts


def get_post_for_moderation(post_id: int) -> Post:
    """Any post, whatever its status, for a moderator; 404 for unknown ones."""
    try:
        return Post.objects.select_related("author", "thread", "parent").get(pk=post_id)
    except Post.DoesNotExist:
        raise Http404("No such post.") from None


def get_revision_for_moderation(revision_id: int) -> Revision:
    """Any earlier version of any post, for a moderator; 404 for unknown ones."""
    try:
        return Revision.objects.select_related("post").get(pk=revision_id)
    except Revision.DoesNotExist:
        raise Http404("No such revision.") from None


def list_log_entries():
    return AuditLogEntry.objects.select_related("actor", "member", "post", "post__thread")

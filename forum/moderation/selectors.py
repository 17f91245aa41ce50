"""Reads for the moderation queue and the audit log."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404

from forum.core.models import PostStatus

from .models import AuditLogEntry, Flag
from .posts import POST_MODELS

QUEUE_TABS = {
    "held": "Held for review",
    "flagged": "Flagged",
    "spam": "Hidden as spam",
    "hidden": "Hidden",
}
QUEUE_PAGE_SIZE = 50


@dataclass
class QueueItem:
    kind: str
    post: object
    flags: dict[str, int] = field(default_factory=dict)


def _open_flag_counts() -> dict[tuple[int, int], dict[str, int]]:
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for row in (
        Flag.objects.filter(resolved_at__isnull=True)
        .values("content_type_id", "object_id", "reason")
        .annotate(n=Count("id"))
    ):
        counts.setdefault((row["content_type_id"], row["object_id"]), {})[row["reason"]] = row["n"]
    return counts


def list_queue(tab: str, *, before: datetime | None = None) -> list[QueueItem]:
    """One page of the queue, newest first across questions, answers and comments.

    Keyset-paginated on created_at (`before`), so deep pages cost what the first one does.
    """
    flag_counts = _open_flag_counts()
    items: list[QueueItem] = []
    for kind, model in POST_MODELS.items():
        content_type = ContentType.objects.get_for_model(model)
        if tab == "flagged":
            ids = [obj for ct, obj in flag_counts if ct == content_type.pk]
            condition = Q(pk__in=ids)
        else:
            condition = Q(status=tab)
        posts = model.objects.filter(condition)
        if before is not None:
            posts = posts.filter(created_at__lt=before)
        if kind != "question":
            posts = posts.select_related("question")
        if kind == "comment":
            posts = posts.select_related("answer")
        for post in posts.select_related("author").order_by("-created_at")[:QUEUE_PAGE_SIZE]:
            items.append(
                QueueItem(
                    kind=kind, post=post, flags=flag_counts.get((content_type.pk, post.pk), {})
                )
            )
    items.sort(key=lambda item: item.post.created_at, reverse=True)
    return items[:QUEUE_PAGE_SIZE]


def count_queue() -> dict[str, int]:
    counts = {tab: 0 for tab in QUEUE_TABS}
    for model in POST_MODELS.values():
        for row in (
            model.objects.exclude(status=PostStatus.VISIBLE)
            .values("status")
            .annotate(n=Count("id"))
        ):
            counts[row["status"]] += row["n"]
    counts["flagged"] = len(_open_flag_counts())
    return counts


def get_post(kind: str, post_id: int):
    """Any post, whatever its status, for a moderator or a flagger; 404 for unknown ones."""
    model = POST_MODELS.get(kind)
    if model is None:
        raise Http404("No such kind of post.")
    try:
        return model.objects.select_related("author").get(pk=post_id)
    except model.DoesNotExist:
        raise Http404("No such post.") from None


def list_log_entries():
    return AuditLogEntry.objects.select_related("actor", "member", "content_type").prefetch_related(
        "post"
    )

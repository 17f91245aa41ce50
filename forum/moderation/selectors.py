"""Reads for the moderation queue, the audit log and the dry run (campaigns are read in
campaigns.py)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, Count, Exists, F, Max, OuterRef, When
from django.http import Http404

from forum.posts.kinds import Place, where
from forum.posts.models import Post, Revision, Status

from . import spam
from .campaigns import list_campaigns
from .models import SUSPENSION_CHANGES, Appeal, AuditLogEntry, Flag

Action = AuditLogEntry.Action

QUEUE_TABS = {
    "held": "Held for review",
    "flagged": "Flagged",
    "spam": "Hidden as spam",
    "hidden": "Hidden",
    "campaigns": "Campaigns",
}
QUEUE_PAGE_SIZE = 50


EVIDENCE_THREADS = 20  # other threads each held reply is compared with


@dataclass
class QueueItem:
    post: Post
    flags: dict[str, int] = field(default_factory=dict)
    evidence: object = None  # spamfilter.Evidence, for replies
    appeal: Appeal | None = None  # the author's open appeal, shown on the post's one card


def _open_flags():
    return Flag.objects.filter(resolved_at__isnull=True)


def _open_appeals():
    return Appeal.objects.filter(decided_at__isnull=True)


def list_open_appeals() -> list[QueueItem]:
    """The posts whose authors appeal, oldest appeal first, each with its appeal: they lead
    the queue, and `list_queue` leaves them out so each post is one card."""
    appeals = list(
        _open_appeals()
        .select_related("post", "post__author", "post__thread", "post__parent")
        .order_by("created_at", "pk")[:QUEUE_PAGE_SIZE]
    )
    items = _queue_items([appeal.post for appeal in appeals])
    for item, appeal in zip(items, appeals, strict=True):
        item.appeal = appeal
    return items


def list_queue(tab: str, *, before: datetime | None = None) -> list[QueueItem]:
    """One page of the queue, newest first, with each post's thread, parent and open flags;
    posts with an open appeal are left to `list_open_appeals`.

    Keyset-paginated on created_at (`before`), so deep pages cost what the first one does.
    """
    if tab == "flagged":
        posts = Post.objects.filter(Exists(_open_flags().filter(post=OuterRef("pk"))))
    else:
        posts = Post.objects.filter(status=tab)
    posts = posts.exclude(Exists(_open_appeals().filter(post=OuterRef("pk"))))
    if before is not None:
        posts = posts.filter(created_at__lt=before)
    return _queue_items(
        list(
            posts.select_related("author", "thread", "parent").order_by("-created_at", "-pk")[
                :QUEUE_PAGE_SIZE
            ]
        )
    )


def _queue_items(page: list[Post]) -> list[QueueItem]:
    """Cards for these posts: their open flags by label, and evidence for held replies."""
    if not page:
        return []
    flags: dict[int, dict[str, int]] = {}
    for row in (
        _open_flags()
        .filter(post__in=[post.pk for post in page])
        .values("post_id", "reason")
        .annotate(n=Count("id"))
    ):
        label = Flag.Reason(row["reason"]).label
        flags.setdefault(row["post_id"], {})[label] = row["n"]
    others = list(
        Post.objects.questions()
        .filter(status=Status.VISIBLE)
        .order_by("-last_activity_at")
        .only("pk", "title", "body")[:EVIDENCE_THREADS]
    )
    found = spam.evidence_for(page, other_threads=others)
    return [
        QueueItem(post=post, flags=flags.get(post.pk, {}), evidence=found.get(post.pk))
        for post in page
    ]


def count_queue(*, campaigns: list | None = None) -> dict[str, int]:
    """The number on each tab; pass `campaigns` when the page has listed them already."""
    counts = {tab: 0 for tab in QUEUE_TABS}
    for row in Post.objects.exclude(status=Status.VISIBLE).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    counts["flagged"] = _open_flags().values("post_id").distinct().count()
    counts["appeals"] = _open_appeals().count()
    counts["campaigns"] = len(list_campaigns() if campaigns is None else campaigns)
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


def latest_change_ids(post_ids) -> set[int]:
    """The latest status-changing entry of each of these posts: the only ones an undo may
    take back, so an undo never skips over a later decision (one query)."""
    return set(
        AuditLogEntry.objects.filter(post__in=post_ids)
        .exclude(status_before=F("status_after"))
        .values("post")
        .annotate(latest=Max("pk"))
        .values_list("latest", flat=True)
    )


def undoable_entry_ids(entries) -> set[int]:
    """Which of these entries an undo may take back: the latest status change of a post, and
    the latest suspension or lift of a member while it is still in force (two queries)."""
    post_ids = {entry.post_id for entry in entries if entry.post_id and entry.changed_status}
    undoable = latest_change_ids(post_ids) if post_ids else set()
    member_entries = [
        entry
        for entry in entries
        if entry.post_id is None and entry.action in (Action.SUSPENDED, Action.UNSUSPENDED)
    ]
    if member_entries:
        latest = dict(
            AuditLogEntry.objects.filter(
                member__in={entry.member_id for entry in member_entries},
                post__isnull=True,
                action__in=SUSPENSION_CHANGES,
            )
            .values("member")
            .annotate(latest=Max("pk"))
            .values_list("member", "latest")
        )
        undoable |= {
            entry.pk
            for entry in member_entries
            if latest.get(entry.member_id) == entry.pk
            and (entry.member.suspended_at is not None) == (entry.action == Action.SUSPENDED)
        }
    return undoable & {entry.pk for entry in entries}


def get_log_entry(entry_id: int) -> AuditLogEntry:
    try:
        return AuditLogEntry.objects.get(pk=entry_id)
    except AuditLogEntry.DoesNotExist:
        raise Http404("No such log entry.") from None


@dataclass
class DryRun:
    """What proposed filter thresholds would change, replayed over every scored post."""

    newly_held: list[Post]  # visible today, would be held: real answers first
    newly_passed: list[Post]  # stopped by the filter today, would be published


def replay_thresholds(*, low_value: float, current_low_value: float) -> DryRun:
    """Replay a hold threshold over the scores the filter stored, before it goes live.

    Scores do not depend on thresholds, so no post is screened again: the replay is two
    indexed-range queries whatever the size of the site. Posts a moderator decided are
    listed first in each list; they are the ones whose right answer is known.
    """
    lower, upper = sorted((low_value, current_low_value))
    in_between = Post.objects.filter(spam_score__gte=lower, spam_score__lt=upper).select_related(
        "author", "thread"
    )
    # Answers first, then questions, then comments; decided ones first within each.
    order = [
        Case(
            When(where(counts_as_answer=True), then=0),
            When(where(place=Place.START), then=1),
            default=2,
        ),
        F("moderated_at").desc(nulls_last=True),
        "-created_at",
    ]
    if low_value < current_low_value:
        return DryRun(list(in_between.filter(status=Status.VISIBLE).order_by(*order)), [])
    stopped = in_between.filter(status=Status.HELD, moderated_at__isnull=True)
    return DryRun([], list(stopped.order_by(*order)))

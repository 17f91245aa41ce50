"""Reads for the question list, tag pages and profiles, all through `visible_to`.

Lists never count their rows and load a page in two steps: the ids, in list order, from an
index that matches the ordering (an index-only walk that stops after one row more than the
page), then only those rows, with only the columns a summary shows.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.http import Http404

from forum.accounts.models import User
from forum.core.pagination import Window, keyset_window, page_of, window
from forum.core.prepared import Prepared
from forum.moderation.models import Appeal, Flag
from forum.notifications.models import Notification
from forum.posts.models import Post, Tag
from forum.votes.models import Vote

# Each ordering has an index of the same shape (posts.Post.Meta.indexes).
SORTS = {
    "newest": ("Newest", ("-created_at", "-pk")),
    "active": ("Active", ("-last_activity_at", "-pk")),
    "votes": ("Most votes", ("-score", "-created_at", "-pk")),
    "unanswered": ("Unanswered", ("-created_at", "-pk")),
}
DEFAULT_SORT = "active"
SORT_PATTERN = "|".join(SORTS)
MAX_LIST_PAGES = 100

SUMMARY_FIELDS = (
    "kind",
    "title",
    "score",
    "answer_count",
    "accepted_answer_id",
    "status",
    "status_reason",
    "created_at",
    "last_activity_at",
    # For the [closed] and [duplicate] markers.
    "closed_at",
    "duplicate_of",
    "author__username",
    "author__display_name",
)


def _summaries(ids: list[int]) -> list[Post]:
    return list(
        Post.objects.filter(pk__in=ids)
        .select_related("author")
        .only(*SUMMARY_FIELDS)
        .prefetch_related("tags")
    )


def list_questions(
    *,
    viewer,
    number: int,
    per_page: int,
    sort: str = DEFAULT_SORT,
    tag: Tag | None = None,
    after: str | None = None,
    before: str | None = None,
    cursors_from: int | None = None,
) -> Window:
    """Page `number` of the questions `viewer` may read, in `sort` order, or of those
    carrying `tag`, newest first; deep pages start after (end before) a link's cursor.

    A tag page orders by id, which follows posting order: the (tag, post) index then hands
    over the page's ids without sorting every question that carries a busy tag.
    """
    if sort not in SORTS:
        sort = DEFAULT_SORT
    # A question has no thread and no parent: its own status is the whole rule, and without
    # the joins the ids come from an index-only scan.
    questions = Post.objects.questions().visible_to(viewer, parents_read=True)
    if tag is not None:
        questions = questions.filter(tags=tag).order_by("-pk")
    else:
        if sort == "unanswered":
            questions = questions.filter(answer_count=0)
        questions = questions.order_by(*SORTS[sort][1])
    keys = questions.values_list(*(name.lstrip("-") for name in questions.query.order_by))
    extra = {} if cursors_from is None else {"cursors_from": cursors_from}
    return keyset_window(
        keys,
        number=number,
        per_page=per_page,
        after=after,
        before=before,
        load=_summaries,
        **extra,
    )


def get_tag_for(viewer, name: str) -> Tag:
    """The tag if `viewer` may read at least one question carrying it, else 404."""
    tag = Tag.objects.filter(name=name).first()
    readable = Post.objects.questions().visible_to(viewer, parents_read=True)
    if tag is None or not readable.filter(tags=tag).exists():
        raise Http404("No such tag.")
    return tag


def list_tags(*, viewer, number: int, per_page: int, name_contains: str = "") -> Window:
    """Page `number` of the tags on questions `viewer` may read, most used first, each with
    `question_count`: how many of those questions carry it. One query, whatever the page.

    Counting needs every tag's rows, so this is an aggregate, not an index walk; a tag whose
    questions are all hidden from `viewer` is left out, as its page would be a 404.
    """
    readable = Post.objects.questions().visible_to(viewer, parents_read=True)
    # The filter comes before the count, so the count uses the same join: readable rows only.
    tags = Tag.objects.filter(questions__in=readable)
    if name_contains:
        tags = tags.filter(name__contains=name_contains.lower())
    tags = tags.annotate(question_count=Count("questions")).order_by("-question_count", "name")
    return page_of(tags, number, per_page)


def _profile_rows(ids: list[int]) -> list[Post]:
    return list(
        Post.objects.filter(pk__in=ids)
        .select_related("thread")
        .only("kind", "title", "score", "status", "status_reason", "thread__kind", "thread__title")
    )


def list_posts_by(member, *, viewer, kind: str, number: int, per_page: int) -> Window:
    """Page `number` of a member's questions or answers that `viewer` may read, newest first."""
    posts = (
        Post.objects.visible_to(viewer)
        .filter(author=member, kind=kind)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
    )
    return window(posts, number, per_page, load=_profile_rows)


def latest_questions(*, viewer, limit: int, tag: Tag | None = None) -> list[Post]:
    """The newest `limit` questions `viewer` may read, or of those carrying `tag`, with what a
    feed entry shows (the rendered body, the author, the tags)."""
    questions = Post.objects.questions().visible_to(viewer, parents_read=True)
    if tag is not None:
        questions = questions.filter(tags=tag).order_by("-pk")  # as the tag page (above)
    else:
        questions = questions.order_by("-created_at", "-pk")  # the post_newest index
    rows = questions.select_related("author").defer("body", "spam_reasons").prefetch_related("tags")
    return list(rows[:limit])


def sitemap_questions(*, viewer):
    """Every question `viewer` may read, in id order (stable pages of a sitemap), with only
    what a sitemap entry needs: its address and when it last changed."""
    questions = Post.objects.questions().visible_to(viewer, parents_read=True)
    return questions.only("kind", "title", "last_activity_at").order_by("pk")


@dataclass
class Marks:
    """What one viewer has done on a thread's posts, and their unread count."""

    votes: dict[int, int] = field(default_factory=dict)  # post id → 1 or -1
    flagged: set[int] = field(default_factory=set)  # posts they flagged
    appeals: dict[int, Appeal] = field(default_factory=dict)  # their own posts' appeals
    unread: int = 0  # unread notifications (the navigation bar's badge)


_APPEAL_GRANTED = {1: True, 0: False, -1: None}


def _marks(shape, question_id, viewer_id, *own_post_ids):
    in_thread = Q(post=question_id) | Q(post__thread=question_id)
    # Typed: PostgreSQL takes a bare NULL parameter for text, which no timestamp unites with.
    none_at = Cast(Value(None), output_field=DateTimeField())

    def branch(rows, post_id, value, kind):
        return rows.annotate(
            m_post=post_id, m_value=value, m_kind=Value(kind), m_at=none_at
        ).values_list("m_post", "m_value", "m_kind", "m_at")

    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    parts = [
        branch(Vote.objects.filter(in_thread, user=viewer_id), F("post_id"), F("value"), "vote"),
        branch(Flag.objects.filter(in_thread, user=viewer_id), F("post_id"), Value(0), "flag"),
        branch(
            User.objects.filter(pk=viewer_id),
            Value(0),
            Coalesce(Subquery(unread, output_field=IntegerField()), 0),
            "unread",
        ),
    ]
    if own_post_ids:
        granted = Case(When(granted=True, then=1), When(granted=False, then=0), default=-1)
        appeals = Appeal.objects.filter(post_id__in=own_post_ids).annotate(
            m_post=F("post_id"), m_value=granted, m_kind=Value("appeal"), m_at=F("decided_at")
        )
        parts.append(appeals.values_list("m_post", "m_value", "m_kind", "m_at"))
    return parts[0].union(*parts[1:], all=True)


# Every member's thread page reads it: compiled once (forum/core/prepared.py).
_MARKS = Prepared(Vote, _marks)


def get_viewer_marks(viewer, question: Post, own_post_ids: list[int]) -> Marks:
    """The viewer's votes and flags in `question`'s thread, the appeals on their own posts
    there (`own_post_ids`) and their unread count: one query (UNION ALL), none for anonymous
    readers. Four queries before; the thread page's per-viewer part is now this one."""
    if not viewer.is_authenticated:
        return Marks()
    rows = _MARKS.run((len(own_post_ids),), question.pk, viewer.pk, *own_post_ids)
    marks = Marks()
    for post_id, value, kind, at in rows:
        if kind == "vote":
            marks.votes[post_id] = value
        elif kind == "flag":
            marks.flagged.add(post_id)
        elif kind == "appeal":
            granted_ = _APPEAL_GRANTED[value]
            marks.appeals[post_id] = Appeal(post_id=post_id, decided_at=at, granted=granted_)
        else:
            marks.unread = value
    return marks

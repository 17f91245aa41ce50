"""Reads for the question list, tag pages and profiles, all through `visible_to`.

Lists never count their rows and load a page in two steps: the ids, in list order, from an
index that matches the ordering (an index-only walk that stops after one row more than the
page), then only those rows, with only the columns a summary shows.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from forum.core.pagination import Window, keyset_window, page_of, window
from forum.moderation.models import Appeal, Flag
from forum.notifications.models import Notification
from forum.posts.models import Post, Tag
from forum.posts.selectors import Thread, get_thread_page
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


def _mark_columns(viewer_id) -> dict:
    """The viewer's marks as columns of each row of their thread page (`get_thread_page`):
    the page's posts and the viewer's marks in one query, where a second one (a UNION ALL of
    votes, flags, appeals and the unread count) cost a round trip and its compiling."""
    # One vote and one flag at most per (user, post), each found through that unique index.
    mine = Q(post=OuterRef("pk"), user=viewer_id)
    appeal = Appeal.objects.filter(post=OuterRef("pk"))  # one per post
    granted = Case(When(granted=True, then=1), When(granted=False, then=0), default=-1)
    # Their own posts only: a moderator is not told of another member's appeal. The CASE
    # keeps PostgreSQL from looking for an appeal on anyone else's post.
    own = Q(author=viewer_id)
    # Uncorrelated: PostgreSQL counts once for the query (an InitPlan), not once a row.
    unread = (
        Notification.objects.filter(recipient=viewer_id, read_at__isnull=True)
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {
        "mark_vote": Subquery(Vote.objects.filter(mine).values("value")),
        "mark_flagged": Exists(Flag.objects.filter(mine)),
        "mark_appeal": Case(When(own, then=Subquery(appeal.annotate(g=granted).values("g")))),
        "mark_appeal_at": Case(When(own, then=Subquery(appeal.values("decided_at")))),
        "mark_unread": Coalesce(Subquery(unread, output_field=IntegerField()), 0),
    }


def get_thread_page_and_marks(viewer, question_id: int, **page) -> tuple[Thread, Marks]:
    """`get_thread_page`, and what `viewer` did on the posts it shows: their votes and flags,
    the appeals on their own posts and their unread count, read with the posts in the same
    query (anonymous readers' query is the plain one: they have no marks)."""
    if not viewer.is_authenticated:
        return get_thread_page(viewer, question_id, **page), Marks()
    thread = get_thread_page(viewer, question_id, columns=_mark_columns, **page)
    question = thread.question
    marks = Marks(unread=question.mark_unread)
    for answer in (question, *thread.answers):
        for post in (answer, *answer.shown_comments, *answer.chatter_comments):
            if post.mark_vote is not None:
                marks.votes[post.pk] = post.mark_vote
            if post.mark_flagged:
                marks.flagged.add(post.pk)
            if post.mark_appeal is not None:
                granted = _APPEAL_GRANTED[post.mark_appeal]
                marks.appeals[post.pk] = Appeal(
                    post_id=post.pk, decided_at=post.mark_appeal_at, granted=granted
                )
    return thread, marks

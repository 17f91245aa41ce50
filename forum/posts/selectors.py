"""Reads of posts, every one through `PostQuerySet.visible_to`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connections, router
from django.db.models import Case, Q, Subquery, When
from django.db.models.expressions import RawSQL
from django.db.transaction import TransactionManagementError
from django.http import Http404

from forum.accounts.permissions import can_moderate
from forum.core.pagination import Window
from forum.core.prepared import Prepared

from .kinds import Kind, Place, where
from .models import Post, Revision

# Comments shown under each post before the rest are folded behind a link.
COMMENTS_SHOWN = 5
# What a thread page never shows of a reply or its author: not loading the Markdown source
# (often longer than the HTML), the spam filter's notes, the password hash or the author's
# profile and sign-up facts saves time on every row of a long thread.
UNSHOWN_FIELDS = (
    "body",
    "spam_score",
    "spam_reasons",
    "moderated_at",
    "author__password",
    "author__last_login",
    "author__first_name",
    "author__last_name",
    "author__email",
    "author__date_joined",
    "author__about",
    "author__about_html",
    "author__signup_address",
    "author__signup_browser",
    "author__failed_logins",
    "author__username_skeleton",
    "author__suspension_reason",
    "author__helpful_flags",
    "author__declined_flags",
)


def _readable(viewer, *, kind: str | None):
    """The posts `viewer` may read (of `kind`, when given), with the thread and the post a
    reply hangs under joined: `get_post_for`'s rule."""
    if kind is not None and Kind.rules(kind).starts_thread:
        # A thread's first post has no thread and no parent (a check constraint says so).
        return Post.objects.filter(kind=kind).visible_to(viewer, parents_read=True)
    posts = Post.objects.visible_to(viewer).select_related("thread", "parent")
    return posts if kind is None else posts.filter(kind=kind)


def _viewer(viewer) -> tuple[str, tuple]:
    """The viewer's part of a prepared read's shape (the visibility rule's form), and the
    value it adds: a member's id, the one thing of theirs the rule reads."""
    if can_moderate(viewer):
        return "moderator", ()
    if viewer.is_authenticated:
        return "member", (viewer.pk,)
    return "reader", ()


def _stand_in(shape: str, values: tuple):
    """A viewer `visible_to` reads as it reads the real one: a member's id is the last value."""
    if shape == "reader":
        return AnonymousUser()
    user = get_user_model()(pk=values[-1] if shape == "member" else None, is_active=True)
    user._forum_is_moderator = shape == "moderator"  # forum.accounts.permissions.is_moderator
    return user


def _thread_start(shape, post_id, *viewer):
    viewer_shape, kind = shape
    posts = _readable(_stand_in(viewer_shape, viewer), kind=kind)
    return posts.select_related("author").filter(pk=post_id)[:2]


_THREAD_START = Prepared(Post, _thread_start)


def get_post_for(viewer, post_id: int, *, kind: str | None = None) -> Post:
    """The post if `viewer` may read it (and it is of `kind`, when given), else 404.

    Hidden and absent posts answer alike, so a URL never tells whether something was removed.
    """
    if kind is not None and Kind.rules(kind).starts_thread:
        # A thread's first post has no thread and no parent (a check constraint says so).
        # Every thread page reads one: compiled once (forum/core/prepared.py).
        shape, values = _viewer(viewer)
        rows = _THREAD_START.run((shape, kind), int(post_id), *values)
        if len(rows) != 1:
            raise Http404("No such post.")
        return rows[0]
    try:
        return _readable(viewer, kind=kind).select_related("author").get(pk=post_id)
    except Post.DoesNotExist:
        raise Http404("No such post.") from None


@dataclass(frozen=True)
class PostRef:
    """A post a URL names, not read yet: what a reply's write needs to read it itself, once,
    with its lock (`lock_post_for`), instead of the view reading it first."""

    pk: int
    kind: str | None = None  # the kind the URL promises, when it promises one

    @classmethod
    def to(cls, post: Post) -> "PostRef":
        return cls(post.pk, post.kind)

    @property
    def thread_id(self) -> int | None:
        """The thread a reply under it joins, when the URL says: the post itself, if it is
        of a kind that starts threads."""
        return self.pk if self.kind is not None and Kind.rules(self.kind).starts_thread else None


def _locked(shape, post_id, *values):
    """`lock_post_for`'s read from stand-ins: `values` are the viewer's, then the parameters
    of each raw SQL column in turn."""
    viewer_shape, kind, columns = shape
    viewer = 1 if viewer_shape == "member" else 0
    params = iter(values[viewer:])
    also = {
        name: RawSQL(sql, [next(params) for _ in range(arity)], output_field=field())
        for name, sql, arity, field in columns
    }
    rows = _readable(_stand_in(viewer_shape, values[:viewer]), kind=kind)
    return rows.select_for_update(no_key=True, of=("self",)).annotate(**also).filter(pk=post_id)[:2]


# Every reply that is posted reads its parent so: compiled once (forum/core/prepared.py).
_LOCKED = Prepared(Post, _locked)


def lock_post_for(viewer, ref: PostRef, *, also: dict | None = None) -> Post | None:
    """The post `ref` names, read through `get_post_for`'s rule with its row locked until
    the transaction ends (FOR NO KEY UPDATE, as `writes.lock`; its thread is read with it,
    not locked), or None when `viewer` may not read it. `also`: annotations (subqueries)
    read in the same statement.

    Raw SQL annotations (the intake's, compiled once themselves) are read by a statement
    compiled once per shape: building and compiling the query, its joins and its columns
    cost a millisecond of every reply's CPU. Their SQL is part of the shape, their
    parameters are values."""
    also = also or {}
    if all(type(column) is RawSQL for column in also.values()):
        if not connections[router.db_for_write(Post)].in_atomic_block:
            # As Django refuses it: outside a transaction the lock would be let go at once.
            raise TransactionManagementError("lock_post_for must run inside a transaction.")
        shape, values = _viewer(viewer)
        columns = tuple(
            (name, column.sql, len(column.params), type(column.output_field))
            for name, column in also.items()
        )
        params = [param for column in also.values() for param in column.params]
        rows = _LOCKED.run((shape, ref.kind, columns), int(ref.pk), *values, *params)
        return rows[0] if len(rows) == 1 else None
    rows = _readable(viewer, kind=ref.kind).select_for_update(no_key=True, of=("self",))
    try:
        return rows.annotate(**also).get(pk=ref.pk)
    except Post.DoesNotExist:
        return None


@dataclass
class Thread:
    """What one page of a thread shows, fetched in a fixed number of queries."""

    question: Post  # with `.shown_comments` and `.folded_comments`
    answers: Window  # this page's answers, accepted first, then by score; each with comments

    @property
    def shown_answers(self) -> list[Post]:
        """This page's answers shown in full: all but the folded chatter."""
        folded = {answer.pk for answer in self.chatter_answers}
        return [answer for answer in self.answers if answer.pk not in folded]

    @property
    def chatter_answers(self) -> list[Post]:
        """This page's answers that are mere thanks or +1, folded into one line; an accepted
        answer is never folded, whatever it says."""
        accepted = self.question.accepted_answer_id
        return [answer for answer in self.answers if answer.is_chatter and answer.pk != accepted]


def _fold_comments(posts: list[Post], comments: list[Post], *, unfold: int | None) -> None:
    by_parent: dict[int, list[Post]] = {}
    for comment in comments:
        by_parent.setdefault(comment.parent_id, []).append(comment)
    for post in posts:
        under = by_parent.get(post.pk, [])
        # Mere thanks and +1 fold into one line of their own; the rest show the first few.
        post.chatter_comments = [comment for comment in under if comment.is_chatter]
        under = [comment for comment in under if not comment.is_chatter]
        shown = under if post.pk == unfold else under[:COMMENTS_SHOWN]
        post.shown_comments, post.folded_comments = shown, len(under) - len(shown)


def _answers(shape, question_id, *values):
    viewer_shape, has_accepted, start, stop = shape
    viewer = _stand_in(viewer_shape, values)
    accepted = When(pk=values[0], then=1) if has_accepted else When(pk=None, then=1)
    ordered = (
        Post.objects.filter(where(counts_as_answer=True), thread=question_id)
        .visible_to(viewer, parents_read=True)
        .select_related("author")
        .defer(*UNSHOWN_FIELDS)
        .alias(accepted=Case(accepted, default=0))
        .order_by("-accepted", "-score", "created_at", "pk")
    )
    return ordered[start:stop]


def _comments(shape, *values):
    viewer_shape, parents = shape
    return (
        Post.objects.filter(where(place=Place.POST), parent__in=values[:parents])
        .visible_to(_stand_in(viewer_shape, values), parents_read=True)
        .select_related("author")
        .defer(*UNSHOWN_FIELDS)
        .order_by("created_at", "pk")
    )


# Every thread page reads these two: compiled once (forum/core/prepared.py).
_ANSWERS = Prepared(Post, _answers)
_COMMENTS = Prepared(Post, _comments)


def get_thread(
    viewer, question: Post, *, page: int = 1, per_page: int = 30, unfold: int | None = None
) -> Thread:
    """Page `page` of `question`'s answers that `viewer` may read, and the comments under
    them and under the question: the first few of each, or all under the post `unfold`."""
    # `question` was read through the visibility rule, and the comments below hang under it
    # or under these answers: only each reply's own status needs checking.
    shape, values = _viewer(viewer)
    accepted_id = question.accepted_answer_id
    accepted = () if accepted_id is None else (accepted_id,)
    start = (page - 1) * per_page
    rows = _ANSWERS.run(
        (shape, bool(accepted), start, start + per_page + 1), question.pk, *accepted, *values
    )
    answers = Window(rows[:per_page], page, len(rows) > per_page)
    posts = [question, *answers]
    ids = [post.pk for post in posts]
    comments = _COMMENTS.run((shape, len(ids)), *ids, *values)
    for post in (*answers, *comments):
        # URLs and permission checks read .thread: share the question we have.
        post.thread = question
    _fold_comments(posts, comments, unfold=unfold)
    return Thread(question=question, answers=answers)


def _thread_page(shape, question_id, *values):
    viewer_shape, start, stop, columns = shape
    # Each row's own status: the question has no parents, and every reply read here hangs
    # under it or under an answer read here (as in get_thread).
    readable = Post.objects.visible_to(_stand_in(viewer_shape, values), parents_read=True)
    accepted = Post.objects.filter(pk=question_id).values("accepted_answer_id")[:1]
    page = (
        readable.filter(where(counts_as_answer=True), thread=question_id)
        .alias(accepted=Case(When(pk=Subquery(accepted), then=1), default=0))
        .order_by("-accepted", "-score", "created_at", "pk")
        .values("pk")[start:stop]
    )
    # Every reply in the thread carries `thread`: its index finds them, the page's ids and
    # their parents pick them out (an OR of IN-lists over the whole table would not use one).
    replies = Q(thread=question_id) & (
        Q(pk__in=page) | (where(place=Place.POST) & (Q(parent=question_id) | Q(parent__in=page)))
    )
    rows = (
        readable.filter(Q(pk=question_id, kind=Kind.QUESTION) | replies)
        .select_related("author")
        .defer(*UNSHOWN_FIELDS)
    )
    # The viewer's own columns read their id, the last value (a placeholder, so that the
    # query compiles once for every member).
    return rows if columns is None else rows.annotate(**columns(values[-1]))


_THREAD_PAGE = Prepared(Post, _thread_page)


def get_thread_page(
    viewer,
    question_id: int,
    *,
    page: int = 1,
    per_page: int = 30,
    unfold: int | None = None,
    columns=None,
) -> Thread:
    """What `get_post_for` and `get_thread` read for a thread page, in one query: the
    question (404 if `viewer` may not read it), page `page` of its answers and the comments
    under them and under it. Only what the page shows of each post (`UNSHOWN_FIELDS`).

    `columns`, for a signed-in viewer only: a module-level function (it is part of the
    query's shape) from the viewer's id to annotations each row carries, such as what the
    viewer did to it, read in the same query instead of another."""
    shape, values, question_id = *_viewer(viewer), int(question_id)
    if columns is not None:
        # A member's id is already the visibility rule's value; a moderator's is added for
        # the columns alone (their rule reads no id).
        values = (viewer.pk,)
    start = (page - 1) * per_page
    rows = _THREAD_PAGE.run((shape, start, start + per_page + 1, columns), question_id, *values)
    question = next((row for row in rows if row.pk == question_id), None)
    if question is None or question.kind != Kind.QUESTION:
        raise Http404("No such post.")
    accepted = question.accepted_answer_id
    answers, comments = [], []
    for row in rows:
        if row is not question:
            row.thread = question  # URLs and permission checks read .thread: share it
            (comments if row.rules.place == Place.POST else answers).append(row)
    # The query's order, which the page's ids were chosen in; one more than a page says
    # whether another page follows.
    answers.sort(key=lambda a: (a.pk != accepted, -a.score, a.created_at, a.pk))
    window = Window(answers[:per_page], page, len(answers) > per_page)
    shown = {answer.pk for answer in window}
    comments = [c for c in comments if c.parent_id == question.pk or c.parent_id in shown]
    comments.sort(key=lambda c: (c.created_at, c.pk))
    _fold_comments([question, *window], comments, unfold=unfold)
    return Thread(question=question, answers=window)


def list_comments(viewer, post: Post, *, limit: int = 500) -> list[Post]:
    """The comments under `post` (read through the visibility rule) that `viewer` may read,
    oldest first: all of them, where a thread page shows the first few."""
    return list(
        Post.objects.filter(where(place=Place.POST), parent=post)
        .visible_to(viewer, parents_read=True)
        .select_related("author")
        .defer(*UNSHOWN_FIELDS)
        .order_by("created_at", "pk")[:limit]
    )


def list_revisions(post: Post, *, viewer=None) -> list[Revision]:
    """Earlier versions of a post the caller may read, newest first, with their editors.

    A redacted version's text is blanked unless `viewer` moderates, so no template can show it.
    """
    revisions = list(post.revisions.select_related("editor"))
    if viewer is None or not can_moderate(viewer):
        for revision in revisions:
            if revision.redacted_at is not None:
                revision.title = revision.body = revision.tag_names = ""
    return revisions


def latest_replies(viewer, question: Post, *, limit: int) -> list[Post]:
    """The newest `limit` answers and comments in `question`'s thread that `viewer` may
    read, newest first (a thread's feed). The full rule, joins and all: a comment under an
    answer the viewer may not read goes with it."""
    replies = list(
        Post.objects.filter(thread=question)
        .visible_to(viewer)
        .select_related("author")
        .defer(*UNSHOWN_FIELDS)
        .order_by("-created_at", "-pk")[:limit]
    )
    for reply in replies:
        reply.thread = question  # its address names the thread: share the one we have
    return replies

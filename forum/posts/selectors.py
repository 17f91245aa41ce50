"""Reads of posts, every one through `PostQuerySet.visible_to`."""

from dataclasses import dataclass

from django.db.models import Case, When
from django.http import Http404

from forum.accounts.permissions import can_moderate
from forum.core.pagination import Window

from .kinds import Kind, Place, where
from .models import Post, Revision

# Comments shown under each post before the rest are folded behind a link.
COMMENTS_SHOWN = 5
# What a thread page never shows of a reply or its author: not loading the Markdown source
# (often longer than the HTML), the spam filter's notes or the password hash saves time on
# every row of a long thread.
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
)


def _readable(viewer, *, kind: str | None):
    """The posts `viewer` may read (of `kind`, when given), with the thread and the post a
    reply hangs under joined: `get_post_for`'s rule."""
    if kind is not None and Kind.rules(kind).starts_thread:
        # A thread's first post has no thread and no parent (a check constraint says so).
        return Post.objects.filter(kind=kind).visible_to(viewer, parents_read=True)
    posts = Post.objects.visible_to(viewer).select_related("thread", "parent")
    return posts if kind is None else posts.filter(kind=kind)


def get_post_for(viewer, post_id: int, *, kind: str | None = None) -> Post:
    """The post if `viewer` may read it (and it is of `kind`, when given), else 404.

    Hidden and absent posts answer alike, so a URL never tells whether something was removed.
    """
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


def lock_post_for(viewer, ref: PostRef, *, also: dict | None = None) -> Post | None:
    """The post `ref` names, read through `get_post_for`'s rule with its row locked until
    the transaction ends (FOR NO KEY UPDATE, as `writes.lock`; its thread is read with it,
    not locked), or None when `viewer` may not read it. `also`: annotations (subqueries)
    read in the same statement."""
    rows = _readable(viewer, kind=ref.kind).select_for_update(no_key=True, of=("self",))
    try:
        return rows.annotate(**(also or {})).get(pk=ref.pk)
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


def get_thread(
    viewer, question: Post, *, page: int = 1, per_page: int = 30, unfold: int | None = None
) -> Thread:
    """Page `page` of `question`'s answers that `viewer` may read, and the comments under
    them and under the question: the first few of each, or all under the post `unfold`."""
    # `question` was read through the visibility rule, and the comments below hang under it
    # or under these answers: only each reply's own status needs checking.
    ordered = (
        Post.objects.filter(where(counts_as_answer=True), thread=question)
        .visible_to(viewer, parents_read=True)
        .select_related("author")
        .defer(*UNSHOWN_FIELDS)
        .alias(accepted=Case(When(pk=question.accepted_answer_id, then=1), default=0))
        .order_by("-accepted", "-score", "created_at", "pk")
    )
    start = (page - 1) * per_page
    rows = list(ordered[start : start + per_page + 1])
    answers = Window(rows[:per_page], page, len(rows) > per_page)
    posts = [question, *answers]
    comments = (
        Post.objects.filter(where(place=Place.POST), parent__in=[post.pk for post in posts])
        .visible_to(viewer, parents_read=True)
        .select_related("author")
        .defer(*UNSHOWN_FIELDS)
        .order_by("created_at", "pk")
    )
    for post in (*answers, *comments):
        # URLs and permission checks read .thread: share the question we have.
        post.thread = question
    _fold_comments(posts, list(comments), unfold=unfold)
    return Thread(question=question, answers=answers)


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

"""The one path for every write to a post or a revision.

Whatever changes a post (its status, text, counters, closing, locking, acceptance, tags) or
keeps or redacts a revision calls a function here; `tests/posts/test_writes.py` reads every
other module and fails on a write to `Post` or `Revision` anywhere else. The consequences
every such write needs are therefore kept in this one place, and no caller can forget them:

- an answer that appears or disappears moves its question's visible-answer count (in SQL);
- readers' cached pages of the thread (and every list) are rebuilt once the transaction
  commits (`core.pagecache`), so the very next anonymous request sees the change.

Policy stays with the callers: who may act, what the spam filter says, what the audit log
records. Functions that change an existing post expect the caller to have locked it with
`lock` in the same transaction, and to pass that locked copy: the status it holds is the one
really found, so a count can never be moved twice.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from django.db.models import F
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce

from forum.accounts.reputation import change_reputation
from forum.core import pagecache

from .kinds import Kind
from .models import Post, Revision, Status, Tag


def lock(post_id: int, *, only: Iterable[str] = (), also: dict | None = None) -> Post:
    """The post's row, locked until the transaction ends. FOR NO KEY UPDATE: votes, flags
    and replies that only point at the post are not blocked by it. `also`: annotations
    (subqueries) read in the same statement, to save the caller a query."""
    rows = Post.objects.select_for_update(no_key=True).annotate(**(also or {}))
    return (rows.only(*only) if only else rows).get(pk=post_id)


def lock_many(*, only: Iterable[str] = (), **filters) -> list[Post]:
    """The rows of the posts matching `filters`, locked in id order (so two such calls
    cannot deadlock)."""
    rows = Post.objects.select_for_update(no_key=True).filter(**filters)
    return list((rows.only(*only) if only else rows).order_by("pk"))


def insert(post: Post, *, tag_names: Iterable[str] = ()) -> Post:
    """Save a new post and its tags. A visible one bumps its thread in the Active list and,
    if it is an answer, the question's answer count."""
    post.save(force_insert=True)
    if tag_names:
        set_tags(post, tag_names)
    if post.is_visible:
        # One UPDATE of the thread for both: the hot path of posting a reply.
        changes = {"last_activity_at": post.created_at}
        if delta := _answer_delta(post, before="", after=post.status):
            changes["answer_count"] = F("answer_count") + delta
        Post.objects.filter(pk=post.thread_id or post.pk).update(**changes)
    pagecache.thread_changed(post.thread_id or post.pk)
    return post


def update(post: Post, **changes) -> None:
    """Save `changes` (column: value or F expression) on the locked `post`, and only them.

    The post in hand is updated to match (expressions are left as they were); a change of
    status moves the visible-answer count with it.
    """
    before = post.status
    Post.objects.filter(pk=post.pk).update(**changes)
    for name, value in changes.items():
        if not isinstance(value, Combinable):
            setattr(post, name, value)
    _counts_and_cache([(post, before, changes.get("status", before))])


def set_statuses(posts: list[Post], targets: dict[int, dict]) -> None:
    """Move many locked posts at once: `targets` maps each post's id to its changes (which
    include `status`). One UPDATE per distinct set of changes, and every count in SQL."""
    groups: dict[tuple, list[int]] = {}
    for post in posts:
        groups.setdefault(tuple(sorted(targets[post.pk].items())), []).append(post.pk)
    for changes, ids in groups.items():
        Post.objects.filter(pk__in=ids).update(**dict(changes))
    moves = [(post, post.status, targets[post.pk]["status"]) for post in posts]
    for post in posts:
        for name, value in targets[post.pk].items():
            setattr(post, name, value)
    _counts_and_cache(moves)


def touch_thread(post: Post, *, at: datetime) -> None:
    """Bump the post's thread in the Active list."""
    Post.objects.filter(pk=post.thread_id or post.pk).update(last_activity_at=at)
    pagecache.thread_changed(post.thread_id or post.pk)


def add_to_score(post: Post, delta: int) -> None:
    """Change a post's score in SQL (votes arriving together add up)."""
    if delta:
        Post.objects.filter(pk=post.pk).update(score=F("score") + delta)
        pagecache.thread_changed(post.thread_id or post.pk)


def change_author_reputation(user_id: int, event: str, *, times: int = 1) -> None:
    """Move a member's reputation for something done to their post (`change_reputation`)
    and, when the figure their footers show changes, have every thread where readers see
    one of their questions or answers rendered anew: the footers there show it too."""
    if change_reputation(user_id, event, times=times):
        threads = (
            Post.objects.filter(
                author_id=user_id,
                kind__in=[Kind.QUESTION, Kind.ANSWER],
                status=Status.VISIBLE,
            )
            .values_list(Coalesce("thread_id", "pk"), flat=True)
            .distinct()
        )
        pagecache.threads_changed(list(threads))


def set_tags(question: Post, tag_names: Iterable[str]) -> None:
    question.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tag_names])
    pagecache.thread_changed(question.pk)


def keep_revision(post: Post, *, editor, tag_names: str, at: datetime) -> Revision:
    """Keep the locked post's current version before an edit replaces it."""
    revision = Revision.of(post, editor=editor, tag_names=tag_names, at=at)
    revision.save(force_insert=True)
    return revision


def set_redacted(revision: Revision, *, at: datetime | None) -> bool:
    """Hide an earlier version from everyone but moderators (`at`), or show it again (None).
    False when it already was so (two moderators at once: one of them did it)."""
    done = Revision.objects.filter(pk=revision.pk, redacted_at__isnull=at is not None).update(
        redacted_at=at
    )
    if done:
        revision.redacted_at = at
        # The history page and any cached copy of the thread that links it.
        pagecache.thread_changed(revision.post.thread_id or revision.post_id)
    return bool(done)


def insert_generated(posts: list[Post], tag_links: list) -> None:
    """Bulk rows for a generated benchmark forum (`generate_forum`): counts are written into
    the rows by the generator, and no page has been cached yet."""
    Post.objects.bulk_create(posts, batch_size=2000)
    Post.tags.through.objects.bulk_create(tag_links, batch_size=5000)


def _counts_and_cache(moves: list[tuple[Post, str, str]]) -> None:
    """Every write's consequences: answer counts follow answers that appeared or went out of
    view, and the threads' cached pages are rebuilt."""
    deltas: Counter[int] = Counter()
    for post, before, after in moves:
        deltas[post.thread_id] += _answer_delta(post, before=before, after=after)
    for thread_id, delta in deltas.items():
        if delta:
            Post.objects.filter(pk=thread_id).update(answer_count=F("answer_count") + delta)
    for thread_id in {post.thread_id or post.pk for post, _, _ in moves}:
        pagecache.thread_changed(thread_id)


def _answer_delta(post: Post, *, before: str, after: str) -> int:
    """How the question's visible-answer count moves when `post` goes from status `before`
    ("" when new) to `after`."""
    if not post.rules.counts_as_answer:
        return 0
    return (after == Status.VISIBLE) - (before == Status.VISIBLE)

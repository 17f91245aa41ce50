"""The only bridge between the forum and `forum.spamfilter`: builds the filter's input from a
post and the database, screens posts, and creates this process's filter (which
`spam_model.py` keeps in step with moderator decisions)."""

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections, router
from django.db.models import (
    Count,
    F,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.expressions import Expression, RawSQL
from django.db.models.functions import Coalesce, JSONObject
from django.db.models.lookups import In

from forum.posts.kinds import Place
from forum.posts.models import Post, Status
from forum.spamfilter import (
    AuthorFacts,
    Decision,
    DuplicateIndex,
    Evidence,
    RecordRule,
    Reply,
    SpamFilter,
    TextModel,
    Thresholds,
    Verdict,
    decide,
    evidence,
    fingerprint_keys,
    has_record,
    is_acknowledgement,
    is_chatter,
    template_keys,
    train_default_model,
)

from .models import Fingerprint
from .outcomes import Outcome, decide_outcome, describe, describe_for_author
from .spam_model import ModelState

# The records other moderation modules need, so this stays the one module that imports the
# filter.
__all__ = ["AuthorFacts", "DuplicateIndex", "RecordRule", "Reply"]

EARLIER_TEXTS = 5


def _new_filter(model: TextModel) -> SpamFilter:
    return SpamFilter(model=model, thresholds=Thresholds(**settings.SPAM_FILTER_THRESHOLDS))


# This process's filter (spam_model.py keeps it in step with moderator decisions).
_state = ModelState(
    default_model=train_default_model, load_model=TextModel.from_dict, new_filter=_new_filter
)
get_filter = _state.get
reset_filter = _state.reset
learn_soon = _state.learn_soon
save_model_snapshot = _state.save_snapshot


def author_columns(user, *, at) -> dict:
    """What the filter knows of the author's posts before `at`, as columns (subqueries) any
    query for one row can carry: the intake reads them with the post it locks, a statement
    after the author's own lock, so every earlier post of theirs is counted. Read back with
    `author_facts_from`. None for imported authors, whose history is unknown.

    The SQL is `author_columns_orm`'s, compiled once per process and database vendor: every
    post asked the ORM to build the same two subqueries afresh, a millisecond of CPU. Only
    the author and the time change, and they are swapped into the compiled parameters."""
    if _imported(user, at=at):
        return {}
    connection = connections[router.db_for_write(Post)]
    compiled = _compiled_author_columns.get(connection.vendor)
    if compiled is None:
        compiled = _compiled_author_columns[connection.vendor] = _compile_author_columns(connection)
    adapt = connection.ops.adapt_datetimefield_value
    real = {
        _SENTINEL_PK: user.pk,
        _SENTINEL_AT: adapt(at),
        _SENTINEL_RECENT: adapt(at - timedelta(hours=1)),
    }
    return {
        name: RawSQL(sql, [real.get(slot, value) for slot, value in params], output_field=field)
        for name, (sql, params, field) in compiled.items()
    }


# Values no author or post has, which mark where the author and the times go in the compiled
# parameters (as slots, so a constant that happened to equal one is never replaced).
_SENTINEL_PK = -727_272_727
_SENTINEL_TIME = datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=UTC)
_SENTINEL_AT, _SENTINEL_RECENT = "at", "recent"
_compiled_author_columns: dict[str, dict] = {}


def _compile_author_columns(connection) -> dict:
    """`author_columns_orm`'s subqueries as SQL on `connection`, each with its parameters as
    (slot, value) pairs: the slot names the value to put in its place, None keeps it."""
    sentinel = SimpleNamespace(pk=_SENTINEL_PK, date_joined=_SENTINEL_TIME)
    adapt = connection.ops.adapt_datetimefield_value
    slots = {
        _SENTINEL_PK: _SENTINEL_PK,
        adapt(_SENTINEL_TIME): _SENTINEL_AT,
        adapt(_SENTINEL_TIME - timedelta(hours=1)): _SENTINEL_RECENT,
    }
    query = Post.objects.all().query
    compiler = query.get_compiler(connection=connection)
    compiled = {}
    for name, column in author_columns_orm(sentinel, at=_SENTINEL_TIME).items():
        sql, params = compiler.compile(column.resolve_expression(query))
        found = [(slots.get(value) if _hashable(value) else None, value) for value in params]
        if not {_SENTINEL_PK, _SENTINEL_AT} <= {slot for slot, _ in found}:
            raise AssertionError(f"{name}: the author or the time is missing from its SQL")
        compiled[name] = (sql, found, column.output_field)
    return compiled


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def author_columns_orm(user, *, at) -> dict:
    """`author_columns` as the ORM builds it (the compiled SQL's source, and its twin in the
    tests). The counts come in one subquery (one scan of the author's posts), as a JSON
    object."""
    earlier = Post.objects.filter(author_id=user.pk, created_at__lt=at)
    recent = Q(created_at__gte=at - timedelta(hours=1))
    counts = {
        "approved": Count("pk", filter=Q(status=Status.VISIBLE)),
        # Posts a moderator hid as spam: a record the filter weighs against the author.
        "rejected": Count("pk", filter=Q(status=Status.SPAM, moderated_at__isnull=False)),
        "recent": Count("pk", filter=recent),
        "threads": Count(Coalesce("thread_id", "id"), filter=recent, distinct=True),
    }
    # Grouped by a constant, which adds no GROUP BY: one row, 0 when there is no earlier post.
    every = earlier.order_by().annotate(every=Value(1)).values("every")
    columns = {"author_counts": Subquery(every.annotate(n=JSONObject(**counts)).values("n"))}
    # The latest texts, as one list (the index on author and date finds them at once).
    latest = earlier.order_by("-created_at").values("body")[:EARLIER_TEXTS]
    columns["author_texts"] = Rows(latest)
    return columns


class Rows(Subquery):
    """Every row of a one-column subquery, in its order, as one value: a list (an array on
    PostgreSQL; a JSON array, in text, on SQLite)."""

    template = "ARRAY(%(subquery)s)"
    output_field = TextField()  # no conversion: the driver's list, or SQLite's text

    def as_sqlite(self, compiler, connection, **extra_context):
        # The derived table's one column keeps the name the subquery selects it under.
        column = connection.ops.quote_name(self.query.values_select[0])
        template = f"(SELECT JSON_GROUP_ARRAY({column}) FROM (%(subquery)s))"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def author_facts_from(row, user, *, at) -> AuthorFacts:
    """The author's facts read with another row, by the columns `author_columns` gave."""
    if _imported(user, at=at):
        return AuthorFacts()
    texts = row.author_texts
    if isinstance(texts, str):  # SQLite's JSON array
        texts = json.loads(texts)
    counts = row.author_counts
    return AuthorFacts(
        account_age_days=(at - user.date_joined).total_seconds() / 86400,
        approved_posts=counts["approved"],
        rejected_posts=counts["rejected"],
        posts_last_hour=counts["recent"],
        threads_last_hour=counts["threads"],
        earlier_texts=tuple(texts),
        reputation=user.reputation,
    )


def author_facts(user, *, at) -> AuthorFacts:
    """What the author had done before `at`, in one query (their own row carries the
    columns); unknown (None) for imported authors."""
    if _imported(user, at=at):
        return AuthorFacts()
    members = get_user_model().objects.only("pk")
    row = members.annotate(**author_columns(user, at=at)).get(pk=user.pk)
    return author_facts_from(row, user, at=at)


def _imported(user, *, at) -> bool:
    # Imported authors join after their posts were written: their history is unknown.
    return at < user.date_joined


def member_has_record(author: AuthorFacts) -> bool:
    """Whether the author is a member with a record, by FORUM_MEMBER_RECORD."""
    return has_record(author, RecordRule(**settings.FORUM_MEMBER_RECORD))


def screened_text(post: Post) -> str:
    """What the filter reads of a post: a question's title belongs to it."""
    return f"{post.title}\n\n{post.body}" if post.rules.starts_thread else post.body


@dataclass(frozen=True)
class Echoes:
    """Where a post's near-duplicate keys were seen before."""

    threads_elsewhere: int  # other threads already holding a near-duplicate
    removed_as_spam: int  # near-duplicates a moderator removed as spam: a known campaign

    @classmethod
    def read_from(cls, row) -> "Echoes":
        """The echoes read with another row, by the subqueries `echo_counts` gave."""
        return cls(getattr(row, "echo_threads", 0), getattr(row, "echo_removed", 0))


def _keys(post: Post) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The post's near-duplicate and template keys, worked out once per text: the intake
    looks them up before the insert and stores them after."""
    text = screened_text(post)
    known = getattr(post, "_spam_keys", None)
    if known is None or known[0] != text:
        known = post._spam_keys = (text, fingerprint_keys(text), template_keys(text))
    return known[1], known[2]


class _AnyOf(Lookup):
    """`field IN (…)`, written on PostgreSQL as `field = ANY(%s)` with the list as one array
    parameter: the statement's text is then the same whatever the number of keys, so the
    server prepares it once (a post's key count varies with its length)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            return In(self.lhs, self.rhs).as_sql(compiler, connection)
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, list(self.rhs))


def _echo_matches(post: Post, *, thread_id=None, keys=None, side: str | None = None):
    """The fingerprints `post` echoes outside its thread (`thread_id`, else the post's own),
    and how to count them; None when it has no keys. `keys`: (keys, templates) to use rather
    than the post's own; `side`: only the threads "below" or "above" its own."""
    keys, templates = _keys(post) if keys is None else keys
    if not keys and not templates:
        return None
    matches = Fingerprint.objects.filter(_AnyOf(F("key"), [*keys, *templates]))
    if thread_id is None:
        thread_id = post.thread_id or post.pk
    if thread_id is not None:
        # Below or above its thread's id rather than "not its thread": two ranges of the
        # index on key and thread, which skip a thread holding thousands of copies unread.
        below, above = Q(thread_id__lt=thread_id), Q(thread_id__gt=thread_id)
        matches = matches.filter({"below": below, "above": above}.get(side, below | above))
    removed = Q(post__status=Status.SPAM, post__moderated_at__isnull=False)
    return matches, {
        "echo_threads": Count("thread_id", distinct=True, filter=_AnyOf(F("key"), keys)),
        "echo_removed": Count("post_id", distinct=True, filter=removed),
    }


def echo_counts(post: Post) -> dict[str, Subquery | RawSQL]:
    """The two counts `find_echoes` reads, as subqueries (`echo_threads`, `echo_removed`)
    the query for the post it replies to can carry: the intake reads them with that row, as
    it locks it. The new post's thread is its own `thread_id` when known, else that row's
    thread (or the row itself).

    With the thread known (an answer, a comment under a question), the SQL is
    `echo_counts_orm`'s compiled once per process (and, where keys are not one array
    parameter, per number of keys): building the two subqueries afresh was about as much
    CPU as the rest of the locked read. The keys and the thread are swapped into the
    compiled parameters, as `author_columns` does."""
    keys, templates = _keys(post)
    if not keys and not templates:
        return {}
    if not post.thread_id:
        return echo_counts_orm(post)
    connection = connections[router.db_for_write(Fingerprint)]
    arrays = connection.vendor == "postgresql"  # `_AnyOf`: every key list one parameter
    shape = (connection.vendor, 2, 2) if arrays else (connection.vendor, len(keys), len(templates))
    compiled = _compiled_echo_counts.get(shape)
    if compiled is None:
        compiled = _compiled_echo_counts[shape] = _compile_echo_counts(connection, *shape[1:])
    real = {_ECHO_KEYS: list(keys), _ECHO_ALL: [*keys, *templates], _SENTINEL_PK: post.thread_id}
    for n, key in enumerate((*keys, *templates)):
        real[n] = key
    return {
        name: RawSQL(
            sql,
            [real[slot] if slot is not None else value for slot, value in params],
            output_field=IntegerField(),
        )
        for name, (sql, params) in compiled.items()
    }


def echo_counts_orm(post: Post, *, keys=None) -> dict[str, Expression]:
    """`echo_counts` as the ORM builds it (the compiled SQL's source, and its twin in the
    tests, and the way for a post whose thread is not known yet)."""
    thread_id = post.thread_id or Coalesce(OuterRef("thread_id"), OuterRef("pk"))
    columns = {}
    # The threads below the post's and those above it, counted apart and added (a thread or
    # a post is on one side only): each side is one range of the index on key and thread,
    # where "either side" let the planner read every copy in the post's own thread and drop
    # them (14,000 rows, 4 ms, when its statistics had not caught up with a burst there).
    for side in ("below", "above"):
        found = _echo_matches(post, thread_id=thread_id, keys=keys, side=side)
        if found is None:
            return {}
        matches, counts = found
        # Grouped by a constant, which adds no GROUP BY: one row counting every match.
        every = matches.order_by().annotate(every=Value(1)).values("every")
        for name, count in counts.items():
            counted = Subquery(every.annotate(n=count).values("n"), output_field=IntegerField())
            columns[name] = counted if name not in columns else columns[name] + counted
    return columns


# Slots for the key lists (as one array parameter each); a single key's slot is its index.
_ECHO_KEYS, _ECHO_ALL = "keys", "all"
_compiled_echo_counts: dict[tuple, dict] = {}


def _compile_echo_counts(connection, keys: int, templates: int) -> dict:
    """`echo_counts_orm`'s subqueries as SQL on `connection` for a post with this many keys
    and template keys, each with its parameters as (slot, value) pairs (slot None: kept)."""
    stand_ins = [f"\x00echo key {n}" for n in range(keys + templates)]
    slots = {key: n for n, key in enumerate(stand_ins)}
    lists = {tuple(stand_ins[:keys]): _ECHO_KEYS, tuple(stand_ins): _ECHO_ALL}
    sentinel = Post(pk=None, thread_id=_SENTINEL_PK)
    query = Post.objects.all().query
    compiler = query.get_compiler(connection=connection)
    columns = echo_counts_orm(sentinel, keys=(stand_ins[:keys], stand_ins[keys:]))
    compiled = {}
    for name, column in columns.items():
        sql, params = compiler.compile(column.resolve_expression(query))
        found = []
        for value in params:
            if isinstance(value, list):
                found.append((lists[tuple(value)], value))  # KeyError: a list not ours
            elif isinstance(value, str) and value in slots:
                found.append((slots[value], value))
            elif value == _SENTINEL_PK and not isinstance(value, bool):
                found.append((_SENTINEL_PK, value))
            else:
                found.append((None, value))
        used = {slot for slot, _ in found}
        if _SENTINEL_PK not in used or not (used & {_ECHO_ALL, *range(keys + templates)}):
            raise AssertionError(f"{name}: the thread or the keys are missing from its SQL")
        compiled[name] = (sql, found)
    return compiled


def find_echoes(post: Post) -> Echoes:
    """Count, in one query, the other threads holding a near-duplicate of `post`, and the
    posts moderators removed as spam that it copies or that share its template."""
    found = _echo_matches(post)
    if found is None:
        return Echoes(0, 0)
    matches, counts = found
    counted = matches.aggregate(**counts)
    return Echoes(counted["echo_threads"], counted["echo_removed"])


def record_fingerprints(post: Post) -> None:
    """Store the post's near-duplicate and template keys. Call after the post is saved."""
    keys, templates = _keys(post)
    every = (*keys, *templates)
    if not every:
        return
    # One INSERT written out here rather than bulk_create's: a post has a couple of dozen
    # keys, and building a model instance for each, then compiling them, was a millisecond
    # of every post's CPU. The same statement bulk_create runs (one row per key), but no
    # RETURNING: nothing reads the new ids. No signals are lost: bulk_create sends none.
    connection = connections[router.db_for_write(Fingerprint)]
    table, quote = Fingerprint._meta.db_table, connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("key", "post_id", "thread_id", "created_at"))
    row = (post.pk, post.thread_id or post.pk)
    at = connection.ops.adapt_datetimefield_value(post.created_at)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The keys as one array: the same text for any number of keys, prepared once.
            cursor.execute(
                f"INSERT INTO {quote(table)} ({columns}) SELECT UNNEST(%s::varchar[]), %s, %s, %s",
                [list(every), *row, at],
            )
            return
        cursor.execute(
            f"INSERT INTO {quote(table)} ({columns}) VALUES "
            + ", ".join(["(%s, %s, %s, %s)"] * len(every)),
            [value for key in every for value in (key, *row, at)],
        )


def build_reply(post: Post, *, author: AuthorFacts, duplicates_elsewhere: int = 0) -> Reply:
    """The filter's view of a stored or about-to-be-stored post.

    A question is judged on its own words (it has no thread to be relevant to); a comment
    against the post it replies to as well as the question.
    """
    if post.rules.starts_thread:
        return Reply(
            text=screened_text(post),
            kind=post.kind,
            author=author,
            duplicates_elsewhere=duplicates_elsewhere,
        )
    return Reply(
        text=post.body,
        kind=post.kind,
        thread_title=post.thread.title,
        thread_body=post.thread.body,
        parent_text=post.parent.body if post.rules.place == Place.POST else "",
        author=author,
        duplicates_elsewhere=duplicates_elsewhere,
    )


# Near-duplicates of this many posts that moderators removed as spam make a known campaign:
# a new post joining it is held at once, whatever the filter thinks of its wording.
CAMPAIGN_MATCHES = 2


@dataclass(frozen=True)
class Screening:
    """What the filter and the campaign check decided for a post."""

    verdict: Verdict
    outcome: Outcome
    note: str  # for the author, in member words
    log_reason: str  # for the audit log, with the filter's own reasons
    excused: bool = False  # mere chatter from a member with a record: folded, never held

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def folds(self) -> bool:
        return self.outcome == Outcome.FOLD


def decide_for(
    verdict: Verdict, *, author: AuthorFacts, folds_as_chatter: bool, joins_campaign: bool = False
) -> tuple[Outcome, Decision]:
    """The outcome of a verdict and the filter's decision behind it (its reasons, and whether
    it judged the text alone). Questions (`folds_as_chatter` false) are never folded."""
    decision = decide(
        verdict,
        author,
        RecordRule(**settings.FORUM_MEMBER_RECORD),
        may_fold=folds_as_chatter,
    )
    return decide_outcome(decision, joins_campaign=joins_campaign), decision


def outcome_for(
    verdict: Verdict, *, author: AuthorFacts, folds_as_chatter: bool, joins_campaign: bool = False
) -> tuple[Outcome, bool]:
    """The outcome of a verdict, and whether the post is excused (flagged on its wording
    alone, from a member with a record, so folded rather than held)."""
    outcome, decision = decide_for(
        verdict,
        author=author,
        folds_as_chatter=folds_as_chatter,
        joins_campaign=joins_campaign,
    )
    return outcome, decision.outcome == "fold" and verdict.label != "ok"


def screen(
    post: Post, *, author: AuthorFacts | None = None, echoes: Echoes | None = None
) -> Screening:
    """Screen `post`; `author` facts and `echoes` are looked up when not given."""
    if author is None:
        author = author_facts(post.author, at=post.created_at)
    if echoes is None:
        echoes = find_echoes(post)
    reply = build_reply(post, author=author, duplicates_elsewhere=echoes.threads_elsewhere)
    verdict = get_filter().classify(reply)
    joins_campaign = echoes.removed_as_spam >= CAMPAIGN_MATCHES
    outcome, excused = outcome_for(
        verdict,
        author=author,
        folds_as_chatter=post.rules.folds_as_chatter,
        joins_campaign=joins_campaign,
    )
    if outcome.is_visible:
        return Screening(verdict, outcome, "", "", excused)
    if joins_campaign and outcome == Outcome.HOLD and (verdict.label == "ok" or excused):
        note = "Our spam check held it because it matches posts moderators removed as spam."
        log_reason = f"Joins a spam campaign: like {echoes.removed_as_spam} removed posts"
        return Screening(verdict, outcome, note, log_reason, excused)
    held = outcome == Outcome.HOLD
    return Screening(
        verdict, outcome, describe_for_author(verdict, held), describe(verdict, held), excused
    )


shadow_log = logging.getLogger("forum.moderation.shadow")


def log_shadow_verdict(post: Post, screening: Screening) -> None:
    """In shadow mode, log what a trial threshold would have done differently; hide nothing."""
    trial = settings.SPAM_FILTER_SHADOW_LOW_VALUE
    if trial is None or screening.verdict.label == "spam":
        return
    # A member's mere chatter is folded under any threshold.
    would_hold = screening.verdict.score >= trial and not screening.excused
    if would_hold != (screening.status != Status.VISIBLE):
        shadow_log.info(
            "shadow threshold %.2f would %s a %s by %s (score %.2f): %.80r",
            trial,
            "hold" if would_hold else "publish",
            post.kind,
            post.author,
            screening.verdict.score,
            post.body,
        )


def evidence_for(posts, *, other_threads: list[Post]) -> dict[int, Evidence]:
    """For each reply, the evidence a moderator reads in its own words (by post id); each is
    compared with the other threads given, never with its own."""
    found = {}
    for post in posts:
        if post.rules.starts_thread:
            continue
        others = [(t.title, t.body) for t in other_threads if t.pk != post.thread_id]
        found[post.pk] = evidence(build_reply(post, author=AuthorFacts()), others)
    return found


def keep_verdict(post: Post, verdict: Verdict, *, folded: bool = False) -> None:
    """Store the filter's score and reasons on the post, for moderators and later rescans,
    and whether it is mere chatter (thanks, +1), which readers see folded. `folded`: the
    outcome was to fold it, so an acknowledgement ("Got it", "see my edit") folds too; from an
    author without a record it is published as it is."""
    post.spam_score = round(verdict.score, 4)
    post.spam_reasons = verdict.as_dict()["reasons"]
    post.is_chatter = verdict.label != "spam" and (
        is_chatter(verdict.reasons) or (folded and is_acknowledgement(verdict.reasons))
    )


def weights_file_bytes() -> bytes:
    """The filter's fitted weights as shipped (empty when the file is missing), for telling
    when they changed."""
    from forum.spamfilter.weights import WEIGHTS_PATH

    return WEIGHTS_PATH.read_bytes() if WEIGHTS_PATH.exists() else b""

"""Full-text search over questions and answers, through the visibility rule.

PostgreSQL keeps a weighted `tsvector` of each question's title and body and each answer's
body in a generated column with a GIN index, ranks with `ts_rank_cd` and highlights with
`ts_headline`. SQLite keeps the same text in an FTS5 table that triggers maintain, ranks with
BM25 and highlights with `snippet()`. Neither is a Django field: the migration that calls
`install` creates them, and only this module reads them.

Matches are filtered by `Post.objects.visible_to`, so a hidden post, or an answer under a
hidden question, is never found. On PostgreSQL a second GIN index, `post_search_visible`,
holds the visible posts' documents alone: readers' statements (status = 'visible') take their
matches from it and never read a spam or held post's row to drop it (a word found only in
spam read 7,300 rows, 45-77 ms from cold pages); authors' and moderators' take them from
`post_search`. It costs a second GIN entry for each visible question or answer written (the
pending list takes it; flushing it falls to some write or to autovacuum), and 18 MB at 1 M
posts. Only the newest `MAX_RANKED` (200) matches are ranked: a
product trade-off, ten pages of 20 results, chosen for speed (every step of a search costs in
proportion, and 500 made three-word searches take 50–100 ms at 1 M posts). An older post
that matches better than all of them is not found until the words are narrowed; on the
synthetic bench data the lost quality cannot be measured (every match is alike), on real
data it is the price of the bound. Search's statements run unprepared on PostgreSQL
(`_unprepared`): the plans are chosen for the words.

The kinds indexed are those whose rules say `searchable` (forum/posts/kinds.py). Matches are
filtered by the same rule as well, so a database indexed before a kind's rule changed never
returns a kind that is not searchable; one that became searchable needs a migration that
runs `reinstall`.
"""

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connections, router, transaction
from django.db.models import BooleanField, Exists, FloatField, OuterRef, Q, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum.core.pagination import Window, page_of

from .kinds import kinds_where, where
from .models import Post, Tag

MAX_TERMS = 10
# Ten pages of 20 (see the module's docstring: a product trade-off; it was 500).
MAX_RANKED = 200
# The newest ids searched first (PostgreSQL): they hold MAX_RANKED matches of any word in
# more than about 1 % of the posts.
NEWEST_WINDOW = 60_000
# A tag with at most this many questions is searched thread by thread (PostgreSQL): reading
# its threads' posts costs less than testing every match of a word that is common elsewhere.
SMALL_TAG = 5_000
# The window is searched through the rarest term's index entries (PostgreSQL) when the walk is
# expected to test more than this share of it and that term is expected at most this many
# times in it; see _PostgreSQL.newest.
WALK_SHARE = 0.5
RARE_IN_WINDOW = 2_000
# More entries than this in the window mean the statistics are stale: the walk is taken.
RARE_CEILING = 4 * RARE_IN_WINDOW
WORD = re.compile(r"\w+", re.UNICODE)
TAG_IN_QUERY = re.compile(r"\[([a-z0-9][a-z0-9.+#-]{0,34})\]")
# Markers the database wraps around matched words; turned into <mark> after escaping.
START, STOP = "\x01", "\x02"
# The kinds in the index (their rules say `searchable`), as an SQL list: kinds are names in
# the code, never input.
SEARCHABLE = ", ".join(f"'{kind}'" for kind in kinds_where(searchable=True))

_POSTGRESQL_INSTALL = [
    f"""
    ALTER TABLE posts_post ADD COLUMN IF NOT EXISTS search_document tsvector
    GENERATED ALWAYS AS (
        CASE WHEN kind IN ({SEARCHABLE}) THEN
            setweight(to_tsvector('english', title), 'A')
            || setweight(to_tsvector('english', body), 'B')
        END
    ) STORED
    """,
    "CREATE INDEX IF NOT EXISTS post_search ON posts_post USING GIN (search_document)",
]
# Readers' search (status = 'visible' in every statement) takes its matches from an index of
# the visible posts alone; the whole one serves authors and moderators. See `newest`.
_POSTGRESQL_VISIBLE_INDEX = f"""
    CREATE INDEX IF NOT EXISTS post_search_visible ON posts_post USING GIN (search_document)
    WHERE status = 'visible' AND kind IN ({SEARCHABLE})
"""
_POSTGRESQL_INSTALL.append(_POSTGRESQL_VISIBLE_INDEX)
_POSTGRESQL_UNINSTALL = [
    "DROP INDEX IF EXISTS post_search_visible",
    "DROP INDEX IF EXISTS post_search",
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_document",
]
_SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS posts_search USING fts5("
    "title, body, tokenize = 'porter unicode61')",
    f"""
    CREATE TRIGGER IF NOT EXISTS posts_search_insert AFTER INSERT ON posts_post
    WHEN new.kind IN ({SEARCHABLE}) BEGIN
        INSERT INTO posts_search (rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS posts_search_update AFTER UPDATE OF title, body ON posts_post
    BEGIN
        DELETE FROM posts_search WHERE rowid = old.id;
        INSERT INTO posts_search (rowid, title, body)
        SELECT new.id, new.title, new.body WHERE new.kind IN ({SEARCHABLE});
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS posts_search_delete AFTER DELETE ON posts_post BEGIN
        DELETE FROM posts_search WHERE rowid = old.id;
    END
    """,
    "DELETE FROM posts_search",
    f"INSERT INTO posts_search (rowid, title, body) "
    f"SELECT id, title, body FROM posts_post WHERE kind IN ({SEARCHABLE})",
]
_SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS posts_search_insert",
    "DROP TRIGGER IF EXISTS posts_search_update",
    "DROP TRIGGER IF EXISTS posts_search_delete",
    "DROP TABLE IF EXISTS posts_search",
]


def _run(schema_editor, statements: list[str]) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def install(apps, schema_editor) -> None:
    """Create the search column and index (PostgreSQL) or table and triggers (SQLite)."""
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"postgresql": _POSTGRESQL_INSTALL, "sqlite": _SQLITE_INSTALL}[vendor])


def uninstall(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": _POSTGRESQL_UNINSTALL, "sqlite": _SQLITE_UNINSTALL}[vendor]
    _run(schema_editor, statements)


def install_visible_index(apps, schema_editor) -> None:
    """The index of visible posts' documents (PostgreSQL; SQLite has no such index)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_POSTGRESQL_VISIBLE_INDEX)


def uninstall_visible_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS post_search_visible")


def reinstall(apps, schema_editor) -> None:
    """Build the search column or table again from the kinds' rules of today, and index
    every searchable post. For a migration that adds a kind or changes which are searchable;
    on SQLite also for any that alters posts_post (Django rebuilds the table, and its
    triggers go with it)."""
    uninstall(apps, schema_editor)
    install(apps, schema_editor)


@dataclass(frozen=True)
class Query:
    """What a reader typed, reduced to words the database can match safely, and a tag."""

    text: str
    terms: tuple[str, ...]
    tag_name: str | None
    # The terms of each word typed (between spaces): "bain-tsagan" is one word of two terms,
    # which are found together far more often than apart (search's estimates need to know).
    words: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def parse(cls, raw: str) -> "Query":
        tags = TAG_IN_QUERY.findall(raw)
        words = TAG_IN_QUERY.sub(" ", raw)
        typed = [tuple(WORD.findall(word)) for word in words.lower().split()]
        terms = tuple(term for word in typed for term in word)[:MAX_TERMS]
        return cls(
            text=words.strip(),
            terms=terms,
            tag_name=tags[0] if tags else None,
            words=tuple(word for word in typed if word),
        )


@dataclass
class Hit:
    post: Post
    snippet: SafeString


def _backend():
    return _PostgreSQL if connections["default"].vendor == "postgresql" else _SQLite


class _Estimate(NamedTuple):
    """What the words' statistics say of a search (`_PostgreSQL._frequencies`)."""

    top: int | None  # the newest id
    # The term whose index entries the window is searched through (see `newest`), if any.
    rarest: str | None = None
    # The words together are common enough for the walk to find MAX_RANKED matches in
    # WALK_SHARE of the window.
    common: bool = False
    # So rare together that the window is expected to hold fewer than MAX_RANKED matches:
    # the whole table is searched at once (searching the window first would cost its
    # BitmapAnd with the primary key's 60,000 ids, 5-10 ms at 1 M posts, to find too few).
    scarce: bool = False
    # The walk is taken whatever the planner estimates: it tests fewer posts than the
    # rarest term has entries in the index (see `_ids`).
    walk: bool = False


class _PostgreSQL:
    # websearch_to_tsquery accepts any text ("quotes", -not, or) and never raises; the
    # terms are passed rather than the raw text so both backends match the same words.
    QUERY = "websearch_to_tsquery('english', %s)"

    @classmethod
    def argument(cls, query: Query) -> str:
        return " ".join(query.terms)

    @classmethod
    def matches(cls, argument: str) -> RawSQL:
        return RawSQL(
            f"posts_post.search_document @@ {cls.QUERY}", [argument], output_field=BooleanField()
        )

    @classmethod
    def rank(cls, argument: str) -> RawSQL:
        return RawSQL(
            f"ts_rank_cd(posts_post.search_document, {cls.QUERY})",
            [argument],
            output_field=FloatField(),
        )

    @classmethod
    def newest(cls, readable, argument: str, tag: Tag | None, words=()) -> list[int]:
        """The ids of the newest MAX_RANKED of the `readable` posts that match `argument` (in
        threads tagged `tag`), in two steps (`words`: Query.words, for the estimates).

        Asked for the newest few matches of the whole table, the planner walks the primary
        key backwards and tests every post's document until enough match: cheap for a common
        word, and tens of thousands of rows for a rare one. So the walk is bounded: first the
        newest NEWEST_WINDOW ids are searched, and when they hold too few matches, the whole
        table is searched with an OFFSET 0 fence that keeps the ordering and the limit out of
        the statement finding the matches, so they come from a Bitmap Index Scan on
        post_search and are ordered after. tests/posts/test_search_plan.py pins that plan.

        How the window is searched depends on the words' frequencies, which ANALYZE keeps
        for the column (pg_stats' most_common_elems; a word not among them is rarer than all
        of them). When the walk is expected to test most of the window (the words together
        are rare) and the rarest word is rare enough that its matches in the window are few,
        those few are taken from the index (its Bitmap Index Scan ANDed with the primary
        key's range, behind an OFFSET 0 fence) and tested for the other words; otherwise
        the walk, as the planner likes. The walk is what common words always get, and when
        the window holds too few of their matches (a burst of posts without them) the walk
        goes on below it rather than reading their many index entries; a word the statistics
        call rare is found through its own few index entries wherever they are.

        When the words together are expected in fewer than MAX_RANKED posts of the window
        (two rare names, a rare name and two common words, spam's words), the window is
        skipped: it would be searched only to find too few, and the whole table's matches
        are few.

        A small tag is the exception: its few threads are read through their questions'
        ids and the posts' thread index, however common the word is elsewhere (a middling
        word in a small tag otherwise tests tens of thousands of matches against the tag)."""
        if tag is not None and cls._is_small(tag):
            return cls._newest_in_small_tag(readable, argument, tag)
        candidates = readable.filter(cls.matches(argument))
        if tag is not None:
            readable = readable.filter(_tagged(tag))
            candidates = candidates.filter(_tagged(tag))
        with _reading().cursor() as cursor:
            top, rarest, common, scarce, walk = cls._frequencies(cursor, argument, words)
            # In a tag the walk tests more posts than the words' shares say (those outside
            # the tag too), by how much the statistics cannot tell: left to the planner.
            walk = walk and tag is None
            floor = (top or 0) - NEWEST_WINDOW
            if floor > 0 and not scarce:
                found = None
                if rarest is not None:
                    found = cls._newest_through_rarest(cursor, readable, argument, rarest, floor)
                if found is None:
                    recent = candidates.filter(pk__gt=floor).order_by("-pk")
                    found = cls._ids(cursor, recent, MAX_RANKED, walk=walk)
                if len(found) == MAX_RANKED:
                    return found
                if common:
                    # A burst of posts without the words: the walk goes on below the window
                    # (their index entries are too many to read all of them).
                    older = candidates.filter(pk__lte=floor).order_by("-pk")
                    return found + cls._ids(cursor, older, MAX_RANKED - len(found), walk=walk)
            sql, params = candidates.values_list("id", flat=True).query.sql_with_params()
            cursor.execute(
                f"SELECT id FROM ({sql} OFFSET 0) AS matches ORDER BY id DESC LIMIT %s",
                [*params, MAX_RANKED],
            )
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _ids(cursor, matches, limit: int, *, walk: bool) -> list[int]:
        """The first `limit` ids of `matches`; with `walk`, by the walk of the primary key
        whatever the planner estimates: the words' statistics said the walk finds them soon,
        and the planner, which takes words as independent, reckoned three common words
        together rarer than they are (9,200 posts of the visible ones' index where 43,000
        are) and read all their entries instead (40 ms against 10)."""
        sql, params = matches.values_list("pk", flat=True)[:limit].query.sql_with_params()
        if not walk:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]
        with transaction.atomic(using=cursor.db.alias):
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _frequencies(cursor, argument: str, typed=()) -> _Estimate:
        """How `argument`'s words are to be searched (`_Estimate`).

        A term's frequency is its lexeme's share of the posts: its share of the documents in
        most_common_elems, or half the least of them when it is not there, times the share
        of posts that have a document. Words typed apart are assumed independent within the
        documents (a phrase's words are not, which only sends it to the index sooner): they
        are together in the documents' share of the posts times the product of their shares
        of the documents. For whether the window holds enough, the terms of one word typed
        (`typed`: Query.words; "bain-tsagan") go together: the word's share is its rarest
        term's."""
        words = argument.split()
        cursor.execute(_LEXEMES, [words])
        rows = cursor.fetchall()
        top = rows[0][0] if rows else None
        if "or" in words:
            # websearch_to_tsquery reads it as OR: no term is required
            return _Estimate(top)
        statistics = _lexeme_shares(cursor)
        if statistics is None:
            return _Estimate(top)  # no statistics yet: the walk, as before
        documents, common, uncommon = statistics
        terms = [
            (term, common.get(lexeme, uncommon)) for _, term, lexemes in rows for lexeme in lexemes
        ]
        if not terms or documents <= 0:
            return _Estimate(top)
        shares = {}
        for term, frequency in terms:
            shares[term] = min(frequency, shares.get(term, 1.0))
        together = apart = documents
        for word in typed or [(term,) for term in shares]:
            found = [shares[term] for term in word if term in shares]
            if found:
                together *= min(found) / documents
        for share in shares.values():
            apart *= share / documents
        if together * NEWEST_WINDOW < MAX_RANKED:
            return _Estimate(top, scarce=True)
        term, rarest = min(terms, key=lambda pair: pair[1])
        # Whether it walks is the planner's choice, and the planner takes the terms of a
        # typed word as independent: "bain-tsagan" left to it reads all 9,800 matches (12 ms)
        # where the rarer term's entries among the newest ids cost 5.
        walked = MAX_RANKED / apart
        if walked <= NEWEST_WINDOW * WALK_SHARE:
            # The walk is taken whatever the planner thinks when it tests fewer posts than
            # the rarest term has index entries (see `_ids`); a name in 1 % of the posts is
            # left to the planner, whose BitmapAnd of its entries with the newest ids costs
            # 8 ms where walking to 200 of them tests 21,000 posts, 19 ms.
            return _Estimate(top, common=True, walk=walked < rarest * (top or 0))
        if rarest * NEWEST_WINDOW <= RARE_IN_WINDOW:
            return _Estimate(top, rarest=term)
        return _Estimate(top)

    @classmethod
    def _newest_through_rarest(cls, cursor, readable, argument, term, floor) -> list[int] | None:
        """The newest MAX_RANKED matches among the ids above `floor`, from the rarest term's
        entries in post_search (the fence keeps the ordering and the other terms out of the
        statement finding them), tested for the whole query after; None when they are more
        than RARE_CEILING (the statistics are stale: the term has become common)."""
        inner = (
            readable.filter(cls.matches(term), pk__gt=floor)
            .annotate(document=RawSQL("posts_post.search_document", [], output_field=TextField()))
            .values_list("id", "document")
        )
        sql, params = inner.query.sql_with_params()
        cursor.execute(
            f"SELECT id, document @@ {cls.QUERY} FROM ({sql} LIMIT %s) AS entries",
            [argument, *params, RARE_CEILING],
        )
        rows = cursor.fetchall()
        if len(rows) == RARE_CEILING:
            return None
        return sorted((pk for pk, matches in rows if matches), reverse=True)[:MAX_RANKED]

    @staticmethod
    def _is_small(tag: Tag) -> bool:
        questions = Post.tags.through.objects.filter(tag=tag).values("pk")[: SMALL_TAG + 1]
        return questions.count() <= SMALL_TAG

    @classmethod
    def _newest_in_small_tag(cls, readable, argument: str, tag: Tag) -> list[int]:
        """The newest MAX_RANKED matches in the threads of a small tag: their questions and
        answers, read through post_searchable_by_thread (one range of it per thread, without
        the comments, two thirds of the posts: 16 ms against 9 for a common word in a tag of
        632 questions at 1 M posts), tested for the words after.

        The tag's questions are one array, not a join (as a join the planner merged the
        whole index with them: 150,000 rows, a second), and the fence keeps the words out
        of the statement reading the threads (with them, the planner ANDed the threads with
        the word's GIN entries: 148,000 of them for a common word, 45 ms)."""
        # "IS NOT NULL" is the index's marker (forum/posts/models.py): always true, stated
        # by this statement only, so no other statement takes the index for a kind filter.
        threads = RawSQL(
            "COALESCE(posts_post.thread_id, posts_post.id) IS NOT NULL"
            " AND COALESCE(posts_post.thread_id, posts_post.id) = ANY(ARRAY("
            "SELECT post_id FROM posts_post_tags WHERE tag_id = %s))",
            [tag.pk],
            output_field=BooleanField(),
        )
        inner = (
            readable.filter(threads)
            .annotate(document=RawSQL("posts_post.search_document", [], output_field=TextField()))
            .values_list("id", "document")
        )
        sql, params = inner.query.sql_with_params()
        with _reading().cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM ({sql} OFFSET 0) AS posts WHERE document @@ {cls.QUERY} "
                "ORDER BY id DESC LIMIT %s",
                [*params, argument, MAX_RANKED],
            )
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def among(ids: list[int]) -> RawSQL:
        # One array parameter: as `pk__in`, MAX_RANKED placeholders cost Django and psycopg
        # a millisecond of CPU to build, send and parse, for the same plan.
        return RawSQL("posts_post.id = ANY(%s)", [ids], output_field=BooleanField())

    @classmethod
    def snippets(cls, argument: str, ids: list[int]) -> dict[int, str]:
        options = f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12"
        with _reading().cursor() as cursor:
            cursor.execute(
                f"SELECT id, ts_headline('english', body, {cls.QUERY}, %s) "
                "FROM posts_post WHERE id = ANY(%s)",
                [argument, options, ids],
            )
            return dict(cursor.fetchall())


# The newest id, then each term of the query (an array of words) with its lexemes.
_LEXEMES = """
SELECT (SELECT max(id) FROM posts_post), term,
    tsvector_to_array(to_tsvector('english', term))
FROM unnest(%s::text[]) AS term
"""
# The statistics ANALYZE keeps for the search column: the share of posts without a document,
# the most common lexemes and their shares of the documents (that array ends with the least
# and greatest of them and the share of empty documents). Read again after STATS_SECONDS.
_STATISTICS = """
SELECT null_frac, most_common_elems::text::text[], most_common_elem_freqs
FROM pg_stats
WHERE schemaname = current_schema() AND tablename = 'posts_post' AND attname = 'search_document'
"""
STATS_SECONDS = 600
_statistics: dict[str, tuple[float, dict[str, float], float] | None] = {}
_statistics_read: dict[str, float] = {}


def _lexeme_shares(cursor) -> tuple[float, dict[str, float], float] | None:
    """(share of posts with a document, {common lexeme: its share of the posts}, the share
    of posts of a lexeme that is not among them), or None before the first ANALYZE; kept
    per database for STATS_SECONDS."""
    alias = cursor.db.alias
    now = time.monotonic()
    if alias not in _statistics or now - _statistics_read.get(alias, 0) > STATS_SECONDS:
        cursor.execute(_STATISTICS)
        row = cursor.fetchone()
        shares = None
        if row is not None and row[1] and row[2]:
            null_frac, elems, freqs = row
            documents = 1 - (null_frac or 0)
            common = {elem: documents * freq for elem, freq in zip(elems, freqs, strict=False)}
            shares = (documents, common, documents * freqs[len(elems)] / 2)
        _statistics[alias], _statistics_read[alias] = shares, now
    return _statistics[alias]


@contextmanager
def _unprepared(connection):
    """Search's statements run unprepared on PostgreSQL: psycopg prepares a statement run
    `prepare_threshold` times, and the server may then plan it once for any word, while the
    plans search relies on are chosen for the word (a walk for a common one, the index for
    a rare one). Psycopg's threshold is lifted for the connection meanwhile (no round trip)."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    threshold = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = threshold


def _reading():
    """The database the hits were read from (a read replica, when there is one)."""
    return connections[router.db_for_read(Post)]


class _SQLite:
    @classmethod
    def argument(cls, query: Query) -> str:
        # Every term quoted: FTS5's own operators (NEAR, *, ^, column filters) stay words.
        return " ".join(f'"{term}"' for term in query.terms)

    @classmethod
    def matches(cls, argument: str) -> RawSQL:
        return RawSQL(
            "posts_post.id IN (SELECT rowid FROM posts_search WHERE posts_search MATCH %s)",
            [argument],
            output_field=BooleanField(),
        )

    @classmethod
    def rank(cls, argument: str) -> RawSQL:
        # bm25() is lower for better matches; titles weigh four times as much as bodies.
        return RawSQL(
            "(SELECT -bm25(posts_search, 4.0, 1.0) FROM posts_search "
            "WHERE posts_search MATCH %s AND rowid = posts_post.id)",
            [argument],
            output_field=FloatField(),
        )

    @classmethod
    def newest(cls, readable, argument: str, tag: Tag | None, words=()) -> list[int]:
        """The ids of the newest MAX_RANKED of the `readable` posts that match `argument` (in
        threads tagged `tag`); FTS5 hands its matches over by rowid, so SQLite needs no
        fence."""
        candidates = readable.filter(cls.matches(argument))
        if tag is not None:
            candidates = candidates.filter(_tagged(tag))
        return list(candidates.order_by("-pk").values_list("pk", flat=True)[:MAX_RANKED])

    @staticmethod
    def among(ids: list[int]) -> Q:
        return Q(pk__in=ids)

    @classmethod
    def snippets(cls, argument: str, ids: list[int]) -> dict[int, str]:
        marks = ", ".join("%s" for _ in ids)
        with _reading().cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet(posts_search, 1, %s, %s, '…', 30) FROM posts_search "
                f"WHERE posts_search MATCH %s AND rowid IN ({marks})",
                [START, STOP, argument, *ids],
            )
            return dict(cursor.fetchall())


def _tagged(tag: Tag) -> Exists:
    """Posts whose thread carries `tag` (a question carries its own tags)."""
    return Exists(
        Post.tags.through.objects.filter(
            tag=tag, post_id=Coalesce(OuterRef("thread_id"), OuterRef("pk"))
        )
    )


def highlight(snippet: str) -> SafeString:
    """Escape a database snippet and turn its match markers into balanced <mark> tags."""
    escaped = re.sub(f"{START}([^{START}{STOP}]*){STOP}", r"<mark>\1</mark>", escape(snippet))
    return mark_safe(escaped.replace(START, "").replace(STOP, ""))


HIT_FIELDS = (
    "kind",
    "title",
    "score",
    "status",
    "status_reason",
    "created_at",
    "author__username",
    "thread__kind",
    "thread__title",
)


def search_posts(viewer, query: Query, *, number: int, per_page: int) -> Window:
    """Page `number` of the questions and answers `viewer` may read that contain every term
    of `query` (and whose thread carries its tag), best first, as `Hit`s with snippets."""
    if not query.terms:
        return Window([], number, False)
    backend = _backend()
    argument = backend.argument(query)
    # Ranking reads each match's whole document, so only the newest MAX_RANKED matches are
    # ranked and a common word costs what a rare one does. The matches are chosen among the
    # posts readable by their own status (no joins, so the index hands them over); the full
    # rule follows.
    readable = Post.objects.filter(where(searchable=True)).visible_to(viewer, parents_read=True)
    tag = None
    if query.tag_name is not None:
        tag = Tag.objects.filter(name=query.tag_name).first()
        if tag is None:
            return Window([], number, False)
    with _unprepared(_reading()):
        newest = backend.newest(readable, argument, tag, query.words)
        posts = Post.objects.visible_to(viewer).filter(backend.among(newest))
        ranked = (
            posts.annotate(rank=backend.rank(argument))
            .order_by("-rank", "-pk")
            .select_related("author", "thread")
            .only(*HIT_FIELDS)
        )
        # The page's rows come with their ranks: one statement, not the ids and then their
        # rows.
        page = page_of(ranked, number, per_page)
        snippets = backend.snippets(argument, [post.pk for post in page]) if len(page) else {}
    page.object_list = [
        Hit(post=post, snippet=highlight(snippets.get(post.pk, ""))) for post in page
    ]
    return page

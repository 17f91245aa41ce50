"""Full-text search over questions and answers, through the visibility rule.

PostgreSQL keeps a weighted `tsvector` of each question's title and body and each answer's
body in a generated column with a GIN index, ranks with `ts_rank_cd` and highlights with
`ts_headline`. SQLite keeps the same text in an FTS5 table that triggers maintain, ranks with
BM25 and highlights with `snippet()`. Neither is a Django field: the migration that calls
`install` creates them, and only this module reads them.

Matches are filtered by `Post.objects.visible_to`, so a hidden post, or an answer under a
hidden question, is never found. Only the newest `MAX_RANKED` matches are ranked.

The kinds indexed are those whose rules say `searchable` (forum/posts/kinds.py). Matches are
filtered by the same rule as well, so a database indexed before a kind's rule changed never
returns a kind that is not searchable; one that became searchable needs a migration that
runs `reinstall`.
"""

import re
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import BooleanField, Exists, FloatField, OuterRef, Q, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum.core.pagination import Window, window

from .kinds import kinds_where, where
from .models import Post, Tag

MAX_TERMS = 10
MAX_RANKED = 500
# The newest searchable posts read one by one first (PostgreSQL), each document tested
# against the query: they tell how common its matches are. When at least one post in
# WALK_ROWS / MAX_RANKED matches (5 %: three ordinary words together are in 13 %, a name in
# 3 %), the walk goes on, to WALK_ROWS posts at most (about 10 ms).
WALK_SAMPLE = 1_000
WALK_ROWS = 10_000
# The newest ids searched next through the GIN index (PostgreSQL): they hold MAX_RANKED
# matches of any word in more than about 1 % of the posts.
NEWEST_WINDOW = 60_000
# The window is searched when the sample's matches, spread over its ids, come to this share
# of those still wanted; otherwise the whole table. Low, as the sample's few matches err
# both ways, and missing the window costs more than trying it: a name's 600 matches there
# are read through a BitmapAnd, where the whole table reads all its 10,000.
WINDOW_MARGIN = 0.25
# A tag with at most this many questions is searched thread by thread (PostgreSQL): reading
# its threads' posts costs less than testing every match of a word that is common elsewhere.
SMALL_TAG = 5_000
WORD = re.compile(r"\w+", re.UNICODE)
TAG_IN_QUERY = re.compile(r"\[([a-z0-9][a-z0-9.+#-]{0,34})\]")
# Markers the database wraps around matched words; turned into <mark> after escaping.
START, STOP = "\x01", "\x02"
# The kinds in the index (their rules say `searchable`), as an SQL list: kinds are names in
# the code, never input.
SEARCHABLE = ", ".join(f"'{kind}'" for kind in kinds_where(searchable=True))

# Searchable posts only, without the comments between them (two in three posts): the
# newest first, for the walk, which reads a third of the rows the primary key would; and by
# thread, for a small tag's threads, whose answers are read without their comments.
# The planner may take a partial index for any statement whose conditions imply its
# predicate, even with nothing to look up in it (a full scan), and `search_document @@ q`
# implies `search_document IS NOT NULL`: it took the by-thread index to read 333,000 posts
# in 1.8 s, and an index of ids to test 20,000 posts for a name whose 600 matches the GIN
# index hands over. So the walk's predicate is one only the walk states (IS TRUE: not
# implied by the match), and the other's needs a thread.
SEARCHABLE_NEWEST = "(search_document IS NOT NULL) IS TRUE"
_POSTGRESQL_SEARCHABLE_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS post_searchable ON posts_post (id) WHERE {SEARCHABLE_NEWEST}",
    "CREATE INDEX IF NOT EXISTS post_searchable_by_thread ON posts_post (thread_id) "
    "WHERE thread_id IS NOT NULL AND search_document IS NOT NULL",
]
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
    *_POSTGRESQL_SEARCHABLE_INDEXES,
]
_POSTGRESQL_UNINSTALL = [
    "DROP INDEX IF EXISTS post_searchable_by_thread",
    "DROP INDEX IF EXISTS post_searchable",
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


def install_searchable_indexes(apps, schema_editor) -> None:
    """The indexes of searchable posts from the newest and by thread (PostgreSQL; `install`
    makes them in a new database)."""
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, _POSTGRESQL_SEARCHABLE_INDEXES)


def uninstall_searchable_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        _run(
            schema_editor,
            [
                "DROP INDEX IF EXISTS post_searchable_by_thread",
                "DROP INDEX IF EXISTS post_searchable",
            ],
        )


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

    @classmethod
    def parse(cls, raw: str) -> "Query":
        tags = TAG_IN_QUERY.findall(raw)
        words = TAG_IN_QUERY.sub(" ", raw)
        return cls(
            text=words.strip(),
            terms=tuple(WORD.findall(words.lower()))[:MAX_TERMS],
            tag_name=tags[0] if tags else None,
        )


@dataclass
class Hit:
    post: Post
    snippet: SafeString


def _backend():
    return _PostgreSQL if connections["default"].vendor == "postgresql" else _SQLite


class _PostgreSQL:
    # websearch_to_tsquery accepts any text ("quotes", -not, or) and never raises; the
    # terms are passed rather than the raw text so both backends match the same words.
    QUERY = "websearch_to_tsquery('english', %s)"
    MATCH = f"posts_post.search_document @@ {QUERY}"
    # Posts whose thread carries a tag (`_tagged`), tested post by post as the walk reads
    # them: OFFSET 0 keeps PostgreSQL from making the test a join, which it would plan for
    # reading every post of the walk's budget (a merge join after sorting them all).
    TAGGED = (
        "EXISTS (SELECT 1 FROM posts_post_tags WHERE posts_post_tags.tag_id = %s AND "
        "posts_post_tags.post_id = COALESCE(posts_post.thread_id, posts_post.id) OFFSET 0)"
    )

    @classmethod
    def argument(cls, query: Query) -> str:
        return " ".join(query.terms)

    @classmethod
    def matches(cls, argument: str) -> RawSQL:
        return RawSQL(cls.MATCH, [argument], output_field=BooleanField())

    @staticmethod
    def among(ids: list[int]) -> RawSQL:
        # One array rather than MAX_RANKED parameters: Django and psycopg spend milliseconds
        # on each statement's 500 placeholders, PostgreSQL on planning them.
        return RawSQL("posts_post.id = ANY(%s)", [ids], output_field=BooleanField())

    @classmethod
    def rank(cls, argument: str) -> RawSQL:
        return RawSQL(
            f"ts_rank_cd(posts_post.search_document, {cls.QUERY})",
            [argument],
            output_field=FloatField(),
        )

    @classmethod
    def newest(cls, argument: str, readable, tag: Tag | None) -> list[int]:
        """The ids of the newest MAX_RANKED `readable` posts that match `argument` (in
        threads tagged `tag`).

        They are found one of two ways, and which costs less depends on how many posts
        match. Walking the searchable posts from the newest, testing each one's document,
        costs a row per post read: a word in 40 % of the posts is done in about 1,250 rows,
        three ordinary words together (13 %) in about 4,000. The GIN index costs the length
        of every word's list however few posts hold them all, and then a row per match; the
        planner prices the lists too low: "bridge crossing night" (43,000 matches at 1 M
        posts) took 20-30 ms through the index, three times what the walk takes.

        So the newest WALK_SAMPLE searchable posts are read first, and show how common the
        matches are. When they are common enough to reach MAX_RANKED within WALK_ROWS posts,
        the walk goes on (a fence keeps the planner to it, stopping at the last match
        wanted). Otherwise the rest is asked of the GIN index, below the posts read: first
        among the newest NEWEST_WINDOW ids, unless the sample says they hold few matches
        (for a name, the index's matches and the window's ids meet in a BitmapAnd, and only
        the window's 600 matches of 10,000 are read), then in the whole table (two names
        together, or words only hidden posts hold: straight there, their few matches read
        once rather than twice). An OFFSET 0 fence keeps the ordering and the limit out of
        the statement finding the matches, so they come from a Bitmap Index Scan on
        post_search (unfenced, the planner walks an index of ids: about 107,000 rows for
        "nomonhan" at 1 M posts). tests/posts/test_search_plan.py pins these plans.

        A small tag's few threads are read through their questions' ids and the posts'
        thread index, however common the word is elsewhere (a middling word in a small tag
        otherwise tests tens of thousands of matches against the tag)."""
        if tag is not None and cls._is_small(tag):
            return cls._newest_in_small_tag(readable.filter(cls.matches(argument)), tag)
        with _reading().cursor() as cursor:
            # The match, then the other conditions as SQL on a table or subquery called
            # posts_post: the statements below put them where the plan needs them.
            query = readable.query
            where, params = query.get_compiler(connection=cursor.db).compile(query.where)
            if tag is not None:
                where, params = f"{where} AND {cls.TAGGED}", [*params, tag.pk]
            conditions = (f"{cls.MATCH} AND {where}", [argument, *params])
            terms = argument.split()
            found, read, top, bottom, counts = cls._sample(cursor, conditions, terms)
            if len(found) >= MAX_RANKED or read < WALK_SAMPLE:
                return found[:MAX_RANKED]  # enough, or every searchable post was read
            wanted = MAX_RANKED - len(found)
            if len(found) * WALK_ROWS >= MAX_RANKED * WALK_SAMPLE:
                found += cls._walk(cursor, conditions, bottom, WALK_ROWS - WALK_SAMPLE, wanted)
                if len(found) == MAX_RANKED:
                    return found
                bottom = found[-1]  # every post above the last match was read
                wanted = MAX_RANKED - len(found)
            # The sample's matches per id, over the window's ids.
            in_window = len(found) * NEWEST_WINDOW / (top - bottom + 1)
            floor = top - NEWEST_WINDOW
            if floor > 0 and in_window >= WINDOW_MARGIN * wanted:
                # The window asks the index for the word the sample found least often (a
                # word none of the sample holds matches nothing: a stop word) and tests the
                # rest on what it hands over. PostgreSQL guesses how many posts hold all the
                # words as if they were independent, and for two that go together
                # ("bain tsagan": 9,800) guesses too few to bother with the window's ids:
                # all 9,800 were read. It guesses one word's number well.
                held = [(n, term) for n, term in zip(counts, terms, strict=True) if n]
                probe = min(held, default=(0, argument))[1]
                recent = cls._indexed(cursor, probe, conditions, (floor, bottom), wanted)
                if len(recent) == wanted:
                    return found + recent
            return found + cls._indexed(cursor, argument, (where, params), (0, bottom), wanted)

    @classmethod
    def _sample(cls, cursor, conditions: tuple[str, list], terms: list[str]):
        """The candidates among the newest WALK_SAMPLE searchable posts, newest first; how
        many posts were read; the highest and the lowest id read; how many hold each term."""
        where, params = conditions
        each = "".join(f", count(*) FILTER (WHERE {cls.MATCH})" for _ in terms)
        cursor.execute(
            f"SELECT array_agg(id ORDER BY id DESC) FILTER (WHERE {where}), count(*), "
            f"max(id), min(id){each} FROM (SELECT * FROM posts_post "
            f"WHERE {SEARCHABLE_NEWEST} ORDER BY id DESC LIMIT %s) AS posts_post",
            [*params, *terms, WALK_SAMPLE],
        )
        found, read, top, bottom, *counts = cursor.fetchone()
        return found or [], read, top or 0, bottom or 0, counts

    @classmethod
    def _walk(cls, cursor, conditions: tuple[str, list], below: int, rows: int, wanted: int):
        """The newest `wanted` candidates among the `rows` newest searchable posts below id
        `below`, newest first. The posts are read in a subquery whose LIMIT keeps the
        conditions out of it, so each is tested as it comes off the index, in the order the
        outer ORDER BY asks for: no sort, and the walk stops at the last post wanted."""
        where, params = conditions
        cursor.execute(
            f"SELECT id FROM (SELECT * FROM posts_post WHERE {SEARCHABLE_NEWEST} AND id < %s "
            f"ORDER BY id DESC LIMIT %s) AS posts_post WHERE {where} ORDER BY id DESC LIMIT %s",
            [below, rows, *params, wanted],
        )
        return [row[0] for row in cursor.fetchall()]

    @classmethod
    def _indexed(cls, cursor, argument: str, conditions: tuple[str, list], ids, wanted: int):
        """The newest `wanted` posts that match `argument`, with ids between `ids`
        (exclusive), found through the GIN index and then tested for `conditions`. The fence's
        subquery holds only the match and the ids, so the plan is the index's matches (with
        the window's ids, a BitmapAnd of the two) and nothing else: no walk of an index of
        ids for the ordering and the limit, which stay outside, and no bitmap of the 330,000
        visible questions and answers ANDed in for the other conditions."""
        where, params = conditions
        cursor.execute(
            f"SELECT id FROM (SELECT * FROM posts_post WHERE {cls.MATCH} "
            f"AND id > %s AND id < %s OFFSET 0) AS posts_post WHERE {where} "
            "ORDER BY id DESC LIMIT %s",
            [argument, *ids, *params, wanted],
        )
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _is_small(tag: Tag) -> bool:
        questions = Post.tags.through.objects.filter(tag=tag).values("pk")[: SMALL_TAG + 1]
        return questions.count() <= SMALL_TAG

    @staticmethod
    def _newest_in_small_tag(candidates, tag: Tag) -> list[int]:
        # The tag's questions and the replies in their threads, each through its own index;
        # the union keeps the ordering and the limit from tempting a walk of the primary key.
        questions = Post.tags.through.objects.filter(tag=tag).values("post_id")
        parts = [
            candidates.filter(pk__in=questions).values_list("id", flat=True),
            candidates.filter(thread_id__in=questions).values_list("id", flat=True),
        ]
        statements = [part.query.sql_with_params() for part in parts]
        sql = " UNION ALL ".join(f"({statement})" for statement, _ in statements)
        params = [param for _, part_params in statements for param in part_params]
        with _reading().cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM ({sql}) AS matches ORDER BY id DESC LIMIT %s",
                [*params, MAX_RANKED],
            )
            return [row[0] for row in cursor.fetchall()]

    @classmethod
    def snippet(cls, argument: str) -> RawSQL:
        options = f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12"
        return RawSQL(
            f"ts_headline('english', posts_post.body, {cls.QUERY}, %s)",
            [argument, options],
            output_field=TextField(),
        )


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

    @staticmethod
    def among(ids: list[int]) -> Q:
        return Q(pk__in=ids)

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
    def newest(cls, argument: str, readable, tag: Tag | None) -> list[int]:
        """The ids of the newest MAX_RANKED `readable` posts that match `argument` (in
        threads tagged `tag`); FTS5 hands its matches over by rowid, so SQLite needs no
        fence."""
        candidates = readable.filter(cls.matches(argument))
        if tag is not None:
            candidates = candidates.filter(_tagged(tag))
        return list(candidates.order_by("-pk").values_list("pk", flat=True)[:MAX_RANKED])

    @classmethod
    def snippet(cls, argument: str) -> RawSQL:
        return RawSQL(
            "(SELECT snippet(posts_search, 1, %s, %s, '…', 30) FROM posts_search "
            "WHERE posts_search MATCH %s AND rowid = posts_post.id)",
            [START, STOP, argument],
            output_field=TextField(),
        )


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


def _hit_rows(ids: list[int], snippet: RawSQL) -> list[Post]:
    """The posts to show, each with its snippet (`post.snippet`, with match markers)."""
    return list(
        Post.objects.filter(pk__in=ids)
        .annotate(snippet=snippet)
        .select_related("author", "thread")
        .only(
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
    )


def search_posts(viewer, query: Query, *, number: int, per_page: int) -> Window:
    """Page `number` of the questions and answers `viewer` may read that contain every term
    of `query` (and whose thread carries its tag), best first, as `Hit`s with snippets."""
    if not query.terms:
        return Window([], number, False)
    backend = _backend()
    argument = backend.argument(query)
    # Ranking reads each match's whole document, so only the newest MAX_RANKED matches are
    # ranked and a common word costs what a rare one does. They are chosen by each post's
    # own status (no joins, so the index hands them over); the full rule follows.
    readable = Post.objects.filter(where(searchable=True)).visible_to(viewer, parents_read=True)
    tag = None
    if query.tag_name is not None:
        tag = Tag.objects.filter(name=query.tag_name).first()
        if tag is None:
            return Window([], number, False)
    newest = backend.newest(argument, readable, tag)
    posts = Post.objects.visible_to(viewer).filter(backend.among(newest))
    ids = posts.annotate(rank=backend.rank(argument)).order_by("-rank", "-pk")
    snippet = backend.snippet(argument)
    page = window(
        ids.values_list("pk", flat=True), number, per_page, load=lambda ids: _hit_rows(ids, snippet)
    )
    page.object_list = [Hit(post=post, snippet=highlight(post.snippet or "")) for post in page]
    return page

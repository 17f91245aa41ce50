"""Search over the whole table takes its matches from the GIN index for every word, rare or
common; among the newest ids it walks the primary key for common words and takes a rare
word's entries from the index (PostgreSQL).

Asked for the newest few matches of a word, PostgreSQL's planner likes to walk the primary key
backwards and test each post until enough match: quick for a common word, tens of thousands
of rows for a rare one. Search bounds that walk to the newest ids, then looks in the whole
table (forum/posts/search.py). These tests read the plan of the statement it runs for the
whole table, on a generated forum with fresh statistics, and want a Bitmap Index Scan on
`post_search`. The query shape before the fence fails them for the middling and common word.
Among the newest ids, the choice follows the words' frequencies in the column's statistics.
"""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from forum.posts import search
from forum.posts.models import Post, Tag
from forum.posts.search import Query, search_posts
from forum.questions.generating import Plan, generate_forum

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the plan is PostgreSQL's (SQLite uses FTS5)"
    ),
    pytest.mark.django_db,
]

# Words of the generator's vocabulary (forum/questions/generating.py): a rare name, two common
# words that meet less often, and a word in about a third of the posts.
WORDS = {"rare": "nomonhan", "middling": "bridge crossing", "common": "army"}
# Readers' GIN index: the visible posts' documents alone (post_search holds every post's).
READERS_INDEX = "post_search_visible"
GIN_SCANS = {("Bitmap Index Scan", "post_search"), ("Bitmap Index Scan", READERS_INDEX)}


COPIES = 24
COLUMNS = (
    "kind, body, body_html, revision, status, status_reason, spam_score, spam_reasons, "
    "moderated_at, is_chatter, score, created_at, edited_at, title, answer_count, "
    "last_activity_at, closed_at, close_reason, locked_at, lock_reason, author_id"
)
SHIFTED = ("accepted_answer_id", "duplicate_of_id", "parent_id", "thread_id")


@pytest.fixture(scope="module")
def forum(django_db_setup, django_db_blocker):
    """A forum big enough for the planner to walk the primary key for a common word when
    the query lets it (100,000 posts: a generated 4,000 and copies of them, which SQL makes
    in seconds), analysed; removed after the module."""
    with django_db_blocker.unblock():
        generate_forum(Plan(posts=4_000, big_thread_answers=20, big_thread_comments=30))
        shifted = ", ".join(f"{column} + %(offset)s" for column in SHIFTED)
        with connection.cursor() as cursor:
            cursor.execute("SELECT max(id) FROM posts_post")
            (top,) = cursor.fetchone()
            for copy in range(1, COPIES + 1):
                cursor.execute(
                    f"INSERT INTO posts_post (id, {COLUMNS}, {', '.join(SHIFTED)}) "
                    f"SELECT id + %(offset)s, {COLUMNS}, {shifted} FROM posts_post "
                    "WHERE id <= %(top)s",
                    {"offset": copy * top, "top": top},
                )
            cursor.execute("ANALYZE")
        search._statistics.clear()  # read again: the ones kept may predate the ANALYZE
        yield
        search._statistics.clear()
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE posts_post, accounts_user, posts_tag, votes_vote RESTART IDENTITY CASCADE"
            )


def _plan_of_the_matches_query(words: str) -> dict:
    """EXPLAIN (FORMAT JSON) of the statement search runs to find the matches."""
    with CaptureQueriesContext(connection) as queries:
        search_posts(AnonymousUser(), Query.parse(words), number=1, per_page=15)
    matching = [q["sql"] for q in queries.captured_queries if "search_document @@" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {matching[0]}")
        (plan,) = cursor.fetchone()
    return plan if isinstance(plan, list) else json.loads(plan)


def _nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.parametrize("frequency", list(WORDS))
def test_search_takes_its_matches_from_the_gin_index(forum, monkeypatch, frequency):
    # No newest ids searched first: every word is looked for in the whole table.
    monkeypatch.setattr(search, "NEWEST_WINDOW", 10**9)
    plan = _plan_of_the_matches_query(WORDS[frequency])
    scans = {(node["Node Type"], node.get("Index Name")) for node in _nodes(plan[0]["Plan"])}
    assert ("Bitmap Index Scan", READERS_INDEX) in scans, scans
    assert ("Index Scan", "posts_post_pkey") not in scans, scans  # the walk backwards


def _scans(words: str) -> set:
    plan = _plan_of_the_matches_query(words)
    return {(node["Node Type"], node.get("Index Name")) for node in _nodes(plan[0]["Plan"])}


def test_the_newest_ids_are_walked_for_a_common_word(forum):
    scans = _scans(WORDS["common"])
    assert ("Index Scan", "posts_post_pkey") in scans, scans
    assert not scans & GIN_SCANS, scans


def test_the_newest_ids_of_rare_words_come_from_the_gin_index(forum):
    # A name in about 1 % of the posts and a word in a sixth: walking until MAX_RANKED posts
    # hold both would test most of the window; the name's few entries among the newest ids
    # are read.
    scans = _scans("zhukov crossing")
    assert ("Bitmap Index Scan", READERS_INDEX) in scans, scans
    assert ("Index Scan", "posts_post_pkey") not in scans, scans


def _matching_statements(words: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        search_posts(AnonymousUser(), Query.parse(words), number=1, per_page=15)
    return [q["sql"] for q in queries.captured_queries if "search_document @@" in q["sql"]]


def test_words_too_rare_together_for_the_newest_ids_are_looked_for_in_the_whole_table(forum):
    # Two names, each in about 1 % of the posts: the newest ids hold a few posts with both,
    # never MAX_RANKED; searching them first only added a BitmapAnd with 60,000 ids.
    (statement,) = _matching_statements("zhukov nomonhan")
    assert '"posts_post"."id" >' not in statement, statement


def test_a_hyphenated_name_is_one_word_to_the_estimates(forum):
    # "bain-tsagan" is two terms always found together: as if independent, they would be
    # too rare together for the newest ids, and the whole table's ninety-odd hundred
    # matches would be read to keep 200.
    statement = _matching_statements("bain-tsagan")[0]
    assert '"posts_post"."id" >' in statement, statement


def test_search_runs_unprepared(monkeypatch):
    # Prepared, a statement may be planned once for any word (a generic plan).
    connection.ensure_connection()
    raw = connection.connection
    threshold = raw.prepare_threshold
    raw.prepare_threshold = 0  # prepare everything
    seen = []
    newest = search._PostgreSQL.newest

    def watched(*args):
        seen.append(raw.prepare_threshold)
        return newest(*args)

    monkeypatch.setattr(search._PostgreSQL, "newest", watched)
    try:
        search_posts(AnonymousUser(), Query.parse("nomonhan"), number=1, per_page=15)
        assert seen == [None]
        assert raw.prepare_threshold == 0
    finally:
        raw.prepare_threshold = threshold


def test_stale_statistics_send_a_word_become_common_to_the_walk(forum, monkeypatch):
    def hits(words):
        page = search_posts(AnonymousUser(), Query.parse(words), number=1, per_page=15)
        return [hit.post.pk for hit in page]

    expected = hits("zhukov crossing")
    # As if far more posts held the rarer word than the statistics say.
    monkeypatch.setattr(search, "RARE_CEILING", 1)
    with CaptureQueriesContext(connection) as queries:
        assert hits("zhukov crossing") == expected
    walk = [q["sql"] for q in queries.captured_queries if "ORDER BY 1 DESC" in q["sql"]]
    assert walk, [q["sql"] for q in queries.captured_queries]


def test_or_between_words_finds_either_word(forum):
    # websearch_to_tsquery reads "or" as OR: the rarer word's entries alone would miss the
    # posts holding only the other one.
    page = search_posts(AnonymousUser(), Query.parse("nomonhan or army"), number=1, per_page=15)
    documents = Post.objects.filter(pk__in=[hit.post.pk for hit in page])
    assert any("nomonhan" not in (post.title + post.body).lower() for post in documents)


def test_after_a_burst_of_posts_without_a_common_word_the_walk_goes_on(forum, monkeypatch):
    # The newest ids are all posts without the word (as if a burst came after the last
    # ANALYZE): its matches are looked for by walking on, not through its many index entries.
    monkeypatch.setattr(search, "NEWEST_WINDOW", 5_000)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO posts_post (id, {COLUMNS}) SELECT "
            "(SELECT max(id) FROM posts_post) + row_number() OVER (), kind, 'weather', "
            "body_html, revision, "
            "status, status_reason, spam_score, spam_reasons, moderated_at, is_chatter, score, "
            "created_at, edited_at, 'weather', answer_count, last_activity_at, closed_at, "
            "close_reason, locked_at, lock_reason, author_id FROM posts_post "
            "WHERE kind = 'question' LIMIT 5000"
        )
    with CaptureQueriesContext(connection) as queries:
        page = search_posts(AnonymousUser(), Query.parse(WORDS["common"]), number=1, per_page=15)
    assert len(page) == 15
    matching = [q["sql"] for q in queries.captured_queries if "search_document @@" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {matching[1]}")
        (plan,) = cursor.fetchone()
    plan = plan if isinstance(plan, list) else json.loads(plan)
    scans = {(node["Node Type"], node.get("Index Name")) for node in _nodes(plan[0]["Plan"])}
    assert ("Index Scan", "posts_post_pkey") in scans, scans
    assert not scans & GIN_SCANS, scans


def test_a_small_tag_reads_its_threads_without_their_comments(forum):
    # Its threads' questions and answers come from their own index, one range a thread;
    # neither the posts' thread index (comments included, two thirds of the rows) nor the
    # word's GIN entries (every match in the forum) are read.
    tag = Tag.objects.annotate(threads=Count("questions")).order_by("-threads").first()
    with CaptureQueriesContext(connection) as queries:
        search_posts(AnonymousUser(), Query.parse(f"army [{tag.name}]"), number=1, per_page=15)
    (statement,) = [
        q["sql"] for q in queries.captured_queries if "@@" in q["sql"] and "tag_id" in q["sql"]
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {statement}")
        (plan,) = cursor.fetchone()
    plan = plan if isinstance(plan, list) else json.loads(plan)
    indexes = {node.get("Index Name") for node in _nodes(plan[0]["Plan"])} - {None}
    assert "post_searchable_by_thread" in indexes, indexes
    assert not indexes & {"post_search", READERS_INDEX}, indexes
    assert not any(index.startswith("posts_post_thread_id") for index in indexes), indexes


def test_three_common_words_walk_the_newest_ids_whatever_the_planner_estimates(forum):
    # Taking the words as independent, the planner reckons them rarer together than they
    # are and would read every entry of each in the visible posts' index; the statistics
    # say the walk finds MAX_RANKED of them soon, so it walks with bitmap scans off.
    with CaptureQueriesContext(connection) as queries:
        search_posts(AnonymousUser(), Query.parse("railhead fuel water"), number=1, per_page=15)
    statements = [q["sql"] for q in queries.captured_queries]
    walk = next(i for i, sql in enumerate(statements) if "search_document @@" in sql)
    assert statements[walk - 1] == "SET LOCAL enable_bitmapscan = off", statements

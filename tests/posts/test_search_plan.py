"""Search reads the plans it was built for (PostgreSQL): a walk from the newest for a query
whose matches are common, the GIN index for one whose matches are rare, and never the plans
the planner likes better for them.

Asked for the newest few matches, PostgreSQL's planner walks an index of ids testing each
post until enough match: quick for a common word, tens of thousands of rows for a rare one.
For three ordinary words together it takes the GIN index instead, whose lists cost more than
the walk. Search samples the newest posts and chooses (forum/posts/search.py). These tests
read the plans of the statements it runs, on a generated forum with fresh statistics.
"""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.posts import search
from forum.posts.search import Query, search_posts
from forum.questions.generating import Plan, generate_forum

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the plan is PostgreSQL's (SQLite uses FTS5)"
    ),
    pytest.mark.django_db,
]

# Words of the generator's vocabulary (forum/questions/generating.py): names in about 3 % of
# the questions and answers, ordinary words in about 40 % each.
COMMON = {"common": "army", "two common words": "bridge crossing", "three": "railhead fuel water"}
RARE = {
    "a name": "nomonhan",
    "two names": "zhukov nomonhan",
    "a name and a word": "zhukov crossing",
}
# Plans that read far more than the matches: a walk of an index of ids (the primary key's,
# or the walk's own when the statement does not ask for it), a bitmap of every visible
# question and answer, a partial index read whole.
WRONG_FOR_THE_INDEX = {
    ("Index Scan", "posts_post_pkey"),
    ("Index Scan", "post_searchable"),
    ("Index Scan", "post_searchable_by_thread"),
    ("Bitmap Index Scan", "post_active"),
    ("Seq Scan", None),
}


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
        yield
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE posts_post, accounts_user, posts_tag, votes_vote RESTART IDENTITY CASCADE"
            )


def _plans(words: str) -> list[set]:
    """The (node type, index) pairs of the plan of each statement search runs to find the
    matches, in order."""
    with CaptureQueriesContext(connection) as queries:
        search_posts(AnonymousUser(), Query.parse(words), number=1, per_page=15)
    statements = [
        query["sql"] for query in queries.captured_queries if "search_document @@" in query["sql"]
    ]
    plans = []
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {statement}")
            (plan,) = cursor.fetchone()
            plan = plan if isinstance(plan, list) else json.loads(plan)
            plans.append({(n["Node Type"], n.get("Index Name")) for n in _nodes(plan[0]["Plan"])})
    return plans


def _nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.parametrize("words", list(COMMON.values()), ids=list(COMMON))
def test_common_matches_are_walked_for_from_the_newest(forum, words):
    plans = _plans(words)
    assert all(("Index Scan", "post_searchable") in plan for plan in plans), plans
    assert not any(("Bitmap Index Scan", "post_search") in plan for plan in plans), plans


@pytest.mark.parametrize("words", list(RARE.values()), ids=list(RARE))
def test_rare_matches_come_from_the_gin_index(forum, words):
    sample, *through_the_index = _plans(words)
    assert through_the_index, sample
    for plan in through_the_index:
        assert ("Bitmap Index Scan", "post_search") in plan, plan
        assert not plan & WRONG_FOR_THE_INDEX, plan


# Every kind of query but a single ordinary word, which is in one post in eight: reading
# them all costs about what reading the table does, and the planner may do either.
WHOLE_TABLE = {**RARE, **{name: words for name, words in COMMON.items() if " " in words}}


@pytest.mark.parametrize("words", list(WHOLE_TABLE.values()), ids=list(WHOLE_TABLE))
def test_the_whole_table_is_searched_through_the_gin_index(forum, monkeypatch, words):
    # Nothing walked and no window: even common words through the whole table.
    monkeypatch.setattr(search, "WALK_ROWS", search.WALK_SAMPLE)
    monkeypatch.setattr(search, "NEWEST_WINDOW", 10**9)
    *_, whole_table = _plans(words)
    assert ("Bitmap Index Scan", "post_search") in whole_table, whole_table
    assert not whole_table & WRONG_FOR_THE_INDEX, whole_table

"""Querysets compiled once, run with new values (forum/core/prepared.py)."""

import pytest
from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from forum.core.prepared import Prepared
from forum.posts.models import Post
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


def test_rows_are_what_the_queryset_returns_for_each_runs_values(question):
    answers = [make_answer(question, score=score) for score in (2, 1)]

    def build(shape, thread_id, min_score):
        return Post.objects.filter(thread=thread_id, score__gte=min_score).select_related("author")

    prepared = Prepared(Post, build)
    for min_score in (2, 1, 3):
        rows = prepared.run(("answers",), question.pk, min_score)
        expected = list(build(None, question.pk, min_score))
        assert [(p.pk, p.author.username) for p in rows] == [
            (p.pk, p.author.username) for p in expected
        ]
    assert {p.pk for p in prepared.run(("answers",), question.pk, 1)} == {a.pk for a in answers}


def test_a_raw_sql_columns_parameters_are_each_runs_own_values(question):
    """Values need not be integers: a raw SQL column's text or time is passed as it is."""

    def build(shape, post_id, word):
        echoed = RawSQL("SELECT %s", [word], output_field=TextField())
        return Post.objects.filter(pk=post_id).annotate(echoed=echoed).values_list("echoed")

    prepared = Prepared(Post, build)
    assert [prepared.run(("echo",), question.pk, word) for word in ("river", "bridge")] == [
        [("river",)],
        [("bridge",)],
    ]


def test_values_list_rows_come_in_the_fields_order(question):
    def build(shape, post_id):
        return Post.objects.filter(pk=post_id).values_list("score", "pk")

    assert Prepared(Post, build).run((), question.pk) == [(question.score, question.pk)]


def test_a_shape_is_compiled_once(question):
    built = []

    def build(shape, post_id):
        built.append(shape)
        return Post.objects.filter(pk=post_id)

    prepared = Prepared(Post, build)
    for _ in range(3):
        prepared.run(("one",), question.pk)
    assert built == [("one",)]


def test_a_value_the_query_does_not_pass_as_a_parameter_is_refused(question):
    # A value that changes the SQL's text (or that the query ignores) belongs in the shape:
    # run with it as a value, every later run would silently get the first one's query.
    prepared = Prepared(Post, lambda shape, score: Post.objects.filter(score__gte=0))
    with pytest.raises(ValueError, match="not parameters"):
        prepared.run((), 5)


def test_a_value_no_column_can_hold_matches_nothing(question, django_assert_num_queries):
    prepared = Prepared(Post, lambda shape, post_id: Post.objects.filter(pk=post_id))
    with django_assert_num_queries(0):
        assert prepared.run((), 10**23) == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="server-side prepared statements are PostgreSQL's"
)
def test_postgresql_plans_a_thread_page_query_once_per_connection(question, member_client):
    # Planning the thread page's query cost PostgreSQL 2–3 ms where running it cost 0.5: a
    # statement a connection has run five times is prepared, and later runs skip planning.
    # (A member's page: a reader's would come from the page cache after the first.)
    for _ in range(6):
        assert member_client.get(question.get_absolute_url()).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "posts_post"' in statement for statement in prepared)

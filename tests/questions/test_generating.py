"""The synthetic forum behind the benchmark."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from forum.core.markdown import render_markdown
from forum.posts.models import Post, Status
from forum.questions.generating import Plan, generate_forum

pytestmark = pytest.mark.django_db

SMALL = {"posts": 300, "big_thread_answers": 20, "big_thread_comments": 30}


def _snapshot():
    return list(
        Post.objects.order_by("pk").values_list(
            "pk", "kind", "title", "body", "status", "score", "answer_count", "accepted_answer"
        )
    )


class _Undo(Exception):
    pass


def _generate_and_undo(seed: int) -> list:
    try:
        with transaction.atomic():
            generate_forum(Plan(seed=seed, **SMALL), batch_questions=10)
            rows = _snapshot()
            raise _Undo
    except _Undo:
        return rows


def test_the_same_seed_gives_the_same_forum(db):
    first, second, other = _generate_and_undo(7), _generate_and_undo(7), _generate_and_undo(8)
    assert first == second
    assert first != other


def test_generated_html_is_what_the_markdown_renderer_makes(db):
    generate_forum(Plan(seed=3, **SMALL), batch_questions=10)
    for post in Post.objects.order_by("pk")[:50]:
        assert post.body_html == render_markdown(post.body)


def test_generated_counters_match_the_rows(db):
    generate_forum(Plan(seed=5, **SMALL), batch_questions=10)
    for question in Post.objects.questions():
        visible = Post.objects.answers().filter(thread=question, status=Status.VISIBLE).count()
        assert question.answer_count == visible
        assert question.score == sum(question.votes.values_list("value", flat=True))


def test_the_command_refuses_a_database_that_has_posts(question):
    with pytest.raises(CommandError, match="already has posts"):
        call_command("generate_forum", "--posts", "10")

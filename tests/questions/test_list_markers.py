"""Closed and duplicate questions say so in every question list, at no extra query."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.posts.models import Post, Tag
from tests.factories import make_question, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(db):
    tag = Tag.objects.create(name="battles")
    open_question = make_question(title="Which river did the front follow?")
    closed = make_question(title="What is the best tank ever made?")
    original = make_question(title="Why did the Soviets win at Khalkhin Gol?")
    duplicate = make_question(title="How did the Soviets win at Khalkhin Gol?")
    Post.objects.filter(pk=closed.pk).update(closed_at=timezone.now(), close_reason="Opinion")
    Post.objects.filter(pk=duplicate.pk).update(
        closed_at=timezone.now(), close_reason="Duplicate", duplicate_of=original
    )
    for question in (open_question, closed, original, duplicate):
        question.tags.add(tag)
    return open_question, closed, original, duplicate


def _title_line(page: str, title: str) -> str:
    return next(line for line in page.splitlines() if title in line)


@pytest.mark.parametrize("url", [reverse("questions:list"), "/tags/battles/"])
def test_closed_and_duplicate_questions_are_marked_in_lists(client, questions, url):
    open_question, closed, original, duplicate = questions
    page = client.get(url).text
    assert "[closed]" in _title_line(page, closed.title)
    assert "[duplicate]" in _title_line(page, duplicate.title)
    assert "[closed]" not in _title_line(page, duplicate.title)
    for question in (open_question, original):
        line = _title_line(page, question.title)
        assert "[closed]" not in line and "[duplicate]" not in line


def test_the_markers_cost_no_query(client, questions, django_assert_num_queries):
    author = make_user()
    for _ in range(5):
        make_question(author=author)
    # ids, their rows, tags: as many as a list without closed questions
    with django_assert_num_queries(3):
        assert "[duplicate]" in client.get(reverse("questions:list")).text

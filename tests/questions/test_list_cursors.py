"""Deep list pages are reached by cursor: following Next (and Previous) links visits every
question once, in order, and a bad cursor never breaks the page."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from forum.core.pagination import NUMBERED_PAGES
from forum.posts.models import Tag
from tests.factories import make_question, make_user

TITLE = re.compile(r"Cursor question (\d+)")
LINK = re.compile(r'href="([^"]*)">(Next|Previous)<')


@pytest.fixture
def questions(db, settings):
    settings.FORUM_QUESTIONS_PER_PAGE = 2
    author, tag, now = make_user(), Tag.objects.create(name="cursors"), timezone.now()
    made = []
    for n in range(2 * NUMBERED_PAGES + 7):
        # Ties in every sort key, so only the id tells some rows apart.
        at = now - timedelta(minutes=n // 3)
        question = make_question(
            author=author,
            title=f"Cursor question {n:03d} about tanks",
            created_at=at,
            last_activity_at=at,
            score=n % 4,
        )
        question.tags.add(tag)
        made.append(question)
    return made


def _links(text: str) -> dict[str, str]:
    return {label: html.unescape(href) for href, label in LINK.findall(text)}


def _walk(client, url: str, direction: str) -> tuple[list[list[str]], str]:
    pages = []
    while True:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(TITLE.findall(response.text))
        links = _links(response.text)
        if direction not in links:
            return pages, url
        url = url.split("?")[0] + links[direction]


@pytest.mark.parametrize("sort", ["active", "newest", "votes", "unanswered"])
def test_next_links_visit_every_question_once_in_order_and_previous_links_come_back(
    client, questions, sort
):
    forward, last = _walk(client, f"/?sort={sort}", "Next")
    seen = [title for page in forward for title in page]
    assert sorted(seen) == sorted(f"{n:03d}" for n in range(len(questions)))
    assert len(forward) > NUMBERED_PAGES + 2
    assert "after=" in last  # the deep pages were reached by cursor
    backward, first = _walk(client, last, "Previous")
    assert backward[::-1] == forward
    assert "before=" not in first and "after=" not in first


def test_tag_pages_follow_cursors_too(client, questions):
    forward, last = _walk(client, "/tags/cursors/", "Next")
    assert [title for page in forward for title in page] == [
        f"{n:03d}" for n in reversed(range(len(questions)))
    ]
    assert "after=" in last
    backward, _ = _walk(client, last, "Previous")
    assert backward[::-1] == forward


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "1.2.3.4.5",
        "99999999999999999999.1",
        "-99999999999999999999.1",
        "1.99999999999999999999",
        "1.9223372036854775808",
        "1",
        "",
        "1.-",
    ],
)
def test_a_malformed_or_foreign_cursor_gives_a_page_not_an_error(client, questions, cursor):
    for key in ("after", "before"):
        response = client.get("/", {"sort": "active", key: cursor, "page": "12"})
        assert response.status_code == 200
        assert TITLE.search(response.text)

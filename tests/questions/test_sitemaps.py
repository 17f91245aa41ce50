"""/sitemap.xml: an index of pages listing every question an anonymous reader may read."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from forum.moderation.decisions import hide_post
from forum.posts.models import Status
from forum.questions.sitemaps import QuestionSitemap
from tests.factories import make_answer, make_moderator, make_question

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _locs(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//s:loc", NS)]


def listed(client) -> list[str]:
    """Every address the sitemap gives, through its index, as a crawler follows it."""
    found = []
    for page in _locs(client, "/sitemap.xml"):
        found += _locs(client, page.removeprefix("http://testserver"))
    return [url.removeprefix("http://testserver") for url in found]


def test_the_sitemap_lists_visible_questions_only(client, db):
    visible = make_question(title="A visible question about the river")
    make_answer(visible)
    hidden = [make_question(status=status) for status in (Status.HELD, Status.SPAM, Status.HIDDEN)]
    addresses = listed(client)
    assert addresses == [visible.get_absolute_url()]
    assert not {question.get_absolute_url() for question in hidden} & set(addresses)


def test_the_sitemap_is_split_into_pages_past_its_limit(client, db, monkeypatch):
    monkeypatch.setattr(QuestionSitemap, "limit", 2)
    questions = [make_question() for _ in range(5)]
    index = _locs(client, "/sitemap.xml")
    first = "http://testserver/sitemap-questions.xml"
    assert index == [first, f"{first}?p=2", f"{first}?p=3"]
    assert listed(client) == [question.get_absolute_url() for question in questions]


@pytest.mark.parametrize("query", ["?p=9", "?p=0", "?p=x", "?p=99999999999999999999"])
def test_a_sitemap_page_past_the_end_or_malformed_is_a_404(client, db, query):
    make_question()
    assert client.get(f"/sitemap-questions.xml{query}").status_code == 404


def test_an_unknown_sitemap_section_is_a_404(client, db):
    assert client.get("/sitemap-members.xml").status_code == 404


def test_sitemap_entries_say_when_the_thread_last_changed(client, db):
    question = make_question()
    text = client.get("/sitemap-questions.xml").text
    assert f"<lastmod>{question.last_activity_at.date().isoformat()}" in text


@pytest.mark.django_db(transaction=True)
def test_a_question_a_moderator_hides_leaves_the_cached_sitemap_at_once():
    question, other = make_question(), make_question()
    reader = Client()
    assert listed(reader) == [question.get_absolute_url(), other.get_absolute_url()]
    assert reader.get("/sitemap-questions.xml")["X-Page-Cache"] == "hit"
    hide_post(moderator=make_moderator("hider"), post=question, reason="Off-topic")
    assert listed(reader) == [other.get_absolute_url()]

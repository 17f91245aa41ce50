"""The Jinja2 engine (forum/core/jinja.py) and the DTL tags that reach it
(forum/core/templatetags/jinja.py): the layout's one source serves DTL pages too."""

import pytest
from django.template import engines

pytestmark = pytest.mark.django_db

JINJA = engines["jinja2"]
DTL = engines["django"]


def test_jinja_escapes_what_it_prints():
    assert JINJA.from_string("{{ v }}").render({"v": "<b>"}) == "&lt;b&gt;"


def test_a_missing_variable_prints_nothing_as_in_dtl():
    assert JINJA.from_string("[{{ nothing.deeper }}]").render({}) == "[]"


def test_the_views_context_wins_over_the_context_processors(rf, member):
    request = rf.get("/")
    request.user = member
    page = JINJA.from_string("{{ unread_notifications }}")
    assert page.render({"unread_notifications": 7}, request) == "7"


def test_the_csrf_field_carries_the_token_of_the_context():
    page = JINJA.from_string("{{ csrf_input() }}")
    field = '<input type="hidden" name="csrfmiddlewaretoken" value="abc">'
    assert page.render({"csrf_token": "abc"}) == field


def test_a_dtl_page_fills_the_jinja_layouts_blocks(rf):
    page = DTL.from_string(
        '{% extends "base.html" %}{% block title %}Hello{% endblock %}'
        "{% block content %}<p>{{ body }}</p>{% endblock %}"
    )
    html = page.render({"body": "<i>"}, rf.get("/x"))
    assert "<title>Hello · Forum</title>" in html
    assert "<p>&lt;i&gt;</p>\n</main>" in html
    assert '<link rel="canonical" href="http://testserver/x">' in html


def test_a_dtl_page_without_a_request_gets_the_layout_without_a_canonical_link():
    html = DTL.from_string('{% extends "base.html" %}').render({})
    assert "<title>Forum · Forum</title>" in html and "canonical" not in html


def test_jinja_include_gives_the_partial_the_pages_context_and_its_own_values():
    page = DTL.from_string(
        '{% load jinja %}{% jinja_include "questions/_feed_note.html" with about=topic %}'
    )
    html = page.render({"atom_url": "/a", "rss_url": "/r", "topic": "new <answers>"})
    assert "Follow new &lt;answers&gt; in a feed reader" in html
    assert 'href="/a"' in html and 'href="/r"' in html


def test_querystring_changes_the_requests_query_as_dtls_tag_does(rf):
    page = JINJA.from_string("{{ querystring(page=3, after=None, before=missing.cursor) }}")
    html = page.render({"request": rf.get("/?page=2&after=x&sort=new")})
    assert html == "?page=3&amp;sort=new&amp;before="

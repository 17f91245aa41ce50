"""Each kind of post says what it is and does in forum/posts/kinds.py, and every kind has
its rules and its pages: adding a `Kind` without them fails here."""

import re

import pytest
from django.conf import settings
from django.db.models import Q
from django.urls import resolve

from forum.posts.kinds import RULES, Kind, kinds_where, where
from forum.posts.search import Query, search_posts
from tests.factories import make_answer, make_comment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_has_its_rules(kind):
    assert kind in RULES, f"add KindRules for {kind!r} to forum/posts/kinds.py"
    assert RULES[kind].kind == kind and Kind.rules(kind) is RULES[kind]


@pytest.mark.parametrize("kind", Kind.values)
def test_every_kind_has_an_edit_page_registered_by_its_app(kind):
    url = RULES[kind].edit_url(12)
    assert resolve(url).kwargs == {"post_id": 12}


@pytest.mark.parametrize("kind", Kind.values)
def test_a_votable_kind_earns_its_author_a_known_reputation_event(kind):
    rules = RULES[kind]
    if rules.votable:
        assert rules.upvote_event in settings.FORUM_REPUTATION
    else:
        assert rules.upvote_event == ""


def test_one_kind_is_filtered_with_equality_as_the_constraints_were_written():
    assert where(kind=Kind.ANSWER) == Q(kind=Kind.ANSWER)
    assert where(starts_thread=True) == Q(kind=Kind.QUESTION)
    assert kinds_where(starts_thread=True) == [Kind.QUESTION]


def test_replies_live_at_their_anchor_on_the_thread_page(client, question):
    answer = make_answer(question)
    comment = make_comment(answer)
    page = client.get(question.get_absolute_url()).text
    for post in (question, answer, comment):
        anchor = f"{post.kind}-{post.pk}"
        assert post.anchor == anchor
        assert re.search(rf'id="{anchor}"', page), f"no element {anchor} on the thread page"
    assert answer.get_absolute_url() == f"{question.get_absolute_url()}#answer-{answer.pk}"


def test_each_kinds_edit_link_on_the_thread_page_opens_its_edit_page(client, question):
    answer = make_answer(question, author=question.author)
    comment = make_comment(question, author=question.author)
    client.force_login(question.author)
    page = client.get(question.get_absolute_url()).text
    for post, app in ((question, "questions"), (answer, "answers"), (comment, "comments")):
        url = post.get_edit_url()
        assert f'href="{url}"' in page
        assert resolve(url).view_name == f"{app}:edit"
        assert client.get(url).status_code == 200


def test_only_searchable_kinds_are_found(question):
    answer = make_answer(question, body="The Khalkhyn river crossing decided it.")
    make_comment(question, body="Khalkhyn is spelt with a y.")
    hits = search_posts(question.author, Query.parse("khalkhyn"), number=1, per_page=10)
    assert [hit.post.pk for hit in hits] == [answer.pk]

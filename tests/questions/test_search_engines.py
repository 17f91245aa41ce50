"""What pages tell search engines and feed readers: canonical addresses, feeds, and replies
that must not be quoted in results."""

import re

import pytest
from django.urls import reverse

from forum.posts.models import Status
from tests.factories import make_answer, make_comment

pytestmark = pytest.mark.django_db


def canonical(text: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)">', text)


def alternates(text: str) -> dict[str, str]:
    """The feeds the page's <head> offers: type → address."""
    head = text.split("</head>")[0]
    found = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">', head)
    return dict(found)


def test_a_thread_page_is_canonical_at_its_question_without_query_strings(client, question):
    answer = make_answer(question)
    for url in (
        question.get_absolute_url(),
        f"{question.get_absolute_url()}?page=1&comments={answer.pk}",
        reverse("questions:detail_short", args=[question.pk]) + "?page=1",
    ):
        response = client.get(url, follow=True)
        expected = f"http://testserver{question.get_absolute_url()}"
        assert canonical(response.text) == [expected], url


def test_a_list_page_is_canonical_without_its_sort_but_with_its_page_number(client, question):
    assert canonical(client.get("/?sort=votes").text) == ["http://testserver/"]
    assert canonical(client.get("/?sort=votes&page=2").text) == ["http://testserver/?page=2"]


@pytest.mark.parametrize(
    ("page", "feeds"),
    [
        ("questions:list", ("questions:feed_atom", "questions:feed_rss")),
        ("questions:tag", ("questions:tag_atom", "questions:tag_rss")),
        ("questions:detail", ("questions:thread_atom", "questions:thread_rss")),
    ],
)
def test_pages_offer_the_feeds_that_mirror_them_in_the_head_and_as_links(
    client, question, page, feeds
):
    question.tags.create(name="tanks")
    args = {
        "questions:list": [],
        "questions:tag": ["tanks"],
        "questions:detail": [question.pk, question.get_absolute_url().split("/")[-2]],
    }
    feed_args = {
        "questions:list": [],
        "questions:tag": ["tanks"],
        "questions:detail": [question.pk],
    }
    text = client.get(reverse(page, args=args[page])).text
    atom, rss = (reverse(name, args=feed_args[page]) for name in feeds)
    assert alternates(text) == {"application/atom+xml": atom, "application/rss+xml": rss}
    body = text.split("<body>")[1]
    assert f'href="{atom}"' in body and f'href="{rss}"' in body
    assert client.get(atom).status_code == client.get(rss).status_code == 200


def test_a_question_only_its_author_sees_is_not_for_indexing(member_client, member, question):
    visible = member_client.get(question.get_absolute_url()).text
    assert '<meta name="robots" content="noindex">' not in visible
    question.author = member
    question.status = Status.HELD
    question.save()
    held = member_client.get(question.get_absolute_url()).text
    assert '<meta name="robots" content="noindex">' in held


def test_held_replies_shown_to_their_author_are_kept_out_of_snippets(
    member_client, member, question
):
    answer = make_answer(question, author=member, status=Status.HELD, body="My held answer.")
    comment = make_comment(question, author=member, status=Status.HELD, body="My held remark.")
    shown = make_answer(question, body="A published answer.")
    text = member_client.get(question.get_absolute_url()).text
    assert re.search(rf'id="{answer.anchor}" data-nosnippet>', text)
    assert re.search(rf'id="{comment.anchor}" data-nosnippet>', text)
    assert re.search(rf'id="{shown.anchor}">', text)


def test_folded_thanks_are_kept_out_of_snippets(client, question):
    answer = make_answer(question, body="Thanks!", is_chatter=True)
    make_comment(question, body="+1", is_chatter=True)
    text = client.get(question.get_absolute_url()).text
    folded = re.findall(r"<details class=\"chatter[^\"]*\"( data-nosnippet)?>", text)
    assert folded == [" data-nosnippet", " data-nosnippet"]
    assert answer.body_html in text

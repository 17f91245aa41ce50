"""A post's links and images go live only when its author has earned them."""

import pytest

from forum.answers.services import post_answer
from tests.factories import ANSWER_BODY, make_established_member, make_user

pytestmark = pytest.mark.django_db

LINKED = ANSWER_BODY + " See [the battle](https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol)."


def test_a_new_accounts_links_are_published_as_text(question):
    answer = post_answer(author=make_user(), parent=question, body=LINKED)
    assert "<a " not in answer.body_html
    assert "https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol" in answer.body_html


def test_an_established_members_links_are_live(question):
    answer = post_answer(author=make_established_member(), parent=question, body=LINKED)
    assert 'href="https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol"' in answer.body_html


def test_a_new_account_preview_shows_links_as_text(member_client, question):
    from django.urls import reverse

    response = member_client.post(
        reverse("answers:create", args=[question.pk]), {"body": LINKED, "preview": "1"}
    )
    assert 'href="https://en.wikipedia.org' not in response.text

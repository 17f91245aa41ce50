"""After writing, an author is told the truth about what became of the post."""

import html
import re

import pytest
from django.urls import reverse

from tests.factories import ANSWER_BODY, make_answer

pytestmark = pytest.mark.django_db

MESSAGE = re.compile(r'<div class="alert alert-\w+" role="status">(.*?)</div>', re.S)
SPAM = "Message me privately on Telegram, I will explain everything there. Call +1 555 123 4567"


def _messages(response) -> str:
    # The layout's alerts (the thread page, a Jinja2 template, leaves no response.context).
    return " ".join(html.unescape(text) for text in MESSAGE.findall(response.text))


def test_a_published_answer_is_announced(member_client, question):
    response = member_client.post(
        reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY}, follow=True
    )
    assert "Your answer is posted." in _messages(response)


def test_a_comment_hidden_as_spam_is_told_so_and_lands_on_its_own_anchor(member_client, question):
    response = member_client.post(
        reverse("comments:create", args=[question.pk]), {"body": SPAM}, follow=True
    )
    assert "hidden as spam" in _messages(response)
    anchor = response.redirect_chain[-1][0].rsplit("#", 1)[1]
    assert f'id="{anchor}"' in response.text


def test_an_edit_that_gets_a_post_held_says_so(member_client, member, question):
    answer = make_answer(question, author=member)
    response = member_client.post(
        reverse("answers:edit", args=[answer.pk]), {"body": "thanks!!"}, follow=True
    )
    assert "waits for a moderator's review" in _messages(response)
    assert "thanks!!" in response.text  # still shown to its author, marked

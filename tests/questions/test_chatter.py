"""Harmless chatter (thanks, +1) is folded under its post for readers, without JavaScript."""

import pytest

from forum.comments.services import post_comment
from forum.moderation.decisions import approve_post
from tests.factories import make_answer

pytestmark = pytest.mark.django_db


def test_approved_thanks_are_folded_into_one_line_readers_can_open(
    client, member, moderator, question
):
    answer = make_answer(question)
    for text in ("thanks!!", "+1 great answer"):
        approve_post(
            moderator=moderator, post=post_comment(author=member, parent=answer, body=text)
        )
    substantive = post_comment(
        author=member, parent=answer, body="Which brigades crossed the river first?"
    )
    page = client.get(question.get_absolute_url()).text
    folded = page[
        page.index('<details class="chatter') : page.index(
            "</details>", page.index('<details class="chatter')
        )
    ]
    assert "2 short replies" in folded
    assert "thanks!!" in folded
    assert substantive.body not in folded
    assert substantive.body in page


def test_a_thread_without_chatter_shows_no_fold(client, member, question):
    post_comment(author=member, parent=question, body="Which brigades crossed the river first?")
    assert '<details class="chatter' not in client.get(question.get_absolute_url()).text

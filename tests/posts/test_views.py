import pytest
from django.urls import reverse

from forum.moderation.intake import revise_post
from forum.posts.models import Status
from tests.factories import ANSWER_BODY, make_answer

pytestmark = pytest.mark.django_db


def test_revisions_page_shows_every_earlier_version(client, member, question):
    answer = make_answer(question, author=member)
    revise_post(editor=member, post=answer, body=ANSWER_BODY + " Second version.")
    text = client.get(reverse("posts:revisions", args=[answer.pk])).text
    assert "Version 1" in text
    assert "Second version." in text


def test_revisions_of_a_hidden_post_are_404_like_a_missing_one(client, question):
    hidden = make_answer(question, status=Status.HIDDEN)
    assert client.get(reverse("posts:revisions", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("posts:revisions", args=[987654])).status_code == 404

"""A posting form sent twice (double click, back button) saves once and says so."""

import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from forum.accounts.models import User
from forum.core import resubmit
from forum.moderation import watching
from forum.posts.models import Kind, Post, Revision
from tests.factories import ANSWER_BODY, make_answer, make_established_member, make_moderator

pytestmark = pytest.mark.django_db

QUESTION = {
    "title": "Why did the Japanese tanks stay behind the river?",
    "body": "The Japanese tank regiments were withdrawn before the Soviet offensive. Why?",
    "tags": "battles",
}


def _token(html: str, action: str) -> str:
    """The resubmit token of the form posting to `action` on a page."""
    form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S)
    html = form.group(1) if form else html
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def writer(client):
    member = make_established_member()
    client.force_login(member)
    return member


def test_an_answer_sent_twice_is_posted_once(client, writer, question):
    url = reverse("answers:create", args=[question.pk])
    data = {
        "body": ANSWER_BODY,
        "form_token": _token(client.get(question.get_absolute_url()).text, url),
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    answer = Post.objects.get(kind=Kind.ANSWER, author=writer)
    assert first.url == answer.get_absolute_url()
    assert second.redirect_chain[0][0] == answer.get_absolute_url()
    assert "This was already posted" in second.text


def test_comments_under_two_posts_from_one_page_load_are_both_posted(client, writer, question):
    # The page's comment forms share one token; each posts to its own address.
    answer = make_answer(question)
    page = client.get(question.get_absolute_url()).text
    for post in (question, answer):
        url = reverse("comments:create", args=[post.pk])
        data = {"body": "Which brigades crossed the river first?", "form_token": _token(page, url)}
        client.post(url, data)
    comments = Post.objects.filter(kind=Kind.COMMENT, author=writer)
    assert sorted(comments.values_list("parent_id", flat=True)) == sorted([question.pk, answer.pk])


def test_a_comment_sent_twice_is_posted_once(client, writer, question):
    url = reverse("comments:create", args=[question.pk])
    data = {
        "body": "Which brigades crossed the river first?",
        "form_token": _token(client.get(question.get_absolute_url()).text, url),
    }
    client.post(url, data)
    assert "This was already posted" in client.post(url, data, follow=True).text
    assert Post.objects.filter(kind=Kind.COMMENT, author=writer).count() == 1


def test_a_question_sent_twice_is_asked_once(client, writer):
    url = reverse("questions:ask")
    data = {**QUESTION, "form_token": _token(client.get(url).text, url)}
    client.post(url, data)
    assert "This was already posted" in client.post(url, data, follow=True).text
    assert Post.objects.filter(kind=Kind.QUESTION, author=writer).count() == 1


def test_an_edit_sent_twice_makes_one_revision(client, writer, question):
    answer = make_answer(question, author=writer)
    url = reverse("answers:edit", args=[answer.pk])
    data = {"body": ANSWER_BODY + " Edited.", "form_token": _token(client.get(url).text, url)}
    client.post(url, data)
    assert "already saved" in client.post(url, data, follow=True).text
    assert Revision.objects.filter(post=answer).count() == 1


def test_the_same_form_sent_back_with_other_text_keeps_it_and_saves_nothing(
    client, writer, question
):
    url = reverse("answers:create", args=[question.pk])
    token = _token(client.get(question.get_absolute_url()).text, url)
    client.post(url, {"body": ANSWER_BODY, "form_token": token})
    response = client.post(url, {"body": ANSWER_BODY + " A second thought.", "form_token": token})
    assert response.status_code == 409
    assert "A second thought." in response.text
    assert "already sent once" in response.text
    assert Post.objects.filter(kind=Kind.ANSWER, author=writer).count() == 1
    # The page sent back carries a new token: sending it again posts the new text.
    client.post(
        url, {"body": ANSWER_BODY + " A second thought.", "form_token": _token(response.text, url)}
    )
    assert Post.objects.filter(kind=Kind.ANSWER, author=writer).count() == 2


def test_a_refused_sending_can_be_sent_again_with_the_same_token(client, writer, question):
    watched = watching.watch_pattern(
        moderator=make_moderator(), kind="word", pattern="brigades", action="block"
    )
    url = reverse("answers:create", args=[question.pk])
    data = {
        "body": ANSWER_BODY,
        "form_token": _token(client.get(question.get_absolute_url()).text, url),
    }
    assert client.post(url, data).status_code == 400
    watching.unwatch_pattern(moderator=make_moderator(), watched=watched)
    assert client.post(url, data).status_code == 302
    assert Post.objects.filter(kind=Kind.ANSWER, author=writer).count() == 1


def test_a_sending_while_the_first_is_still_saving_keeps_the_text(
    client, writer, question, monkeypatch
):
    monkeypatch.setattr(resubmit, "WAIT_SECONDS", 0.1)
    url = reverse("answers:create", args=[question.pk])
    data = {
        "body": ANSWER_BODY,
        "form_token": _token(client.get(question.get_absolute_url()).text, url),
    }
    request = RequestFactory().post(url, data)
    request.user = writer
    cache.add(resubmit._key(request), "pending")  # the first click, still saving
    response = client.post(url, data)
    assert response.status_code == 409
    assert "already being sent" in response.text and "double envelopment" in response.text
    assert not Post.objects.filter(kind=Kind.ANSWER).exists()


def test_a_damaged_token_still_posts(client, writer, question):
    url = reverse("answers:create", args=[question.pk])
    assert client.post(url, {"body": ANSWER_BODY, "form_token": "forged:token"}).status_code == 302
    assert Post.objects.filter(kind=Kind.ANSWER, author=writer).exists()


def test_a_form_sent_again_is_answered_even_at_the_rate_limit(settings, client, writer, question):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "answer": {"user": "1/h"}}
    url = reverse("answers:create", args=[question.pk])
    data = {
        "body": ANSWER_BODY,
        "form_token": _token(client.get(question.get_absolute_url()).text, url),
    }
    client.post(url, data)
    again = client.post(url, data)
    assert again.status_code == 302 and again.url.endswith(
        f"#answer-{Post.objects.get(kind=Kind.ANSWER).pk}"
    )
    assert client.post(url, {"body": ANSWER_BODY + " More."}).status_code == 429


def test_every_rendering_gets_its_own_token_and_readers_pages_have_none(client, writer, question):
    url = reverse("answers:create", args=[question.pk])
    first = _token(client.get(question.get_absolute_url()).text, url)
    assert first != _token(client.get(question.get_absolute_url()).text, url)
    client.logout()
    for _ in range(2):  # the second is the cached page
        assert "form_token" not in client.get(question.get_absolute_url()).text


def test_a_sign_up_sent_twice_makes_one_account(client, settings):
    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    page = client.get(reverse("accounts:signup")).text
    data = {
        "username": "newcomer",
        "email": "new@example.org",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
        "started": re.search(r'name="started" value="([^"]+)"', page).group(1),
        "form_token": _token(page, ""),
    }
    url = reverse("accounts:signup")
    client.post(url, data)
    client.logout()  # the first answer's cookie never reached the browser
    second = client.post(url, data, follow=True)
    assert "already created" in second.text
    assert User.objects.filter(username="newcomer").count() == 1

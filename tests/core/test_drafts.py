"""A member logged out while typing gets a page that says so and keeps the text, and finds it
back in a form after logging in again."""

import re

import pytest
from django.urls import reverse

from forum.posts.models import Kind, Post
from tests.factories import ANSWER_BODY, make_answer, make_user

pytestmark = pytest.mark.django_db

HOSTILE = "My answer <script>alert(1)</script> & more about the river"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def writer(client):
    member = make_user("writer")
    client.force_login(member)
    return member


def _forms(question, writer):
    answer = make_answer(question, author=writer)
    return {
        "answer": (reverse("answers:create", args=[question.pk]), {"body": HOSTILE}),
        "comment": (reverse("comments:create", args=[question.pk]), {"body": HOSTILE}),
        "ask": (
            reverse("questions:ask"),
            {"title": "Why the river crossing?", "body": HOSTILE, "tags": "battles"},
        ),
        "edit": (reverse("answers:edit", args=[answer.pk]), {"body": HOSTILE}),
    }


@pytest.mark.parametrize("form", ["answer", "comment", "ask", "edit"])
def test_a_member_logged_out_mid_form_is_told_and_keeps_the_text(client, writer, question, form):
    url, data = _forms(question, writer)[form]
    before = Post.objects.count()
    client.logout()
    response = client.post(url, data)
    assert response.status_code == 403
    assert "You were logged out" in response.text
    assert "Log in again to post" in response.text
    # Shown escaped, in a read-only box, never as markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in response.text
    assert "<script>alert(1)" not in response.text
    assert re.search(r"<textarea[^>]*readonly>My answer &lt;script&gt;", response.text)
    assert Post.objects.count() == before


def test_logging_in_again_brings_the_text_back_in_a_form_that_posts_it(client, writer, question):
    url = reverse("answers:create", args=[question.pk])
    client.logout()
    page = client.post(url, {"body": ANSWER_BODY}).text
    login = re.search(r'href="(/accounts/login/\?next=[^"]+)">Log in again to post', page).group(1)
    next_url = client.post(
        login.replace("&amp;", "&"), {"username": "writer", "password": PASSWORD}
    )
    resumed = client.get(next_url.url)
    assert resumed.status_code == 200
    assert f'action="{url}"' in resumed.text
    assert "double envelopment that the Japanese infantry" in resumed.text
    body = re.search(r'name="body"[^>]*>(.*?)</textarea>', resumed.text, re.S).group(1)
    token = re.search(r'name="form_token" value="([^"]+)"', resumed.text).group(1)
    assert client.post(url, {"body": body, "form_token": token}).status_code == 302
    assert Post.objects.get(kind=Kind.ANSWER, author=writer).body == ANSWER_BODY


def test_a_logged_out_post_without_text_goes_to_log_in(client, question):
    response = client.post(reverse("answers:create", args=[question.pk]), {})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_draft_is_kept_only_for_the_browser_that_wrote_it(client, question):
    client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    draft_id = next(iter(client.session["forum.drafts"]))
    other = client.__class__()
    other.force_login(make_user())
    response = other.get(reverse("core:resume_draft", args=[draft_id]))
    assert response.status_code == 404
    assert ANSWER_BODY not in response.text

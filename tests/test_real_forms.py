"""Every form a page shows can be sent by a real browser: no form inside another, a CSRF
token in each POST form, its submit button inside it, and no disabled field the server needs
(browsers leave those out, the test client does not)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_answer, make_comment, make_established_member, make_moderator
from tests.html_forms import form_problems, post_forms

pytestmark = pytest.mark.django_db


def test_the_checker_finds_what_a_browser_would_not_send():
    page = (
        '<form method="post"><input type="hidden" name="started" value="1" disabled>'
        '<form></form></form><button type="submit">Go</button>'
    )
    problems = " ".join(form_problems(page))
    assert "disabled" in problems and "inside another" in problems
    assert "without a CSRF token" in problems and "outside any form" in problems


def _pages(question, answer, member):
    return [
        reverse("questions:list"),
        question.get_absolute_url(),
        reverse("questions:tags"),
        reverse("questions:users"),
        reverse("questions:profile", args=[member.username]),
        reverse("help:markdown"),
        reverse("help:privileges"),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("accounts:password_reset"),
    ]


def _member_pages(question, answer, member):
    return [
        question.get_absolute_url(),
        reverse("questions:ask"),
        reverse("answers:edit", args=[answer.pk]),
        reverse("accounts:settings"),
        reverse("accounts:password_change"),
        reverse("questions:profile", args=[member.username]),
    ]


@pytest.fixture
def thread(question):
    member = make_established_member("forms-member", reputation=1)
    answer = make_answer(question, author=member)
    make_comment(answer)
    return question, answer, member


def test_anonymous_pages_have_real_forms(client, thread):
    for path in _pages(*thread):
        response = client.get(path)
        assert response.status_code == 200, path
        assert form_problems(response.text) == [], path


def test_member_pages_have_real_forms(client, thread):
    client.force_login(thread[2])
    for path in _member_pages(*thread):
        response = client.get(path)
        assert response.status_code == 200, path
        assert form_problems(response.text) == [], path


def test_reply_pages_shown_after_a_preview_have_real_forms(client, thread):
    question, _answer, member = thread
    client.force_login(member)
    for path in (
        reverse("answers:create", args=[question.pk]),
        reverse("comments:create", args=[question.pk]),
    ):
        response = client.post(path, {"body": "Which river was it, exactly?", "preview": "1"})
        assert response.status_code == 200, path
        assert form_problems(response.text) == [], path


def test_a_moderators_thread_and_profile_pages_have_real_forms(thread):
    question, _answer, member = thread
    client = Client()
    client.force_login(make_moderator())
    for path in (question.get_absolute_url(), reverse("questions:profile", args=[member.username])):
        assert form_problems(client.get(path).text) == [], path


def test_sign_up_works_with_only_what_a_browser_sends(client, db, settings):
    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    page = client.get(reverse("accounts:signup")).text
    (form,) = [form for form in post_forms(page) if "password1" in str(form["fields"])]
    sent = {
        attributes["name"]: attributes.get("value", "")
        for _, kind, attributes in form["fields"]
        if kind == "hidden" and "disabled" not in attributes
    }
    sent.update(
        username="browser-person",
        email="person@example.org",
        password1="a-long-unusual-passphrase",
        password2="a-long-unusual-passphrase",
        website="",
    )
    response = client.post(reverse("accounts:signup"), sent)
    assert response.status_code == 302, response.context["form"].errors

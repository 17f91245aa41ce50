"""The sign-up form as a browser sends it: only what its HTML would submit, nothing by hand."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from forum.accounts.models import User

pytestmark = pytest.mark.django_db

TYPED = {
    "username": "newcomer",
    "email": "new@example.org",
    "password1": "a-long-unusual-passphrase",
    "password2": "a-long-unusual-passphrase",
}


class _SignupFormFields(HTMLParser):
    """Name and value of each field a browser sends from the sign-up form: named, enabled
    inputs inside that form (a browser never sends a disabled one)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._in_form = True
        elif self._in_form and tag == "input" and attrs.get("name") and "disabled" not in attrs:
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


def _what_the_browser_sends(page: str, **typed) -> dict[str, str]:
    parser = _SignupFormFields()
    parser.feed(page)
    assert "started" in parser.fields, "the served-at token is not a field browsers send"
    return {**parser.fields, **typed}


def _send_the_form(client, page: str, **typed):
    return client.post(reverse("accounts:signup"), _what_the_browser_sends(page, **typed))


def test_the_sign_up_form_as_a_browser_sends_it_creates_the_account(settings, client):
    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    page = client.get(reverse("accounts:signup")).text
    response = _send_the_form(client, page, **TYPED)
    assert response.status_code == 302
    assert User.objects.filter(username="newcomer").exists()


def test_a_sign_up_shown_again_after_an_error_can_be_corrected_and_sent(settings, client):
    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    page = client.get(reverse("accounts:signup")).text
    mismatched = _send_the_form(client, page, **{**TYPED, "password2": "something else"}).text
    assert not User.objects.exists()
    _send_the_form(client, mismatched, password1=TYPED["password1"], password2=TYPED["password2"])
    assert User.objects.filter(username="newcomer").exists()


def test_a_sign_up_form_sent_at_once_is_refused_and_shown_with_a_fresh_token(client):
    page = client.get(reverse("accounts:signup")).text
    refused = _send_the_form(client, page, **TYPED).text
    assert "very quick" in refused
    sent_back = _what_the_browser_sends(page)["started"]
    assert _what_the_browser_sends(refused)["started"] != sent_back
    assert not User.objects.exists()


def test_a_sign_up_form_sent_a_second_time_is_refused(settings, client):
    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    page = client.get(reverse("accounts:signup")).text
    _send_the_form(client, page, **{**TYPED, "password2": "something else"})
    response = _send_the_form(client, page, **TYPED)
    assert "already sent" in response.text
    assert not User.objects.exists()

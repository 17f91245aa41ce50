"""Sign-up stops bots without third parties: a honeypot, a minimum time, e-mail confirmation."""

from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from forum.accounts.models import User
from tests.factories import sign_up

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_refused(client):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 200
    assert not User.objects.exists()


def test_a_form_sent_back_at_once_is_refused(client):
    response = sign_up(client, seconds_ago=0)
    assert "very quick" in response.text
    assert not User.objects.exists()


def test_a_forged_start_time_is_refused(client):
    response = sign_up(client, started="12345")
    assert "expired" in response.text
    assert not User.objects.exists()


def test_the_honeypot_is_rendered_off_screen_not_inline(client):
    html = client.get(reverse("accounts:signup")).text
    assert 'name="website"' in html and "style=" not in html


def test_with_confirmation_the_account_waits_for_the_link(settings, client):
    settings.FORUM_SIGNUP_CONFIRM_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = sign_up(client)
    assert response.status_code == 200
    user = User.objects.get()
    assert user.is_active is False


def test_opening_the_confirmation_link_activates_the_account(
    settings, client, django_capture_on_commit_callbacks
):
    settings.FORUM_SIGNUP_CONFIRM_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = next(word for word in mail.outbox[0].body.split() if "/confirm/" in word)
    assert client.get(link).status_code == 302
    assert User.objects.get().is_active is True


def test_a_bad_confirmation_link_is_a_400(client):
    assert client.get(reverse("accounts:confirm", args=["nonsense"])).status_code == 400


class _FormFields(HTMLParser):
    """The fields a browser sends from a page's forms: never a disabled one."""

    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "disabled" not in attrs and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""


def test_the_sign_up_form_works_as_a_browser_sends_it(client, settings):
    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    parser = _FormFields()
    parser.feed(client.get(reverse("accounts:signup")).text)
    data = {name: value for name, value in parser.fields.items() if name != "q"}
    data.update(username="newcomer", password1="a-long-unusual-passphrase")
    data.update(password2="a-long-unusual-passphrase")
    assert client.post(reverse("accounts:signup"), data).status_code == 302
    assert User.objects.filter(username="newcomer").exists()

"""Sign-up stops bots without third parties: a honeypot, a minimum time, e-mail confirmation."""

import re

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


def test_the_sign_up_form_as_a_browser_sends_it_creates_the_account(settings, client):
    from tests.html_forms import find_form

    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    form = find_form(client.get(reverse("accounts:signup")).text, containing="Leave this field")
    typed = {
        "username": "newcomer",
        "email": "new@example.org",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    client.post(reverse("accounts:signup"), form.data(form.buttons[0], **typed))
    assert User.objects.filter(username="newcomer").exists()


def test_a_sign_up_sent_back_with_an_error_can_be_corrected_and_sent_again(settings, client):
    from tests.html_forms import find_form

    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    page = sign_up(client, password2="something else").text
    assert not User.objects.exists()
    form = find_form(page, containing="Leave this field")
    typed = {"password1": "a-long-unusual-passphrase", "password2": "a-long-unusual-passphrase"}
    client.post(reverse("accounts:signup"), form.data(form.buttons[0], **typed))
    assert User.objects.filter(username="newcomer").exists()


def test_the_start_time_is_a_field_browsers_send(client):
    """Browsers leave disabled fields out of what they send: the token must not be one."""
    page = client.get(reverse("accounts:signup")).text
    (field,) = re.findall(r'<input type="hidden" name="started"[^>]*>', page)
    assert "disabled" not in field


def test_a_form_shown_again_carries_a_fresh_start_time(client):
    response = sign_up(client, started="12345")
    assert 'name="started" value="12345"' not in response.text


def test_a_sign_up_sent_at_once_is_shown_again_with_a_fresh_token(client):
    from tests.html_forms import find_form

    served = find_form(client.get(reverse("accounts:signup")).text, containing="Leave this field")
    sent = served.data(served.buttons[0], username="newcomer")
    page = client.post(reverse("accounts:signup"), sent).text
    assert "very quick" in page
    again = find_form(page, containing="Leave this field").data()
    assert again["started"] != sent["started"]
    assert again["username"] == ["newcomer"]


def test_a_sign_up_form_sent_a_second_time_is_refused(settings, client):
    from tests.html_forms import find_form

    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    served = find_form(client.get(reverse("accounts:signup")).text, containing="Leave this field")
    typed = {"username": "newcomer", "password1": "a-long-unusual-passphrase"}
    client.post(reverse("accounts:signup"), served.data(served.buttons[0], **typed))
    typed["password2"] = typed["password1"]
    page = client.post(reverse("accounts:signup"), served.data(served.buttons[0], **typed)).text
    assert "already sent once" in page
    assert not User.objects.exists()


def test_a_refused_honeypot_is_shown_again_empty_with_the_reason_in_words(client):
    from tests.html_forms import find_form

    page = sign_up(client, website="http://spam.example").text
    assert "A field that must stay empty was filled in" in page
    form = find_form(page, containing="Leave this field").data()
    assert form["website"] == [""] and form["username"] == ["newcomer"]


def test_a_sign_up_records_its_address_and_the_browsers_lasting_id(settings, client):
    """What forum/votes/rings.py compares: accounts made in one browser share its id."""
    from forum.core.limits import BROWSER_COOKIE
    from tests.html_forms import find_form

    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    page = client.get(reverse("accounts:signup"), REMOTE_ADDR="203.0.113.9")
    browser = page.cookies[BROWSER_COOKIE].value
    form = find_form(page.text, containing="Leave this field")
    typed = {
        "username": "newcomer",
        "email": "new@example.org",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    client.post(
        reverse("accounts:signup"), form.data(form.buttons[0], **typed), REMOTE_ADDR="203.0.113.9"
    )
    member = User.objects.get(username="newcomer")
    assert (member.signup_address, member.signup_browser) == ("203.0.113.9", browser)


def test_a_sign_up_token_stays_used_when_the_cache_forgets(settings, client):
    """The record of a sent token outlives the cache (a full file cache culls entries, a
    restart empties it): the same form cannot be sent again within the token's day."""
    from django.core.cache import cache

    from tests.factories import signup_started_token

    settings.FORUM_SIGNUP_MIN_SECONDS = 0
    token = signup_started_token()
    sign_up(client, username="first", started=token)
    client.logout()
    cache.clear()
    page = sign_up(client, username="second", started=token).text
    assert "already sent once" in page
    assert list(User.objects.values_list("username", flat=True)) == ["first"]

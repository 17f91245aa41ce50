"""Password reset and change, through django.contrib.auth's views in the forum's pages."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a-fresh-unusual-passphrase"


def _limit(settings, group, **rates):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, group: rates}


def _reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.fixture
def alice(db):
    return make_user("alice", email="alice@example.org")


def test_the_log_in_page_links_to_the_password_reset(client, db):
    page = client.get(reverse("accounts:login")).text
    assert f'href="{reverse("accounts:password_reset")}">Forgot your password?' in page


def test_a_member_resets_a_forgotten_password_by_e_mail(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"] and "alice" in message.body
    form_page = client.get(_reset_link(message), follow=True)
    assert "Choose a new password" in form_page.text
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_a_used_reset_link_says_it_has_expired(client, alice):
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    link = _reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = client.get(link, follow=True)
    assert "This link has expired or has been used already." in again.text


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client, alice):
    known = client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]


def test_reset_requests_are_limited_per_e_mail_address_whoever_sends_them(client, alice, settings):
    _limit(settings, "password_reset", **{"ip": "100/h", "forum.core.limits.posted_email": "2/h"})
    url = reverse("accounts:password_reset")
    for address, sender in (("alice@example.org", "10.0.0.1"), ("Alice@Example.org ", "10.0.0.2")):
        assert client.post(url, {"email": address}, REMOTE_ADDR=sender).status_code == 302
    refused = client.post(url, {"email": "ALICE@example.org"}, REMOTE_ADDR="10.0.0.3")
    assert refused.status_code == 429
    assert "Too many requests of this kind from this e-mail address" in refused.text
    assert 'value="ALICE@example.org"' in refused.text  # the form keeps what was typed
    assert len(mail.outbox) == 2


def test_a_refusal_reads_the_same_for_an_address_nobody_uses(client, alice, settings):
    _limit(settings, "password_reset", **{"forum.core.limits.posted_email": "0/h"})
    url = reverse("accounts:password_reset")
    known = client.post(url, {"email": "alice@example.org"})
    unknown = client.post(url, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 429
    assert known["Retry-After"] and unknown["Retry-After"]
    # Only the wait differs ("45 seconds", "2 minutes"): each address's counting window
    # starts at its own moment.
    errors = [
        re.sub(r"\d+ (second|minute)s?", "N", str(response.context["form"].errors))
        for response in (known, unknown)
    ]
    assert errors[0] == errors[1] and "this e-mail address" in errors[0]
    assert mail.outbox == []


def test_reset_requests_are_limited_per_network_address(client, alice, settings):
    _limit(settings, "password_reset", ip="1/h")
    url = reverse("accounts:password_reset")
    client.post(url, {"email": "someone@example.org"})
    refused = client.post(url, {"email": "alice@example.org"})
    assert refused.status_code == 429 and "your network address" in refused.text
    assert mail.outbox == []


def test_a_member_changes_their_password_and_stays_logged_in(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_a_wrong_old_password_changes_nothing(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and "incorrectly" in response.text
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_changing_a_password_needs_a_log_in(client, db):
    response = client.get(reverse("accounts:password_change"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_changes_are_limited_per_account(client, alice, settings):
    _limit(settings, "password_change", user="0/h")
    client.force_login(alice)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 429 and "Too many requests" in response.text
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)

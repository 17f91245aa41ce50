"""Abuse at the door: sign-ups a bot would send are refused with a page that says why in
words, and the username typed is still in the form it shows again.

A filled honeypot, a form sent back at once, and a sixth sign-up from one address within
the hour (FORUM_RATE_LIMITS["signup"]). The limit counts every sign-up sent from an address,
refused or not, so the last case starts from a fresh count in a test of its own.
"""

import time

import pytest
from django.conf import settings

from tests.journeys.person import Person

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Khalkhin-1939"
PACE = settings.FORUM_SIGNUP_MIN_SECONDS + 0.3


def fill_the_form(person: Person, username: str, *, email: bool = True) -> None:
    person.fill("Username", username)
    if email:
        person.fill("Email address", f"{username}@example.org")
    person.fill("Password", PASSWORD)
    person.fill("Password confirmation", PASSWORD)


def open_sign_up(person: Person) -> float:
    """Open the sign-up form from the navigation bar; return when it was opened."""
    person.go("/")
    person.click_link("Sign up")
    person.must_see("Sign up", "Create account")
    return time.monotonic()


def read_it_over(person: Person, opened: float) -> None:
    """A person who typed faster than the forum's pace check reads the form over."""
    person.wait(max(0, PACE - (time.monotonic() - opened)))


def username_in_the_form(person: Person) -> str:
    return person.field("Username").get_attribute("value")


def test_a_bot_filled_honeypot_and_a_form_sent_at_once_are_refused_in_words(open_browser):
    person = open_browser("abuse-at-the-door")

    # A bot fills every field, the off-screen "Leave this field empty" one too.
    opened = open_sign_up(person)
    fill_the_form(person, "filled-every-field")
    person.field("Leave this field empty").send_keys("http://spam.example")
    read_it_over(person, opened)
    person.press("Create account")
    person.must_see("must stay empty", "Create account")
    person.must_not_see("Welcome")
    assert username_in_the_form(person) == "filled-every-field"
    assert person.field("Leave this field empty").get_attribute("value") == ""
    person.shot("honeypot refused")

    # A bot pastes into every field and sends the form back the moment it gets it.
    opened = open_sign_up(person)
    for label, value in [
        ("Username", "sent-at-once"),
        ("Password", PASSWORD),
        ("Password confirmation", PASSWORD),
    ]:
        person.field(label).send_keys(value)
    assert time.monotonic() - opened < settings.FORUM_SIGNUP_MIN_SECONDS
    person.press("Create account")
    person.must_see("That was very quick; please check the form and send it again.")
    assert username_in_the_form(person) == "sent-at-once"
    person.shot("too fast refused")

    # A person who was refused only has to retype the password and send it again.
    shown_again = time.monotonic()
    person.fill("Password", PASSWORD)
    person.fill("Password confirmation", PASSWORD)
    read_it_over(person, shown_again)
    person.press("Create account")
    person.must_see("Welcome, sent-at-once! Your account is ready.")


def test_a_sixth_sign_up_from_one_address_within_the_hour_is_refused_in_words(open_browser):
    person = open_browser("abuse-at-the-door-rate")
    allowed = int(settings.FORUM_RATE_LIMITS["signup"]["ip"].split("/")[0])
    for number in range(1, allowed + 1):
        opened = open_sign_up(person)
        fill_the_form(person, f"sock{number}", email=False)
        read_it_over(person, opened)
        person.press("Create account")
        person.must_see(f"Welcome, sock{number}!")
        person.press("Log out")

    opened = open_sign_up(person)
    fill_the_form(person, "sock6", email=False)
    read_it_over(person, opened)
    person.press("Create account")
    person.must_see("Too many requests of this kind from your network address. Please try again in")
    person.must_not_see("Welcome")
    assert username_in_the_form(person) == "sock6"
    person.shot("sixth sign-up refused")

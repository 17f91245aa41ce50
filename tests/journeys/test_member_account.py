"""A member looks after their account: a display name and an about text, an API token made
for a script and revoked, a new password, a forgotten password reset through the e-mailed
link; finds their way by the tags and members lists and the help pages; and keeps the answer
they were writing when another tab logged them out."""

import re
import urllib.error
import urllib.request

import pytest
from django.core import mail

from tests.factories import PASSWORD, make_established_member
from tests.journeys.person import SUBMITTED

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a steppe of grass and river crossings"
TITLE = (
    "How to explain the Khalkhin Gol outcome in view of Soviet weakness "
    "and Japanese strength at that time?"
)


def test_a_member_edits_the_profile_and_changes_and_resets_the_password(open_browser):
    make_established_member("olga", email="olga@example.org")
    olga = open_browser("member-account")
    olga.go("/")
    olga.log_in("olga", PASSWORD)

    olga.click_link("olga")
    olga.click_link("Edit profile")
    olga.fill("Display name", "Olga K.")
    olga.fill("About you", "I read **Soviet** military history.")
    olga.press("Save profile")
    olga.must_see("Olga K.", "I read Soviet military history.")
    olga.shot("profile with a display name")

    # A token for a script: shown once, works at once, and stops working when revoked.
    olga.click_link("API tokens")
    olga.fill("Token name", "my backup script")
    olga.press("Make token")
    olga.must_see("Copy it now: it is shown only this once")
    secret = olga.field("Token").get_attribute("value")
    olga.shot("API token made")
    assert _api_me(olga.base_url, secret) == 200
    olga.press("Revoke my backup script")
    olga.must_see("The token is revoked", "revoked")
    olga.must_not_see("Copy it now")
    olga.shot("API token revoked")
    assert _api_me(olga.base_url, secret) == 401
    olga.click_link("Back to your profile settings")

    olga.click_link("Change password")
    olga.fill("Old password", PASSWORD)
    olga.fill("New password", NEW_PASSWORD)
    olga.fill("New password confirmation", NEW_PASSWORD)
    olga.press("Change password")
    olga.must_see("Your password is changed")
    olga.shot("password changed")
    olga.press("Log out")

    # Forgotten: the reset link comes by e-mail (the console in development).
    olga.click_link("Log in")
    olga.click_link("Forgot your password?")
    olga.fill("Email", "olga@example.org")
    olga.press("Send the link")
    olga.shot("reset link sent")
    (message,) = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    olga.driver.get(link)
    olga.must_see("Choose a new password")
    olga.fill("New password", PASSWORD)
    olga.fill("New password confirmation", PASSWORD)
    olga.press("Save the new password")
    olga.shot("password reset")
    olga.go("/")
    olga.log_in("olga", PASSWORD)


def _api_me(base_url: str, secret: str) -> int:
    """What a script holding the token is answered by /api/me."""
    request = urllib.request.Request(
        f"{base_url}/api/me", headers={"Authorization": f"Bearer {secret}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_reader_finds_tags_members_and_help(open_browser):
    make_established_member("pavel")
    reader = open_browser("finding-the-way")
    reader.go("/")
    reader.click_link("Tags")
    reader.must_see("battles", "world-war-two")
    reader.fill("Tag name contains", "war")
    reader.enter("Tag name contains")
    reader.must_see("world-war-two")
    reader.must_not_see("battles")
    reader.shot("tags filtered")
    reader.click_link("Users")
    reader.must_see("pavel")
    reader.shot("members")

    reader.log_in("pavel", PASSWORD)
    reader.click_link("Ask")
    reader.click_link("Formatting help")
    reader.driver.switch_to.window(reader.driver.window_handles[-1])  # it opens beside
    reader.must_see("Markdown")
    reader.shot("formatting help")
    reader.go("/help/privileges/")
    reader.must_see("Flag")
    reader.shot("privileges")


def test_an_answer_typed_while_another_tab_logged_out_is_kept(open_browser):
    make_established_member("ivan")
    ivan = open_browser("draft-kept")
    ivan.go("/")
    ivan.log_in("ivan", PASSWORD)
    ivan.click_link(TITLE)
    ivan.fill("Your answer", "Supply by truck from the railhead decided the timing of the attack.")

    writing = ivan.driver.current_window_handle
    ivan.driver.switch_to.new_window("tab")
    ivan.go("/")
    ivan.press("Log out")
    ivan.driver.switch_to.window(writing)

    ivan.press("Post your answer")
    ivan.must_see("logged out", "Supply by truck from the railhead")
    ivan.shot("logged out while writing")
    ivan.click_link("Log in again to post")
    ivan.fill("Username", "ivan")
    ivan.fill("Password", PASSWORD)
    ivan.press("Log in")
    ivan.must_see("Your text, kept while you logged in")
    ivan.press("Send it")
    ivan.must_see("Supply by truck from the railhead decided the timing of the attack.")
    ivan.shot("the kept answer posted")
    assert ("post", "form:resume-draft") in SUBMITTED

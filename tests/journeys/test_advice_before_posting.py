"""Advice before posting: a member, in a browser without JavaScript, writes a comment that
asks for private contact, previews it and reads that it would be kept out of view and why,
takes that part out, previews again without a warning, and posts it for everyone to read."""

from datetime import timedelta

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from tests.factories import PASSWORD, make_user
from tests.journeys.person import _xpath_text

pytestmark = pytest.mark.django_db(transaction=True)

SEEDED = (
    "How to explain the Khalkhin Gol outcome in view of Soviet weakness "
    "and Japanese strength at that time?"
)
WITH_CONTACT = (
    "Coox's Nomonhan has the Soviet tank numbers; write to me in PM and I will send you the pages."
)
FIXED = "Coox's Nomonhan has the Soviet tank numbers, in the chapter on the August offensive."


def advice(person) -> str:
    """The warning above the preview ("" when there is none)."""
    found = person.driver.find_elements(By.CSS_SELECTOR, "section[aria-label='Before you post']")
    return found[0].text if found else ""


def test_a_member_previews_a_comment_reads_why_it_would_be_held_fixes_it_and_posts(
    open_browser,
):
    make_user("ilse", reputation=300, date_joined=timezone.now() - timedelta(days=400))
    member = open_browser("advice-before-posting", javascript=False)
    member.go("/")
    member.log_in("ilse", PASSWORD)
    member.click_link(SEEDED)

    # A comment under the question, with a request to continue in private.
    question = member.driver.find_element(By.CSS_SELECTOR, "article.question")
    member.open_details("Add a comment", within=question)
    member.fill("Comment", WITH_CONTACT, within=question)
    member.press("Preview", within=question)

    # The preview says what posting it would do, and why, before anything is saved.
    member.must_see("Add a comment on", WITH_CONTACT)
    warning = advice(member)
    assert warning.startswith(
        (
            "Posted as it is, your post will wait for a moderator's review",
            "Posted as it is, your post will be hidden as spam",
        )
    ), warning
    assert "because it asks readers to continue in private" in warning
    assert "Change that part and preview again" in warning
    member.shot("preview warns")

    # Takes the private part out and previews again: no warning now.
    member.fill("Comment", FIXED)
    member.press("Preview")
    member.must_see(FIXED)
    assert advice(member) == ""
    member.shot("preview without a warning")

    # Posts it, and it is there for everyone.
    member.press("Add comment")
    member.must_see("Your comment is posted.")
    comment = member.driver.find_element(
        By.XPATH, f"//li[contains(@class, 'comment') and contains(., {_xpath_text(FIXED)})]"
    )
    assert not comment.find_elements(By.CSS_SELECTOR, ".status-note")
    member.shot("comment posted")
    member.press("Log out")
    member.click_link(SEEDED)
    member.must_see(FIXED)
    member.must_not_see(WITH_CONTACT)

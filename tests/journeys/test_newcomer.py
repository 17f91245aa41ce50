"""A newcomer: signs up through the form, asks, answers in Markdown with a preview, edits,
comments, votes where a new account may (and sees why not where not), accepts an answer,
posts a spinner comment, appeals its hold, and reads the moderator's decision in the inbox;
logs out and back in. A moderator decides the appeal in a second browser."""

import time

import pytest
from django.conf import settings
from selenium.webdriver.common.by import By

from forum.posts.models import Post
from tests.factories import PASSWORD as MEMBER_PASSWORD
from tests.factories import make_answer, make_moderator, make_user
from tests.journeys.person import _xpath_text

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-unusual-passphrase"
SEEDED = (
    "How to explain the Khalkhin Gol outcome in view of Soviet weakness "
    "and Japanese strength at that time?"
)
QUESTION = "Why did Zhukov wait until August to attack at Khalkhin Gol?"
QUESTION_BODY = (
    "The Soviet build-up took most of the summer of 1939. Was the delay about supply "
    "lines from the railhead, or about waiting for the tank brigades to arrive?"
)
ANSWER = (
    "The **railhead** was 650 km away, so all came by truck:\n\n"
    "- fuel and shells first\n"
    "- then the tank brigades\n\n"
    "Hence the `operational pause`."
)
ADDED = " See Coox, *Nomonhan*."
SPINNER = "Write to me in PM, we will talk"


def post_with(person, words: str):
    """The question or answer on the page whose text holds `words`."""
    return person.driver.find_element(By.XPATH, f"//article[contains(., {_xpath_text(words)})]")


def comment_with(person, words: str):
    return person.driver.find_element(
        By.XPATH, f"//li[contains(@class, 'comment') and contains(., {_xpath_text(words)})]"
    )


def buttons(scope, text: str) -> list:
    return scope.find_elements(By.XPATH, f".//button[normalize-space()={_xpath_text(text)}]")


def sign_up(person, username: str) -> None:
    person.go("/")
    person.click_link("Sign up")
    opened = time.monotonic()
    person.must_see("Sign up", "Username", "Password confirmation")
    person.fill("Username", username)
    person.fill("Email address", f"{username}@example.org")
    person.fill("Password", PASSWORD)
    person.fill("Password confirmation", PASSWORD)
    # Reads the form over, if typing it took less than the forum's pace check.
    person.wait(max(0, settings.FORUM_SIGNUP_MIN_SECONDS + 0.3 - (time.monotonic() - opened)))
    person.press("Create account")


def test_a_newcomer_joins_takes_part_and_appeals_a_hold(open_browser):
    newcomer = open_browser("newcomer")

    # Sign up through the form in the navigation bar.
    sign_up(newcomer, "nadia")
    newcomer.must_see("Welcome, nadia! Your account is ready.", "Log out")
    newcomer.shot("signed up")

    # Log out and back in, through the forms.
    newcomer.press("Log out")
    newcomer.must_see("Log in", "Sign up")
    newcomer.must_not_see("nadia")
    newcomer.log_in("nadia", PASSWORD)
    newcomer.must_see("nadia")

    # Ask a question.
    newcomer.click_link("Ask a question")
    newcomer.fill("Title", QUESTION)
    newcomer.fill("Body", QUESTION_BODY)
    newcomer.fill("Tags", "battles soviet-union")
    newcomer.shot("asking")
    newcomer.press("Post your question")
    newcomer.must_see(QUESTION, "battles", "soviet-union", "0 Answers")

    # Another member answers while the newcomer reads.
    question = Post.objects.get(title=QUESTION)
    make_answer(question, author=make_user("olga"), body="Supplies first: 1,300 trucks.")
    newcomer.driver.refresh()
    newcomer.must_see("1 Answer", "Supplies first: 1,300 trucks.")

    # Answer in Markdown, read the preview, then post.
    newcomer.fill("Your answer", ANSWER)
    your_answer = newcomer.driver.find_element(By.ID, "your-answer")
    newcomer.press("Preview", within=your_answer)  # each comment form has a Preview too
    preview = newcomer.driver.find_element(By.CSS_SELECTOR, "section[aria-label='Preview']")
    assert preview.find_element(By.TAG_NAME, "strong").text == "railhead"
    assert [item.text for item in preview.find_elements(By.TAG_NAME, "li")] == [
        "fuel and shells first",
        "then the tank brigades",
    ]
    assert preview.find_element(By.TAG_NAME, "code").text == "operational pause"
    assert "**" not in preview.text
    newcomer.shot("answer preview")
    newcomer.press("Post your answer")
    newcomer.must_see("2 Answers", "fuel and shells first")
    mine = post_with(newcomer, "fuel and shells first")
    assert mine.find_element(By.TAG_NAME, "strong").text == "railhead"

    # Edit the answer; its revision history is linked.
    newcomer.click_link("edit", within=mine)
    newcomer.must_see("Edit answer")
    newcomer.fill("Your answer", ADDED, clear=False)
    newcomer.press("Save edits")
    newcomer.must_see("See Coox, Nomonhan.")
    mine = post_with(newcomer, "See Coox")
    history = mine.find_element(By.XPATH, ".//a[starts-with(normalize-space(), 'edited')]")
    newcomer.click_link(history.text, within=mine)
    newcomer.must_see("Edit history", "Version 1", "Hence the `operational pause`.")
    newcomer.shot("revision history")
    newcomer.back()

    # Comment on the other member's answer.
    olga = post_with(newcomer, "1,300 trucks")
    newcomer.open_details("Add a comment", within=olga)
    newcomer.fill("Comment", "Do you have a source for the truck count?", within=olga)
    newcomer.press("Add comment", within=olga)
    newcomer.must_see("Do you have a source for the truck count?")

    # Vote where a new account may: up on another member's answer; not on its own posts,
    # and not down (that takes reputation, and the page says so).
    olga = post_with(newcomer, "1,300 trucks")
    newcomer.press("▲", within=olga)
    newcomer.must_see("Your vote is recorded.")
    olga = post_with(newcomer, "1,300 trucks")
    assert olga.find_element(By.CSS_SELECTOR, "[data-score]").text == "1"
    assert not buttons(olga, "▼")
    mine = post_with(newcomer, "fuel and shells first")
    assert not buttons(mine, "▲") and not buttons(mine, "▼")

    # Accept the other member's answer.
    newcomer.press("Accept", within=olga)
    newcomer.must_see("You accepted this answer; it now comes first.")
    first = newcomer.driver.find_elements(By.CSS_SELECTOR, "article.answer")[0]
    assert "1,300 trucks" in first.text and "accepted" in first.get_attribute("class")
    newcomer.shot("own question answered and accepted")

    # A spinner comment on the seeded thread is held, with a reason in words.
    newcomer.click_link("Questions")
    newcomer.click_link(SEEDED)
    seeded = newcomer.driver.find_element(By.CSS_SELECTOR, "article.question")
    newcomer.open_details("Add a comment", within=seeded)
    newcomer.fill("Comment", SPINNER, within=seeded)
    newcomer.press("Add comment", within=seeded)
    held = comment_with(newcomer, SPINNER)
    note = held.find_element(By.CSS_SELECTOR, ".status-note").text
    assert note.startswith(("Held for a moderator's review:", "Hidden as spam:")), note
    assert "because it asks readers to continue in private" in note
    newcomer.shot("spinner comment held")

    # Appeal it.
    newcomer.open_details("This is a mistake? Appeal", within=held)
    newcomer.fill(
        "Why this post belongs here",
        "I only meant to offer my sources on the battle.",
        within=held,
    )
    newcomer.press("Send appeal", within=held)
    newcomer.must_see("Your appeal is with the moderators; you will hear the outcome.")
    newcomer.must_see("a moderator will decide")

    # A moderator, in a browser of their own, keeps the comment hidden.
    make_moderator("maria")
    moderator = open_browser("newcomer-moderator")
    moderator.go("/")
    moderator.log_in("maria", MEMBER_PASSWORD)
    moderator.click_link("Moderation")
    moderator.must_see("Appeals from authors", "I only meant to offer my sources on the battle.")
    moderator.shot("appeal in the queue")
    appeal = moderator.driver.find_element(
        By.XPATH,
        f"//article[contains(@class, 'queue-item') and contains(., {_xpath_text(SPINNER)})]",
    )
    moderator.press("Keep as it is (deny appeal)", within=appeal)
    moderator.must_not_see("I only meant to offer my sources on the battle.")

    # The newcomer reads the outcome in the inbox and under the post.
    newcomer.click_link("Questions")
    newcomer.click_link("Inbox 1")  # one unread
    newcomer.must_see(
        "A moderator decided on your post",
        SEEDED,
        "A moderator looked at your appeal and your comment stays as it is.",
    )
    newcomer.shot("inbox with the outcome")
    newcomer.press("Mark all read")
    assert not newcomer.driver.find_elements(By.CSS_SELECTOR, ".notification.unread")
    newcomer.click_link(SEEDED)
    held = comment_with(newcomer, SPINNER)
    assert "Your appeal was refused" in held.text, held.text
    assert "a moderator will decide" not in held.text
    newcomer.shot("appeal decided")

    # Back on their own question: why there is no down-vote and no flag control.
    newcomer.click_link("nadia")
    newcomer.click_link(QUESTION)
    olga = post_with(newcomer, "1,300 trucks")
    why = olga.find_element(By.XPATH, './/a[@aria-label="Why can\'t I vote down?"]')
    assert "reputation" in why.get_attribute("title")
    assert not buttons(olga, "Flag")
    newcomer.open_details("flag", within=olga)
    newcomer.must_see("Flagging takes 15 reputation and an account 3 days old.")
    newcomer.click_link("Why can't I flag?", within=olga)
    newcomer.must_see("What reputation unlocks")
    newcomer.shot("privileges")

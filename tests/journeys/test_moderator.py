"""A moderator at Chromium on the seeded forum: the queue with its reasons and evidence,
decisions and their Undo, suspensions, a spam campaign, watched words, closing and locking,
warnings, the dry run, the audit log and redacted revisions.

Each journey starts from a fresh seed (the seven spinner comments held or hidden as spam,
with reasons). Posts are checked where a person reads them: a queue card, a thread's answer,
a profile's list; every check names the exact post it is about.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from selenium.webdriver.common.by import By

from forum.moderation.intake import submit_post
from forum.posts.models import Kind, Post
from tests.factories import (
    make_answer,
    make_comment,
    make_established_member,
    make_moderator,
    make_question,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
TITLE = (
    "How to explain the Khalkhin Gol outcome in view of Soviet weakness "
    "and Japanese strength at that time?"
)
# Seed posts, by what a moderator reads on them.
PUBLISHED_ONE = 15  # held: "There is something in this. Thank you very much for the info"
REJECTED_ONE = 13  # held: "I congratulate, the bright idea"
HIDDEN_INLINE = 3  # visible answer by history-se-answerer-2
FLAGGED = 4  # visible answer by history-se-answerer-3
HIDDEN = "Hidden by a moderator"
SPAM = "Hidden as spam"


# -- what a moderator does often -----------------------------------------------------------


def log_in(person, username: str) -> None:
    person.go("/")
    person.click_link("Log in")
    person.fill("Username", username)
    person.fill("Password", PASSWORD)
    person.press("Log in")
    person.must_see(username, "Log out")


def by_id(person, element_id: str):
    return person.driver.find_element(By.ID, element_id)


def has(person, element_id: str) -> bool:
    return bool(person.driver.find_elements(By.ID, element_id))


def unfold(person, summary: str, *, within=None) -> None:
    """Open a <details> by clicking its summary, as a person does (unless it is open)."""
    scope = within or person.driver
    literal = f"'{summary}'"
    element = scope.find_element(By.XPATH, f".//summary[starts-with(normalize-space(), {literal})]")
    if element.find_element(By.XPATH, "..").get_attribute("open") is None:
        person._click(element)


def open_thread(person, title: str = TITLE) -> None:
    person.click_link("Questions")
    person.click_link(title)
    person.must_see(title)


def answer(person, pk: int):
    return by_id(person, f"answer-{pk}")


def card(person, pk: int):
    """A post's card in the moderation queue."""
    return by_id(person, f"post-{pk}")


def assert_answer_visible(person, pk: int) -> None:
    article = answer(person, pk)
    assert "not-visible" not in article.get_attribute("class"), f"answer {pk} is not visible"
    assert HIDDEN not in article.text and SPAM not in article.text


def assert_answer_hidden(person, pk: int, words: str = HIDDEN) -> None:
    article = answer(person, pk)
    assert "not-visible" in article.get_attribute("class"), f"answer {pk} is visible"
    assert words in article.text


def queue_tab(person, label: str):
    """A queue tab, by the words on it (each tab ends with its count)."""
    return person.driver.find_element(
        By.XPATH,
        f"//ul[contains(@class, 'nav-tabs')]//a[starts-with(normalize-space(), '{label}')]",
    )


def open_tab(person, label: str) -> None:
    person.click_link(queue_tab(person, label).text.strip())


def tab_count(person, label: str) -> int:
    return int(re.search(r"(\d+)$", queue_tab(person, label).text.strip()).group(1))


def undo_last(person) -> None:
    """Press the banner's Undo it, and see that it went."""
    person.press("Undo it")
    person.must_see("Undone: ")
    person.must_not_see("Undo it")


# -- the queue -----------------------------------------------------------------------------


def test_a_moderator_works_the_queue_and_undoes_each_decision(open_browser):
    make_moderator("mod")
    make_established_member("veteran")

    # An established member flags a visible answer; the flag is theirs to see.
    member = open_browser("moderator-flagging-member")
    log_in(member, "veteran")
    open_thread(member)
    unfold(member, "flag", within=answer(member, FLAGGED))
    member.choose("Why flag this post?", "Not an answer", within=answer(member, FLAGGED))
    member.press("Flag", within=answer(member, FLAGGED))
    member.must_see("Thanks, a moderator will look at it.")

    mod = open_browser("moderator-queue")
    log_in(mod, "mod")
    mod.click_link("Moderation")
    mod.must_see("Moderation queue", "Held for review")
    # The seed's held comments, each with the filter's reasons in words.
    held = card(mod, REJECTED_ONE)
    assert 'Mostly generic praise ("congratulate", "bright")' in held.text
    assert "I congratulate, the bright idea" in held.text
    assert "The author sees: Our spam check held it" in held.text
    mod.shot("queue")

    unfold(mod, "Evidence in its own words", within=held)
    held = card(mod, REJECTED_ONE)
    assert "tied to the thread" in held.text
    assert "read by a rule as chatter or a cue" in held.text
    # The seed has one thread: nothing else to compare the comment with, and it says so.
    assert "no other recent thread to compare it with" in held.text
    mod.shot("evidence")

    # Publish one held comment: it leaves the held tab; Undo puts exactly it back.
    before = tab_count(mod, "Held for review")
    mod.press("Publish", within=card(mod, PUBLISHED_ONE))
    mod.must_see("Published 1 post.", "You published Dazilkree's comment.")
    assert not has(mod, f"post-{PUBLISHED_ONE}")
    assert tab_count(mod, "Held for review") == before - 1
    undo_last(mod)
    assert "Held for review" in card(mod, PUBLISHED_ONE).text
    assert tab_count(mod, "Held for review") == before

    # Reject another as spam: it moves to the spam tab; Undo brings it back to held.
    mod.press("Reject as spam", within=card(mod, REJECTED_ONE))
    mod.must_see("Rejected 1 post as spam.", "You rejected Nur's comment as spam.")
    assert not has(mod, f"post-{REJECTED_ONE}")
    open_tab(mod, "Hidden as spam")
    assert "Hidden as spam" in card(mod, REJECTED_ONE).text
    undo_last(mod)
    assert not has(mod, f"post-{REJECTED_ONE}")
    open_tab(mod, "Held for review")
    assert "Held for review" in card(mod, REJECTED_ONE).text

    # Hide a visible answer from the thread page's own controls; Undo shows it again.
    open_thread(mod)
    assert_answer_visible(mod, HIDDEN_INLINE)
    mod.press("hide", within=answer(mod, HIDDEN_INLINE))
    mod.must_see("You hid history-se-answerer-2's answer.")
    assert_answer_hidden(mod, HIDDEN_INLINE)
    assert_answer_visible(mod, FLAGGED)
    mod.shot("an answer hidden from the thread page")
    undo_last(mod)
    assert_answer_visible(mod, HIDDEN_INLINE)

    # Hide the flagged answer with the queue's bulk action: tick it, press Hide.
    mod.click_link("Moderation")
    open_tab(mod, "Flagged")
    flagged = card(mod, FLAGGED)
    assert "Flagged: Not an answer" in flagged.text
    mod.tick("Select this answer", within=flagged)
    bulk = mod.driver.find_element(By.CSS_SELECTOR, ".bulk-actions")
    mod.press("Hide", within=bulk)
    mod.must_see("Hid 1 post.", "You hid history-se-answerer-3's answer.")
    open_thread(mod)
    assert_answer_hidden(mod, FLAGGED)
    assert_answer_visible(mod, HIDDEN_INLINE)
    undo_last(mod)
    assert_answer_visible(mod, FLAGGED)
    assert_answer_visible(mod, HIDDEN_INLINE)

    # The member's flag control says they flagged it, rather than offering to flag again.
    open_thread(member)
    assert "You flagged this" in answer(member, FLAGGED).text
    assert not answer(member, FLAGGED).find_elements(By.CSS_SELECTOR, "details.flag-post")


# -- members -------------------------------------------------------------------------------

RESTORED_EARLIER = 5  # a seed answer the moderator hides and restores before the suspensions
LIFT = "Lift the suspension (and restore posts it hid)"  # offered while a member is suspended


def member_answers(person) -> list[str]:
    """What the member's profile lists on its Answers tab, one line per answer."""
    person.click_link("Answers")
    items = person.driver.find_elements(By.CSS_SELECTOR, "ul.list-unstyled li")
    return [item.text for item in items]


def assert_all_hidden(lines: list[str], count: int) -> None:
    assert len(lines) == count and all(HIDDEN in line for line in lines), lines


def assert_none_hidden(lines: list[str], count: int) -> None:
    assert len(lines) == count and not any(HIDDEN in line for line in lines), lines


def suspend(person, reason: str) -> None:
    form = person.driver.find_element(By.CSS_SELECTOR, ".member-actions")
    person.fill("Reason for suspension", reason, within=form)
    person.choose("How long", "30 days", within=form)
    person.tick("also hide their posts", within=form)
    person.press("Suspend", within=form)


def test_a_moderator_warns_suspends_and_reinstates_a_member_and_undoes_each(open_browser):
    make_moderator("mod")
    wanderer = make_user("wanderer")
    seed = Post.objects.get(pk=1)
    make_answer(seed, author=wanderer, body="The river crossing at Bain-Tsagan decided it.")
    for _ in range(2):
        make_answer(make_question(), author=wanderer)
    # Someone has been guessing wanderer's password from three addresses.
    for number in range(3):
        AccessAttempt.objects.create(
            username="wanderer", ip_address=f"203.0.113.{number + 1}", user_agent="bot",
            failures_since_start=2, attempt_time=timezone.now(),
        )  # fmt: skip

    mod = open_browser("moderator-members")
    log_in(mod, "mod")

    # A seed answer hidden and restored from the thread page: later undos must not touch it.
    open_thread(mod)
    mod.press("hide", within=answer(mod, RESTORED_EARLIER))
    assert_answer_hidden(mod, RESTORED_EARLIER)
    mod.press("restore", within=answer(mod, RESTORED_EARLIER))
    assert_answer_visible(mod, RESTORED_EARLIER)

    # To the member's profile from their answer: the guessing shows, and the moderator
    # lifts the log-in limits it set off.
    mod.click_link("wanderer")
    mod.must_see("6 failed log-ins on this username recently, from 3 addresses")
    mod.press("Lift the log-in limits")
    mod.must_see("wanderer can log in from anywhere at once again; 6 failed log-ins forgotten.")
    mod.must_not_see("Lift the log-in limits")

    # A private warning first.
    mod.must_see("wanderer", "Private warning (only wanderer reads it, in their inbox)")
    mod.fill("Private warning", "Please stop posting the same answer under several questions.")
    mod.press("Send warning")
    mod.must_see("Your warning is in wanderer's inbox.")
    assert_none_hidden(member_answers(mod), 3)

    # Suspend for 30 days and hide their posts; Undo reinstates them and shows their posts.
    suspend(mod, "Copying answers between threads")
    mod.must_see("wanderer is suspended until", "3 of their posts are hidden.")
    mod.must_see("You suspended wanderer (3 posts hidden).")
    mod.must_see(LIFT, "Copying answers between threads")
    assert_all_hidden(member_answers(mod), 3)
    mod.shot("a suspended member")
    undo_last(mod)
    mod.must_not_see(LIFT)
    assert_none_hidden(member_answers(mod), 3)
    open_thread(mod)
    assert_answer_visible(mod, RESTORED_EARLIER)

    # Suspend again, lift it (their posts come back), then Undo the lift: exactly that
    # suspension returns, with the same posts hidden, and nothing else moves.
    mod.click_link("wanderer")
    suspend(mod, "Copying answers again")
    assert_all_hidden(member_answers(mod), 3)
    mod.press(LIFT)
    mod.must_see("wanderer is reinstated; 3 of their posts restored.")
    mod.must_see("You lifted wanderer's suspension (3 posts restored).")
    mod.must_not_see(LIFT)
    assert_none_hidden(member_answers(mod), 3)
    undo_last(mod)
    mod.must_see(LIFT, "Copying answers again")
    assert_all_hidden(member_answers(mod), 3)
    open_thread(mod)
    assert_answer_visible(mod, RESTORED_EARLIER)

    # The audit log says all of it in words.
    mod.click_link("Moderation")
    mod.click_link("Audit log")
    mod.must_see("Warned", "Suspended", "Author reinstated", "Decision undone")
    mod.must_see("Log-in limits lifted", "6 failed log-ins forgotten")
    mod.shot("audit log of member actions")

    # The member reads why they are suspended, and the warning, in their inbox.
    member = open_browser("moderator-members-suspended-member")
    log_in(member, "wanderer")
    member.must_see("Your account is suspended until", "Copying answers again")
    inbox = member.driver.find_element(
        By.XPATH, "//nav//a[starts-with(normalize-space(), 'Inbox')]"
    )
    assert re.fullmatch(r"Inbox \d+", inbox.text.strip()), "no unread count on the inbox"
    member.click_link(inbox.text.strip())
    member.must_see("Please stop posting the same answer under several questions.")


# -- a campaign, the dry run, watched words ------------------------------------------------

# Five spun variants of one template, posted through the intake as any member posts.
VARIANTS = [
    "Great post! I found cheap replica watches at bestwatch.example, check it out today.",
    "Nice thread! I found cheap replica watches at bestwatch.example, have a look today.",
    "Great article! We found discount replica watches at bestwatch.example, check it out now.",
    "Cool post! I got cheap replica watches at bestwatch.example, take a look today.",
    "Awesome post! I found cheap luxury watches at bestwatch.example, check it out now.",
]


def post_a_campaign() -> None:
    threads = [Post.objects.get(pk=1), make_question(), make_question()]
    accounts = [make_user(f"watchseller{number}") for number in range(3)]
    for number, text in enumerate(VARIANTS):
        submit_post(
            author=accounts[number % 3], kind=Kind.COMMENT, body=text, parent=threads[number % 3]
        )


def watched_row(person, pattern: str):
    """The watched-words table's row for `pattern`, or None."""
    rows = person.driver.find_elements(
        By.XPATH, f"//table//tr[.//code[normalize-space()='{pattern}']]"
    )
    return rows[0] if rows else None


def test_a_moderator_clears_a_campaign_tries_a_threshold_and_watches_words(open_browser):
    make_moderator("mod")
    post_a_campaign()

    mod = open_browser("moderator-tools")
    log_in(mod, "mod")
    mod.click_link("Moderation")

    # The campaigns tab shows the five variants once, as one campaign.
    open_tab(mod, "Campaigns")
    mod.must_see("5 posts from 3 accounts in 3 threads")
    mod.shot("campaigns")
    mod.click_link("5 posts")
    mod.must_see("Campaign: 5 posts, 3 accounts, 3 threads", "watchseller0", "watchseller2")
    for text in VARIANTS:
        mod.must_see(text)
    mod.shot("a campaign")
    mod.press("Reject all as spam (5)")
    mod.must_see("Reject all as spam: 5 posts handled.", "No campaigns.")
    open_tab(mod, "Hidden as spam")
    for text in VARIANTS:
        mod.must_see(text)

    # The dry run: a lower hold threshold, replayed over every stored score.
    mod.click_link("Dry run a threshold")
    mod.must_see("The filter holds a post when its score is at least 0.5.")
    mod.fill("Hold posts scoring at least", "0.05")
    mod.press("Replay")
    assert "low_value=0.05" in mod.path
    mod.must_see("Would newly hold (", "Would newly publish (0)")
    newly_held = mod.driver.find_elements(By.CSS_SELECTOR, "ol.dry-run")[0]
    assert newly_held.find_elements(By.TAG_NAME, "li"), "the dry run lists nothing"
    mod.shot("dry run")

    # Watched words: one added with the button, one by pressing Enter; both listed; removed.
    mod.click_link("Back to the queue")
    mod.click_link("Watched words")
    mod.must_see("Nothing is watched yet.")
    mod.choose("Kind", "Word")
    mod.fill("Pattern", "casino*")
    mod.choose("Action", "Hold for review")
    mod.fill("Note", "Casino spam wave")
    mod.press("Watch for it")
    mod.must_see("Now watching for")
    assert "Hold for review" in watched_row(mod, "casino*").text
    mod.choose("Kind", "Link domain")
    mod.fill("Pattern", "bestwatch.example")
    mod.choose("Action", "Hide as spam")
    mod.enter("Pattern")
    assert "Hide as spam" in watched_row(mod, "bestwatch.example").text
    assert watched_row(mod, "casino*") is not None
    mod.shot("watched words")
    mod.press("Remove", within=watched_row(mod, "casino*"))
    mod.must_see("No longer watching for")
    assert watched_row(mod, "casino*") is None
    assert watched_row(mod, "bestwatch.example") is not None


# -- a thread: closing and locking, edits and their revisions, the audit log ---------------

ORIGINAL = "Why did the Japanese army lose the battle of Khalkhin Gol in 1939?"
UNDONE_FROM_LOG = 6  # a seed answer hidden from the thread page, then undone from the log


def thread_controls(person):
    """The question's moderator controls, unfolded."""
    unfold(person, "Close or lock (moderators)")
    return person.driver.find_element(By.CSS_SELECTOR, ".thread-controls")


def notices(person) -> str:
    return " ".join(
        notice.text for notice in person.driver.find_elements(By.CSS_SELECTOR, ".thread-notice")
    )


def test_a_moderator_closes_and_locks_a_thread_redacts_a_version_and_undoes_from_the_log(
    open_browser,
):
    mod_account = make_moderator("mod")
    original = make_question(title=ORIGINAL)
    own_comment = make_comment(
        Post.objects.get(pk=2), author=mod_account, body="Which source gives the tank numbers?"
    )

    mod = open_browser("moderator-thread")
    log_in(mod, "mod")
    open_thread(mod)

    # Close, lock, unlock, reopen: each says so on the page readers read.
    mod.fill("Reason for closing", "Needs one clear question", within=thread_controls(mod))
    mod.press("Close", within=thread_controls(mod))
    mod.must_see("The question is closed; it takes no new answers.")
    assert "Closed: Needs one clear question" in notices(mod)
    mod.fill("Reason for locking", "Heated argument in comments", within=thread_controls(mod))
    mod.press("Lock", within=thread_controls(mod))
    assert "Locked: Heated argument in comments" in notices(mod)
    mod.shot("a closed and locked thread")
    mod.press("Unlock", within=thread_controls(mod))
    mod.must_see("The question is unlocked.")
    assert "Locked" not in notices(mod)
    mod.fill("Reason for reopening", "Edited into one question", within=thread_controls(mod))
    mod.press("Reopen", within=thread_controls(mod))
    mod.must_see("The question is open for answers again.")
    assert notices(mod) == ""

    # Close as a duplicate, giving the original's number.
    controls = thread_controls(mod)
    mod.fill("Original question, if this is a duplicate", str(original.pk), within=controls)
    mod.press("Close", within=thread_controls(mod))
    assert f"Closed as a duplicate of {ORIGINAL}" in notices(mod)

    # A reader, not logged in, reads the same notice and follows it to the original.
    reader = open_browser("moderator-thread-reader")
    reader.go("/")
    open_thread(reader)
    assert f"Closed as a duplicate of {ORIGINAL}" in notices(reader)
    reader.click_link(ORIGINAL)
    reader.must_see(ORIGINAL)

    # Edit the question through its edit page, then redact the replaced version and lift it.
    mod.click_link("edit", within=by_id(mod, "question-1"))
    mod.fill("Body", "\n\nEdited: which factors mattered most?", clear=False)
    mod.press("Save edits")
    mod.must_see("which factors mattered most?")
    edited = mod.driver.find_element(
        By.XPATH, "//article[@id='question-1']//a[starts-with(normalize-space(), 'edited')]"
    )
    edited_link = edited.text.strip()
    mod.click_link(edited_link)
    mod.must_see("Edit history", "Version 1, replaced by mod")
    mod.fill("Reason", "Named a private person")
    mod.press("Redact this version")
    mod.must_see("Version 1 is redacted.", "redacted by a moderator")
    mod.shot("a redacted version")
    # A reader finds the replaced version withheld while it is redacted.
    open_thread(reader)
    reader.click_link(edited_link)
    version_1 = reader.driver.find_element(
        By.XPATH, "//section[.//div[starts-with(normalize-space(), 'Version 1,')]]"
    )
    assert "This version was removed from public view by a moderator." in version_1.text
    assert "Conventional wisdom" not in version_1.text
    mod.press("Make public again")
    mod.must_see("Version 1 is public again.")
    mod.must_not_see("redacted by a moderator")

    # Edit one's own comment through its edit page.
    open_thread(mod)
    comment = by_id(mod, f"comment-{own_comment.pk}")
    mod.click_link("edit", within=comment)
    mod.must_see("Edit comment")
    mod.fill("Comment", "Which source gives the tank numbers for August 1939?")
    mod.press("Save edits")
    assert "tank numbers for August 1939?" in by_id(mod, f"comment-{own_comment.pk}").text

    # Hide an answer, then undo it from its entry in the audit log.
    mod.press("hide", within=answer(mod, UNDONE_FROM_LOG))
    assert_answer_hidden(mod, UNDONE_FROM_LOG)
    mod.click_link("Moderation")
    mod.click_link("Audit log")
    mod.must_see(
        "Closed",
        "Reopened",
        "Locked",
        "Unlocked",
        "Revision redacted",
        "Revision redaction lifted",
        "Hidden: “visible” → “hidden by a moderator”",
    )
    mod.shot("audit log")
    row = mod.driver.find_element(
        By.XPATH,
        f"//tr[.//a[normalize-space()='answer {UNDONE_FROM_LOG}'] and contains(., 'Hidden:')]",
    )
    mod.press("Undo", within=row)
    mod.must_see("Undone: 1 decision.", "Decision undone: “hidden by a moderator” → “visible”")
    open_thread(mod)
    assert_answer_visible(mod, UNDONE_FROM_LOG)

    # Search from the search page's own form.
    mod.fill("Search", "Zhukov")
    mod.enter("Search")
    mod.must_see("Search", TITLE)
    mod.fill("Search terms", "tanks")
    mod.press("Search", within=mod.driver.find_element(By.TAG_NAME, "main"))
    assert "q=tanks" in mod.path
    mod.must_see(TITLE)

"""A reader: the list, the seeded thread, a tag, a search; on a desk, on a phone, without
JavaScript. Readers see the seven real answers and none of the seven spinner comments."""

import pytest

from tests.browser import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = (
    "How to explain the Khalkhin Gol outcome in view of Soviet weakness "
    "and Japanese strength at that time?"
)
# One phrase from each seed spam comment, as a reader would notice it.
SPAM = [
    "I congratulate, the bright idea",
    "Write to me in PM",
]


def read_the_thread(person) -> None:
    person.go("/")
    person.must_see(TITLE)
    person.shot("question list")
    person.click_link(TITLE)
    person.must_see("7 Answers", "Executive Summary")
    person.must_not_see(*SPAM)
    assert len(person.driver.find_elements("css selector", "article.answer")) == 7
    person.shot("the Khalkhin Gol thread")

    person.click_link("battles")
    person.must_see("battles", TITLE)
    person.shot("a tag")

    person.open_menu()
    person.fill("Search", "Zhukov")
    person.enter("Search")
    person.must_see(TITLE)
    person.shot("search for Zhukov")


def test_a_reader_finds_the_thread_and_no_spam(open_browser):
    read_the_thread(open_browser("reader-desktop"))


def test_a_reader_on_a_phone_finds_the_thread(open_browser):
    read_the_thread(open_browser("reader-phone", size=PHONE))


def test_a_reader_without_javascript_finds_the_thread(open_browser):
    read_the_thread(open_browser("reader-no-javascript", size=PHONE, javascript=False))

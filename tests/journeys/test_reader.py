"""A reader: the list, the seeded thread, a tag, a search; on a desk, on a phone, without
JavaScript. Readers see the seven real answers and none of the seven spinner comments."""

from urllib.request import urlopen

import feedparser
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
    follow_the_thread_in_a_feed_reader(person)

    person.click_link("battles")
    person.must_see("battles", TITLE)
    person.shot("a tag")

    person.open_menu()
    person.fill("Search", "Zhukov")
    person.enter("Search")
    person.must_see(TITLE)
    person.shot("search for Zhukov")


def follow_the_thread_in_a_feed_reader(person) -> None:
    """The reader copies the thread's feed link into a feed reader, which finds the same feed
    in the page's <head>: the answers are there, the held spam is not."""
    links = person.links("Atom feed")
    assert len(links) == 1, "the thread page shows one Atom feed link"
    address = links[0].get_attribute("href")
    offered = person.driver.find_elements("css selector", 'head link[rel="alternate"]')
    assert address in [link.get_attribute("href") for link in offered]
    with urlopen(address, timeout=10) as response:
        feed = feedparser.parse(
            response.read(), response_headers={"content-type": response.headers["Content-Type"]}
        )
    assert not feed.bozo, feed.get("bozo_exception")
    assert TITLE in feed.feed.title
    answers = [entry for entry in feed.entries if entry.title.startswith("Answer by")]
    assert len(answers) == 7
    everything = " ".join(entry.summary for entry in feed.entries)
    assert "Executive Summary" in everything
    for phrase in SPAM:
        assert phrase not in everything


def test_a_reader_finds_the_thread_and_no_spam(open_browser):
    read_the_thread(open_browser("reader-desktop"))


def test_a_reader_on_a_phone_finds_the_thread(open_browser):
    read_the_thread(open_browser("reader-phone", size=PHONE))


def test_a_reader_without_javascript_finds_the_thread(open_browser):
    read_the_thread(open_browser("reader-no-javascript", size=PHONE, javascript=False))

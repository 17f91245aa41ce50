"""Feeds: the newest questions, a tag's questions and a thread's replies, in Atom and RSS, read
as a feed reader reads them (feedparser), through the one visibility rule."""

import feedparser
import pytest
from django.test import Client
from django.urls import reverse

from forum.moderation.decisions import hide_post
from forum.posts.models import Post, Status
from tests.factories import make_answer, make_comment, make_moderator, make_question, make_user

pytestmark = pytest.mark.django_db

FORMS = ("atom", "rss")


def feed_urls(question, tag="tanks") -> dict[str, str]:
    """Every feed that could show `question` or its replies, by name."""
    urls = {}
    for form in FORMS:
        urls[f"newest {form}"] = reverse(f"questions:feed_{form}")
        urls[f"tag {form}"] = reverse(f"questions:tag_{form}", args=[tag])
        urls[f"thread {form}"] = reverse(f"questions:thread_{form}", args=[question.pk])
    return urls


def read_feed(client, url):
    """The feed as a reader gets it: parsed, with no error of any kind."""
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    assert not parsed.bozo, f"{url}: {parsed.get('bozo_exception')}"
    return parsed


def links_in(client, url) -> set[str]:
    """The paths of the entries of the feed at `url`; none when the feed itself is a 404 (a
    hidden thread's feed answers like an absent one)."""
    if client.get(url).status_code == 404:
        return set()
    return {
        entry.link.removeprefix("http://testserver") for entry in read_feed(client, url).entries
    }


@pytest.fixture
def thread(db):
    """A tagged question with an answer and a comment on each, written in Markdown."""
    asker, answerer = make_user("asker"), make_user("answerer")
    question = make_question(
        author=asker,
        title="How did the armoured battle at the river end — and why?",
        body="**Zhukov** crossed the river. <script>alert(1)</script> Ça va.",
    )
    question.tags.create(name="tanks")
    answer = make_answer(question, author=answerer, body="Tanks crossed at *dawn*.")
    make_comment(question, author=answerer, body="Which river?")
    make_comment(answer, author=asker, body="Thanks, and the bridges?")
    return question, answer


def test_every_feed_is_read_by_a_feed_reader_without_an_error(client, thread):
    for name, url in feed_urls(thread[0]).items():
        parsed = read_feed(client, url)
        assert parsed.version.startswith(name.split()[-1]), (name, parsed.version)
        assert parsed.entries, name


def test_the_newest_questions_feed_lists_questions_newest_first(client, db):
    older = make_question(title="An older question about the armoured battle")
    newer = make_question(title="A newer question about the armoured battle")
    for form in FORMS:
        entries = read_feed(client, reverse(f"questions:feed_{form}")).entries
        assert [entry.title for entry in entries] == [newer.title, older.title]


def test_a_tag_feed_lists_only_questions_carrying_the_tag(client, thread):
    make_question(title="An untagged question about the armoured battle")
    for form in FORMS:
        entries = read_feed(client, reverse(f"questions:tag_{form}", args=["tanks"])).entries
        assert [entry.title for entry in entries] == [thread[0].title]
        assert [tag.term for tag in entries[0].tags] == ["tanks"]


def test_a_threads_feed_lists_its_answers_and_comments_with_their_authors(client, thread):
    for form in FORMS:
        url = reverse(f"questions:thread_{form}", args=[thread[0].pk])
        titles = sorted(entry.title for entry in read_feed(client, url).entries)
        assert titles == ["Answer by answerer", "Comment by answerer", "Comment by asker"]


def test_feed_entries_carry_the_rendered_and_sanitised_html(client, thread):
    for form in FORMS:
        response = client.get(reverse(f"questions:feed_{form}"))
        entry = read_feed(client, reverse(f"questions:feed_{form}")).entries[0]
        assert "<strong>Zhukov</strong>" in entry.summary
        assert "**Zhukov**" not in response.text  # never the Markdown source
        # The author's <script> is text in the HTML, so escaped twice in the XML.
        assert "&lt;script" not in response.text.replace("&amp;lt;script", "")


def test_entries_link_to_the_post_on_its_thread_page(client, thread):
    question, answer = thread
    url = reverse("questions:thread_atom", args=[question.pk])
    assert f"{question.get_absolute_url()}#{answer.anchor}" in links_in(client, url)
    assert question.get_absolute_url() in links_in(client, reverse("questions:feed_atom"))


def test_control_characters_a_form_let_through_do_not_break_the_feed(client, db):
    question = make_question(title="A question about the\x0bbattle at the river", body="A\x1bB")
    make_answer(question, body="An answer with a \x0c form feed in it.")
    for url in feed_urls(question).values():
        if "tag" not in url:
            read_feed(client, url)


@pytest.mark.parametrize(
    "url", ["/feeds/tags/no-such-tag.atom", "/questions/987654/feed.rss", "/feeds/questions.json"]
)
def test_a_feed_of_nothing_is_a_404(client, db, url):
    assert client.get(url).status_code == 404


def test_a_feed_is_the_same_for_members_and_moderators_as_for_readers(client, thread):
    """Feeds are shared documents (feed readers send no cookies; the page cache keeps them):
    nobody's own held posts or moderator's view reach one."""
    held = make_answer(thread[0], author=thread[1].author, status=Status.HELD)
    url = reverse("questions:thread_atom", args=[thread[0].pk])
    for user in (held.author, make_moderator("modfeed")):
        logged_in = Client()
        logged_in.force_login(user)
        assert links_in(logged_in, url) == links_in(client, url)


# --- The visibility matrix over the feeds -----------------------------------------------------
#
# Every status of every kind of post, and of a post under a hidden one, read by an anonymous
# reader, the post's author and a moderator: a feed shows exactly what an anonymous reader may
# read (tests/posts/test_selectors.py is the rule's own matrix), whoever asks.

STATUSES = [Status.VISIBLE, Status.HELD, Status.SPAM, Status.HIDDEN]
VIEWERS = ["anonymous", "author", "moderator"]


def _probe(kind: str, status: str):
    """A thread with one post of `kind` in `status`; the post and the question."""
    author = make_user("prober")
    question = make_question(title="A question the matrix probes, about the river")
    question.tags.create(name="tanks")
    if kind == "question":
        Post.objects.filter(pk=question.pk).update(author=author, status=status)
        # Another question keeps the tag's feed alive when this one is out of view.
        make_question(title="Another question on the same river").tags.add(*question.tags.all())
        return question, question
    if kind == "answer":
        return make_answer(question, author=author, status=status), question
    if kind == "comment":
        return make_comment(make_answer(question), author=author, status=status), question
    if kind == "answer under a hidden question":
        answer = make_answer(question, author=author)
        Post.objects.filter(pk=question.pk).update(status=status)
        return answer, question
    if kind == "comment under a hidden answer":
        answer = make_answer(question, status=status)
        return make_comment(answer, author=author), question
    raise AssertionError(kind)


def _viewer(name: str, post: Post) -> Client:
    viewer = Client()
    if name == "author":
        viewer.force_login(post.author)
    elif name == "moderator":
        viewer.force_login(make_moderator("matrixmod"))
    return viewer


@pytest.mark.parametrize("viewer_name", VIEWERS)
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("kind", ["question", "answer", "comment"])
def test_feeds_show_a_post_only_when_readers_may_read_it(db, kind, status, viewer_name):
    post, question = _probe(kind, status)
    viewer = _viewer(viewer_name, post)
    where = post.get_absolute_url()
    # Questions are entries of the question feeds, replies of their thread's feed.
    listing = ("newest", "tag") if kind == "question" else ("thread",)
    for name, url in feed_urls(question).items():
        shown = where in links_in(viewer, url)
        expected = status == Status.VISIBLE and name.split()[0] in listing
        assert shown == expected, f"{name} feed, {status} {kind}, read by {viewer_name}"


@pytest.mark.parametrize("viewer_name", VIEWERS)
@pytest.mark.parametrize("status", [Status.HELD, Status.SPAM, Status.HIDDEN])
@pytest.mark.parametrize(
    "kind", ["answer under a hidden question", "comment under a hidden answer"]
)
def test_feeds_never_show_a_reply_under_a_post_readers_may_not_read(db, kind, status, viewer_name):
    post, question = _probe(kind, status)
    viewer = _viewer(viewer_name, post)
    for name, url in feed_urls(question).items():
        assert post.get_absolute_url() not in links_in(viewer, url), name


# --- Cached, and never stale --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_feeds_are_served_from_the_page_cache(thread):
    reader = Client()
    for name, url in feed_urls(thread[0]).items():
        first, second = reader.get(url), reader.get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), name
        assert first.content == second.content


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("target", ["question", "answer", "comment"])
def test_a_post_a_moderator_hides_leaves_every_feed_at_once(thread, target):
    question, answer = thread
    post = {
        "question": question,
        "answer": answer,
        "comment": Post.objects.comments().filter(parent=answer).get(),
    }[target]
    reader, where = Client(), post.get_absolute_url()
    urls = feed_urls(question)
    # Every feed read (and cached) first; the post is in the ones that list its kind.
    before = {name: links_in(reader, url) for name, url in urls.items()}
    assert any(where in links for links in before.values())

    hide_post(moderator=make_moderator("hider"), post=post, reason="Rude")

    for name, url in urls.items():
        assert where not in links_in(reader, url), f"{name} feed still shows the {target}"


def test_entry_ids_are_absolute_addresses(client, thread):
    """Atom requires an absolute IRI as id; readers use it to tell entries apart."""
    for url in feed_urls(thread[0]).values():
        for entry in read_feed(client, url).entries:
            assert entry.id.startswith("http://testserver/"), (url, entry.id)

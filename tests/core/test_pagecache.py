"""The anonymous page cache: hits for readers, never for members, never stale after a write.

Writes run in real transactions (transaction=True): the versions move after the commit, as
in a request, and the page is requested straight after.
"""

import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from forum.answers.services import accept_answer, post_answer
from forum.comments.services import post_comment
from forum.core import pagecache
from forum.core.copies import copies
from forum.moderation.closing import (
    close_question,
    lock_question,
    reopen_question,
    unlock_question,
)
from forum.moderation.decisions import approve_post, hide_post
from forum.moderation.intake import revise_post
from forum.moderation.members import suspend_member
from forum.moderation.revisions import redact_revision, unredact_revision
from forum.posts.models import Post, Revision, Status
from forum.questions.services import edit_question
from forum.votes.services import cast_vote
from tests.factories import make_answer, make_moderator, make_question, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def thread():
    question = make_question(title="How did the armoured battle at the river end?")
    answer = make_answer(question, author=make_user("answerer"), body="Tanks crossed at dawn.")
    return question, answer


def test_an_anonymous_readers_second_request_is_served_from_the_cache(reader, thread):
    url = thread[0].get_absolute_url()
    first, second = reader.get(url), reader.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first.content == second.content


def test_members_are_never_served_cached_pages(reader, thread, member):
    url = thread[0].get_absolute_url()
    reader.get(url)
    member_client = Client()
    member_client.force_login(member)
    response = member_client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "Log out" in response.text


@pytest.mark.parametrize("query", [{"utm_source": "x"}, {"page": "abc"}, {"sort": "nonsense"}])
def test_unknown_or_malformed_query_strings_are_never_stored(reader, thread, query):
    reader.get("/", query)
    assert "X-Page-Cache" not in reader.get("/", query)


def test_a_matching_etag_gets_a_304_without_the_page(reader, thread):
    url = thread[0].get_absolute_url()
    etag = reader.get(url)["ETag"]
    response = reader.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_a_post_page_revalidated_after_a_write_is_sent_again(reader, thread, moderator):
    question, answer = thread
    url = question.get_absolute_url()
    etag = reader.get(url)["ETag"]
    hide_post(moderator=moderator, post=answer)
    assert reader.get(url, headers={"If-None-Match": etag}).status_code == 200


def _answer(question, answer, moderator):
    post_answer(author=moderator, parent=question, body="The envelopment by Zhukov won it.")
    return "The envelopment by Zhukov won it.", True


def _comment(question, answer, moderator):
    post_comment(author=moderator, parent=answer, body="Which bridge did they use?")
    return "Which bridge did they use?", True


def _edit(question, answer, moderator):
    revise_post(editor=moderator, post=answer, body="Tanks crossed at dusk, not dawn.")
    return "Tanks crossed at dusk, not dawn.", True


def _retag(question, answer, moderator):
    edit_question(
        editor=moderator,
        question=question,
        title=question.title,
        body=question.body,
        tag_names=["khalkhin-gol"],
    )
    return "khalkhin-gol", True


def _vote(question, answer, moderator):
    cast_vote(user=moderator, post=answer, value=1)
    return "data-score>1</div>", True


def _accept(question, answer, moderator):
    accept_answer(answer=answer, by=answer.thread.author)
    return "Accepted answer", True


def _hide(question, answer, moderator):
    hide_post(moderator=moderator, post=answer)
    return "Tanks crossed at dawn.", False


def _approve_held(question, answer, moderator):
    held = make_answer(question, body="A held answer about the bridges.", status=Status.HELD)
    approve_post(moderator=moderator, post=held)
    return "A held answer about the bridges.", True


def _suspend(question, answer, moderator):
    suspend_member(moderator=moderator, member=answer.author, hide_posts=True)
    return "Tanks crossed at dawn.", False


def _close(question, answer, moderator):
    close_question(moderator=moderator, question=question, reason="Asks for opinions")
    return "Asks for opinions", True


def _lock(question, answer, moderator):
    lock_question(moderator=moderator, question=question, reason="Heated argument")
    return "Heated argument", True


def _reopen(question, answer, moderator):
    close_question(moderator=moderator, question=question, reason="Asks for opinions")
    reopen_question(moderator=moderator, question=question)
    return "Asks for opinions", False


def _unlock(question, answer, moderator):
    lock_question(moderator=moderator, question=question, reason="Heated argument")
    unlock_question(moderator=moderator, question=question)
    return "Heated argument", False


WRITES = [
    _answer,
    _comment,
    _edit,
    _retag,
    _vote,
    _accept,
    _hide,
    _approve_held,
    _suspend,
    _close,
    _lock,
    _reopen,
    _unlock,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__.strip("_") for write in WRITES])
def test_the_thread_page_is_fresh_straight_after_every_kind_of_write(reader, thread, write):
    question, answer = thread
    url = question.get_absolute_url()
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"
    text, shown = write(question, answer, make_moderator())
    response = reader.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert (text in response.text) is shown


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__.strip("_") for write in WRITES])
def test_lists_are_rebuilt_straight_after_every_kind_of_write(reader, thread, write):
    question, answer = thread
    pages = ["/", reverse("questions:profile", args=[answer.author.username])]
    for page in pages:
        reader.get(page)
    write(question, answer, make_moderator())
    assert [reader.get(page)["X-Page-Cache"] for page in pages] == ["miss", "miss"]


def test_a_redacted_revision_is_gone_from_the_next_anonymous_request(reader, thread, moderator):
    _question, answer = thread
    revise_post(editor=answer.author, post=answer, body="Tanks crossed at dusk, not dawn.")
    url = reverse("posts:revisions", args=[answer.pk])
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"
    redact_revision(moderator=moderator, revision=Revision.objects.get(post=answer))
    assert "Tanks crossed at dawn." not in reader.get(url).text


def test_an_unredacted_revision_is_back_on_the_next_anonymous_request(reader, thread, moderator):
    _question, answer = thread
    revise_post(editor=answer.author, post=answer, body="Tanks crossed at dusk, not dawn.")
    revision = Revision.objects.get(post=answer)
    redact_revision(moderator=moderator, revision=revision)
    url = reverse("posts:revisions", args=[answer.pk])
    reader.get(url)
    unredact_revision(moderator=moderator, revision=revision)
    assert "Tanks crossed at dawn." in reader.get(url).text


def test_a_question_hidden_after_it_was_cached_is_gone_from_the_list(reader, thread):
    question, _ = thread
    assert question.title in reader.get("/").text
    hide_post(moderator=make_moderator(), post=question)
    assert question.title not in reader.get("/").text
    assert reader.get(question.get_absolute_url()).status_code == 404


def test_a_moved_version_makes_the_next_request_a_miss(reader, thread):
    question, _ = thread
    url = question.get_absolute_url()
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"
    pagecache.thread_changed(question.pk)  # outside a transaction: moves at once
    assert reader.get(url)["X-Page-Cache"] == "miss"


def test_an_evicted_version_never_brings_back_the_page_stored_under_it(reader, thread):
    question, answer = thread
    url = question.get_absolute_url()
    reader.get(url)
    # The answer changes and the thread's version is lost (evicted; or a move that never
    # reached the cache): the page stored under the old version must not come back.
    Post.objects.filter(pk=answer.pk).update(body_html="<p>Tanks crossed at dusk.</p>")
    cache.delete(pagecache._thread(question.pk))
    page = reader.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Tanks crossed at dusk." in page.text
    assert reader.get(url)["X-Page-Cache"] == "hit"


def test_the_cache_can_be_turned_off(reader, thread, settings):
    settings.FORUM_PAGE_CACHE_SECONDS = 0
    reader.get("/")
    assert "X-Page-Cache" not in reader.get("/")


def test_an_unknown_host_is_refused_even_when_the_page_is_cached(reader, thread):
    url = thread[0].get_absolute_url()
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"
    assert reader.get(url, headers={"Host": "forum.attacker.example"}).status_code == 400


def test_an_unknown_host_gets_no_304_for_a_cached_page_either(reader, thread):
    url = thread[0].get_absolute_url()
    etag = reader.get(url)["ETag"]
    response = reader.get(url, headers={"Host": "forum.attacker.example", "If-None-Match": etag})
    assert response.status_code == 400


@pytest.fixture
def deployment(settings):
    """Switch the cache to the real Redis (REDIS_URL, set in CI) under a given key prefix, as
    two deployments sharing one Redis database would each see it."""
    if not settings.REDIS_URL:
        pytest.skip("needs a real Redis: set REDIS_URL (CI runs tests/core with it)")

    def use(prefix: str) -> None:
        settings.CACHES = {
            "default": {
                "BACKEND": "forum.core.resilient_cache.ResilientRedisCache",
                "LOCATION": settings.REDIS_URL,
                "KEY_PREFIX": prefix,
            }
        }

    yield use
    cache.clear()


def test_two_deployments_sharing_one_redis_never_serve_each_others_pages(
    reader, thread, deployment
):
    question, answer = thread
    url = question.get_absolute_url()
    deployment("forum-site-a")
    assert reader.get(url)["X-Page-Cache"] == "miss"
    # The other deployment's database answers otherwise at the same address (no write service
    # runs: site A's versions are not moved, as a foreign database's writes never do).
    Post.objects.filter(pk=answer.pk).update(body_html="<p>The other site's answer.</p>")
    deployment("forum-site-b")
    other = reader.get(url)
    assert other["X-Page-Cache"] == "miss"
    assert "The other site's answer." in other.text
    deployment("forum-site-a")
    own = reader.get(url)
    assert own["X-Page-Cache"] == "hit"
    assert "Tanks crossed at dawn." in own.text


def _footer_reputation(shown: str) -> str:
    return f'<span class="reputation" title="Reputation">{shown}</span>'


def test_a_members_new_reputation_reaches_their_footers_on_their_other_threads(reader, thread):
    answer = thread[1]
    elsewhere = make_question(answer.author, title="Where did the cavalry ford the river?")
    url = elsewhere.get_absolute_url()
    reader.get(url)
    cached = reader.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert _footer_reputation("1") in cached.text
    cast_vote(user=make_user("voter"), post=answer, value=1)  # on the other thread: 1 → 11
    assert _footer_reputation("11") in reader.get(url).text


def test_a_reputation_change_footers_do_not_show_leaves_other_threads_cached(reader, thread):
    answer = thread[1]
    type(answer.author).objects.filter(pk=answer.author_id).update(reputation=5000)
    elsewhere = make_question(answer.author, title="Where did the cavalry ford the river?")
    url = elsewhere.get_absolute_url()
    reader.get(url)
    cast_vote(user=make_user("voter"), post=answer, value=1)  # 5,000 → 5,010: still "5.0k"
    page = reader.get(url)
    assert page["X-Page-Cache"] == "hit"
    assert _footer_reputation("5.0k") in page.text


def _hit(reader, url: str, redis_commands) -> list[str]:
    """The commands a request for `url` sent to Redis; it must have been a cached page."""
    responses = []
    sent = redis_commands(lambda: responses.append(reader.get(url)))
    assert responses[0]["X-Page-Cache"] == "hit"
    return sent


@pytest.mark.parametrize("page", ["thread", "list"])
def test_a_cached_page_costs_no_round_trip_to_redis_once_the_process_has_served_it(
    reader, thread, redis_commands, page
):
    url = thread[0].get_absolute_url() if page == "thread" else "/"
    reader.get(url)
    assert _hit(reader, url, redis_commands) == []


def test_a_process_without_a_copy_of_a_cached_page_reads_it_in_one_round_trip(
    reader, thread, redis_commands
):
    url = thread[0].get_absolute_url()
    reader.get(url)
    copies.clear()  # as another worker, which has not served the page
    assert _hit(reader, url, redis_commands) == ["GET"]


def test_a_write_made_on_another_server_is_shown_to_this_servers_readers_at_once(
    reader, thread, redis_commands, settings
):
    question, answer = thread
    url = question.get_absolute_url()
    reader.get(url)
    assert _hit(reader, url, redis_commands) == []
    # Another app server edits the answer: its write service moves the thread's version in
    # Redis through a connection of its own.
    Post.objects.filter(pk=answer.pk).update(body_html="<p>Edited on the other server.</p>")
    other_server = redis.Redis.from_url(settings.REDIS_URL)
    other_server.incr(cache.make_key(pagecache.thread_version_keys(question.pk)[1]))
    other_server.close()
    # Shown as soon as Redis's message reaches this process: on one machine, within the
    # microseconds Redis takes to write it out after its answer to the other server.
    started = time.monotonic()
    while (page := reader.get(url))["X-Page-Cache"] == "hit":
        assert time.monotonic() - started < 0.1, "the change did not reach this server"
    assert "Edited on the other server." in page.text

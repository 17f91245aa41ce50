"""The thread page's post fragments: rendered once, shared by pages and viewers, never stale,
and each viewer's own controls added with at most two queries (forum/questions/fragments.py).

Writes run in real transactions (transaction=True): the versions move after the commit, as
in a request, and the page is requested straight after.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forum.comments.services import post_comment
from forum.core.copies import copies
from forum.moderation.decisions import hide_post
from forum.moderation.intake import revise_post
from forum.posts.models import Status
from forum.votes.services import cast_vote
from tests.factories import make_answer, make_comment, make_moderator, make_question, make_user

pytestmark = pytest.mark.django_db(transaction=True)

POST_TEMPLATES = {"questions/_question_post.html", "questions/_answer.html"}


def _rendered(response) -> set[str]:
    """The post fragments' templates this request rendered (the test client records them)."""
    return {template.name for template in response.templates} & POST_TEMPLATES


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def thread():
    question = make_question(title="How did the armoured battle at the river end?")
    answer = make_answer(question, author=make_user("answerer"), body="Tanks crossed at dawn.")
    make_comment(answer, body="Which bridge did they cross?")
    return question, answer


def test_a_second_member_is_shown_the_posts_the_first_ones_page_rendered(thread):
    question, _ = thread
    url = question.get_absolute_url()
    first = _client_for(make_user("first")).get(url)
    assert _rendered(first) == POST_TEMPLATES
    second = _client_for(make_user("second")).get(url)
    assert _rendered(second) == set()
    assert "Tanks crossed at dawn." in second.text
    assert "Which bridge did they cross?" in second.text


def test_a_member_is_shown_the_posts_an_anonymous_readers_page_rendered(thread):
    question, _ = thread
    url = question.get_absolute_url()
    assert _rendered(Client().get(url)) == POST_TEMPLATES
    assert _rendered(_client_for(make_user()).get(url)) == set()


def test_the_second_page_of_answers_reuses_the_questions_fragment(thread, settings):
    settings.FORUM_ANSWERS_PER_PAGE = 1
    question, _ = thread
    make_answer(question, body="The second answer, on page two.")
    client = _client_for(make_user())
    client.get(question.get_absolute_url())
    page_two = client.get(question.get_absolute_url(), {"page": 2})
    footers = [t for t in page_two.templates if t.name == "questions/_post_footer.html"]
    assert len(footers) == 1  # the answer's on this page; the question's came rendered


def _edit(question, answer):
    revise_post(editor=answer.author, post=answer, body="Tanks crossed at noon, not dawn.")
    return "Tanks crossed at noon, not dawn."


def _vote(question, answer):
    cast_vote(user=make_user("voter"), post=answer, value=1)
    return "data-score>1</div>"


def _comment(question, answer):
    post_comment(author=make_user("asker2"), parent=answer, body="Was it the northern bridge?")
    return "Was it the northern bridge?"


def _hide(question, answer):
    hide_post(moderator=make_moderator(), post=answer)
    return "Hidden by a moderator"  # the moderator looking sees it marked


def _reputation(question, answer):
    # A vote on another thread moves the answerer's reputation shown in this footer: 1 → 11.
    elsewhere = make_answer(make_question(), author=answer.author)
    cast_vote(user=make_user("voter"), post=elsewhere, value=1)
    return '<span class="reputation" title="Reputation">11</span>'


WRITES = [_edit, _vote, _comment, _hide, _reputation]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__.strip("_") for write in WRITES])
def test_a_members_next_page_shows_every_kind_of_write_at_once(thread, write):
    question, answer = thread
    viewer = _client_for(make_moderator("watcher"))  # sees hidden posts too, marked
    url = question.get_absolute_url()
    viewer.get(url)
    assert _rendered(viewer.get(url)) == set()  # the fragments are cached
    shown = write(question, answer)
    assert shown in viewer.get(url).text


def test_a_members_own_vote_shows_only_on_their_page(thread):
    question, answer = thread
    voter, other = make_user("voter"), make_user("other")
    cast_vote(user=voter, post=answer, value=1)
    pressed = 'value="retract" title="Retract your upvote" aria-pressed="true"'
    assert pressed in _client_for(voter).get(question.get_absolute_url()).text
    assert pressed not in _client_for(other).get(question.get_absolute_url()).text
    assert pressed not in Client().get(question.get_absolute_url()).text


def test_held_answers_stay_hidden_from_members_who_share_the_fragments(thread):
    question, _ = thread
    author = make_user("heldauthor")
    make_answer(question, author=author, body="My held answer about fording.", status=Status.HELD)
    url = question.get_absolute_url()
    assert "My held answer about fording." in _client_for(author).get(url).text
    assert "My held answer about fording." not in _client_for(make_user()).get(url).text


@pytest.mark.parametrize("answers", [1, 20])
def test_a_members_thread_page_runs_a_fixed_number_of_queries(
    thread, answers, django_assert_num_queries
):
    question, _ = thread
    for _ in range(answers):
        make_comment(make_answer(question))
    member = make_user("reader")
    cast_vote(user=member, post=question, value=1)
    client = _client_for(member)
    client.get(question.get_absolute_url())  # the posts' fragments are cached from here on
    # the question, its answers, their comments and the member's votes, flags, appeals and
    # unread count on them, in one query (the session, the member and their permissions come
    # from the cache: forum/accounts/usercache.py)
    with django_assert_num_queries(1):
        assert client.get(question.get_absolute_url()).status_code == 200


def test_the_members_own_part_of_the_page_costs_at_most_two_queries(thread):
    question, _ = thread
    url = question.get_absolute_url()
    client = _client_for(make_user("reader"))
    client.get(url)
    # An anonymous reader's first request for this address: rendered, not a stored copy.
    with CaptureQueriesContext(connection) as anonymous:
        Client().get(url, {"page": "1"})
    with CaptureQueriesContext(connection) as members:
        client.get(url, {"page": "1"})
    # The session and the user are read by Django's middleware for every member's page.
    own = len(members.captured_queries) - len(anonymous.captured_queries) - 2
    assert own <= 2


def test_a_page_whose_posts_are_cached_reads_its_rows_once(
    thread, settings, django_assert_num_queries
):
    settings.FORUM_PAGE_CACHE_SECONDS = 0  # a page miss; the posts stay shared
    settings.FORUM_FRAGMENT_CACHE_SECONDS = 600
    question, _ = thread
    url = question.get_absolute_url()
    Client().get(url, {"page": "1"})  # renders and stores the posts
    # The thread's versions come with the posts, in the same cache read: the rows are not
    # read again after them, as they are when a post has to be rendered.
    with django_assert_num_queries(1):
        assert _rendered(Client().get(url, {"page": "1"})) == set()


def test_a_process_without_copies_is_shown_the_posts_another_process_rendered(thread):
    question, _ = thread
    url = question.get_absolute_url()
    assert _rendered(_client_for(make_user("first")).get(url)) == POST_TEMPLATES
    copies.clear()  # as another worker, which has not shown the thread yet
    second = _client_for(make_user("second")).get(url)
    assert _rendered(second) == set()
    assert "Tanks crossed at dawn." in second.text


def test_a_members_page_this_process_served_before_asks_redis_for_nothing(thread, redis_commands):
    question, _ = thread
    url = question.get_absolute_url()
    member = _client_for(make_user("reader"))
    member.get(url)
    member.get(url)  # the log-in moved the member's generation: read again once
    responses = []
    sent = redis_commands(lambda: responses.append(member.get(url)))
    assert _rendered(responses[0]) == set()
    # The session, the member, the versions and the posts are all kept in the process, and
    # Redis says when one changes (forum/core/tracked.py).
    assert sent == []

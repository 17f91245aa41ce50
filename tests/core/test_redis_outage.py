"""Redis down, the site up: pages render, members log in and post, limits fail open with a
warning, and nothing answers 500 (forum/core/resilient_cache.py).

The outage is real, never a mock: the cache points at a port nobody listens on (connection
refused), or at a Redis server of the test's own that is paused mid-test (a stuck server).
"""

import logging
import socket
import subprocess
import time

import pytest
from django.test import Client
from django.urls import reverse

from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.core import resilient_cache
from forum.moderation.models import Flag
from forum.posts.models import Status
from forum.questions.models import Question
from forum.votes.models import Vote
from forum.watchlist.models import WatchedPattern
from tests.factories import (
    ANSWER_BODY,
    PASSWORD,
    QUESTION_BODY,
    make_answer,
    make_established_member,
    make_moderator,
    make_question,
    make_user,
    sign_up,
)
from tests.redis_server import redis_server

CLOSED_PORT = 6390  # nothing listens here: every connection is refused


def _redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "forum.core.resilient_cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def redis_down(settings):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", CLOSED_PORT)) == 0:
            pytest.skip(f"something listens on {CLOSED_PORT}")
    resilient_cache._OUTAGES.clear()
    settings.CACHES = _redis_cache(f"redis://127.0.0.1:{CLOSED_PORT}/0")
    yield
    resilient_cache._OUTAGES.clear()


def _limit(settings, group, **rates):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, group: rates}


pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "shows"),
    [
        ("thread", "armoured battle"),
        ("/", "armoured battle"),
        ("/search/?q=armoured", "armoured battle"),
        ("/users/", "answerer"),
        ("/tags/", "Tags"),
    ],
)
def test_anonymous_pages_render_while_redis_is_down(redis_down, client, page, shows):
    question = make_question(title="How did the armoured battle end?")
    make_answer(question, author=make_user("answerer"))
    url = question.get_absolute_url() if page == "thread" else page
    first, second = client.get(url), client.get(url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert shows in second.text
    assert second["X-Page-Cache"] == "miss"  # rendered again: nothing was kept


def test_members_log_in_and_stay_logged_in_while_redis_is_down(redis_down, client):
    member = make_user("alice")
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == member


def test_sign_up_works_while_redis_is_down(redis_down, client):
    assert sign_up(client).status_code == 302
    assert client.get("/").context["user"].username == "newcomer"


def test_members_ask_answer_comment_vote_and_flag_while_redis_is_down(redis_down, client):
    question = make_question()
    client.force_login(make_established_member())
    asked = client.post(
        reverse("questions:ask"), {"title": "Which river was it on?", "body": QUESTION_BODY}
    )
    answered = client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    commented = client.post(
        reverse("comments:create", args=[question.pk]), {"body": "Which year was that?"}
    )
    voted = client.post(reverse("votes:vote", args=[question.pk]), {"value": "up"})
    flagged = client.post(reverse("moderation:flag", args=[question.pk]), {"reason": "spam"})
    codes = [r.status_code for r in (asked, answered, commented, voted, flagged)]
    assert codes == [302, 302, 302, 302, 302]
    assert Question.objects.count() == 2
    assert (Answer.objects.count(), Comment.objects.count(), Vote.objects.count()) == (1, 1, 1)
    assert Flag.objects.count() == 1


def test_a_moderators_decision_works_and_shows_while_redis_is_down(redis_down, client):
    question = make_question()
    answer = make_answer(question, author=make_user(), status=Status.HELD)
    client.force_login(make_moderator())
    response = client.post(reverse("moderation:act"), {"act": f"approve {answer.pk}@1"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE
    assert ANSWER_BODY[:40] in Client().get(question.get_absolute_url()).text


def test_rate_limits_fail_open_with_a_logged_warning(redis_down, settings, client, caplog):
    _limit(settings, "comment", user="1/h", ip="1/h")
    question = make_question()
    client.force_login(make_established_member())
    url = reverse("comments:create", args=[question.pk])
    with caplog.at_level(logging.WARNING, logger="forum.cache"):
        codes = [client.post(url, {"body": f"Which year was it, {n}?"}).status_code for n in (1, 2)]
    assert codes == [302, 302]
    assert any("rate limits are not counted" in r.getMessage() for r in caplog.records)


def test_an_outage_is_logged_once_not_on_every_request(redis_down, client, caplog):
    question = make_question()
    with caplog.at_level(logging.WARNING, logger="forum.cache"):
        for _ in range(10):
            assert client.get(question.get_absolute_url()).status_code == 200
    assert len([r for r in caplog.records if r.name == "forum.cache"]) == 1


def test_the_watch_list_still_holds_posts_while_redis_is_down(redis_down, client):
    question = make_question()
    WatchedPattern.objects.create(
        kind="word", pattern="envelopment", action="hold", created_by=make_moderator()
    )
    client.force_login(make_established_member())
    client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    assert Answer.objects.get().status == Status.HELD


def test_the_health_check_names_the_cache_and_stays_200(redis_down, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "failing"}


# --- a Redis server of the test's own, stuck mid-test -------------------------------------


@pytest.fixture
def own_redis(settings, monkeypatch):
    with redis_server() as port:
        resilient_cache._OUTAGES.clear()
        monkeypatch.setattr(resilient_cache, "RETRY_SECONDS", 0.2)
        settings.CACHES = _redis_cache(f"redis://127.0.0.1:{port}/0")
        yield port
        resilient_cache._OUTAGES.clear()


def _pause(port: int, milliseconds: int) -> None:
    """Redis stops answering anyone for a while, as a stuck or partitioned server does."""
    subprocess.run(
        ["redis-cli", "-p", str(port), "CLIENT", "PAUSE", str(milliseconds), "ALL"],
        check=True,
        capture_output=True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_write_redis_missed_never_brings_back_an_old_page(own_redis, settings):
    reader = Client()
    question = make_question(title="How did the armoured battle end?")
    answer = make_answer(question, author=make_user(), body="Buy cheap watches at example.")
    url = question.get_absolute_url()
    reader.get(url)
    assert reader.get(url)["X-Page-Cache"] == "hit"
    _pause(own_redis, 1500)
    # Hidden while Redis is stuck: the thread's version cannot move.
    moderator = Client()
    moderator.force_login(make_moderator())
    response = moderator.post(reverse("moderation:act"), {"act": f"hide {answer.pk}@1"})
    assert response.status_code == 302
    time.sleep(1.6)  # Redis answers again, the old page still in it
    page = reader.get(url)
    assert page.status_code == 200
    assert "cheap watches" not in page.text


def test_incr_adds_to_a_key_in_one_round_trip_and_never_creates_one(own_redis):
    """Rate limits and page versions count with `incr`: one script, where Django's Redis
    cache asks EXISTS and then INCRBY."""
    from django.core.cache import cache

    with pytest.raises(ValueError):
        cache.incr("counted")
    assert cache.get("counted") is None  # INCRBY alone would have created it
    cache.set("counted", 41)
    commands = []
    client = cache._cache.get_client("counted", write=True)
    original = client.execute_command
    client.execute_command = lambda *args, **options: (
        commands.append(args[0]) or original(*args, **options)
    )
    try:
        assert cache.incr("counted") == 42
    finally:
        del client.execute_command
    assert commands == ["EVALSHA"]

"""Watched words, phrases, domains, e-mail domains and addresses: kept by moderators on their
page, applied by the intake to posts and edits."""

import pytest
from django.urls import reverse

from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.moderation.models import AuditLogEntry
from forum.posts.models import Status
from forum.watchlist.models import WatchedPattern
from tests.factories import ANSWER_BODY, make_answer, make_user
from tests.html_forms import find_form, parse_forms

pytestmark = pytest.mark.django_db

Action = AuditLogEntry.Action


def _watch(client, kind, pattern, action="hold"):
    return client.post(
        reverse("moderation:watchlist"), {"kind": kind, "pattern": pattern, "action": action}
    )


def _answer(client, question, body, **extra):
    return client.post(reverse("answers:create", args=[question.pk]), {"body": body}, **extra)


def test_moderator_adds_a_watched_word_from_the_watchlist_page(moderator_client):
    response = _watch(moderator_client, "word", "  Casino*  ")
    assert response.status_code == 302
    watched = WatchedPattern.objects.get()
    assert (watched.kind, watched.pattern, watched.action) == ("word", "casino*", "hold")
    assert "casino*" in moderator_client.get(reverse("moderation:watchlist")).text


def _watch_form(client):
    return find_form(client.get(reverse("moderation:watchlist")).text, containing="Watch for it")


def test_pressing_watch_for_it_on_the_page_adds_the_pattern(moderator_client):
    form = _watch_form(moderator_client)
    data = form.data(form.button("Watch for it"), pattern="casino*", action="hide")
    response = moderator_client.post(form.action or reverse("moderation:watchlist"), data)
    assert response.status_code == 302
    assert WatchedPattern.objects.get().pattern == "casino*"


def test_enter_in_the_pattern_box_adds_the_pattern(moderator_client):
    form = _watch_form(moderator_client)
    moderator_client.post(
        form.action or reverse("moderation:watchlist"), form.data(pattern="jackpot")
    )
    assert WatchedPattern.objects.get().pattern == "jackpot"


def test_the_watchlist_page_has_no_form_inside_a_form(moderator_client):
    page = moderator_client.get(reverse("moderation:watchlist")).text
    assert parse_forms(page).nested == []


def test_adding_a_pattern_is_audited(moderator_client):
    _watch(moderator_client, "domain", "spam.example", "block")
    entry = AuditLogEntry.objects.get(action=Action.WATCH_ADDED)
    assert "spam.example" in entry.reason


@pytest.mark.parametrize(
    ("kind", "pattern", "message"),
    [
        ("word", "*", "at least two letters"),
        ("word", "cas[iy]no", "Square brackets"),
        ("word", "two words", "watch a phrase"),
        ("phrase", "single", "at least two words"),
        ("domain", "https://spam.example/page", "without http://"),
        ("domain", "localhost", "not a domain name"),
        ("ip", "300.1.2.3", "not a network address"),
        ("word", "(a+)+$", "only letters, digits"),
    ],
)
def test_an_invalid_pattern_is_refused_with_a_message(moderator_client, kind, pattern, message):
    response = _watch(moderator_client, kind, pattern)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WatchedPattern.objects.exists()


def test_the_same_pattern_twice_is_refused(moderator_client):
    _watch(moderator_client, "word", "casino")
    response = _watch(moderator_client, "word", "CASINO", "block")
    assert response.status_code == 400
    assert "already watched" in response.content.decode()
    assert WatchedPattern.objects.count() == 1


def test_members_cannot_open_or_change_the_watchlist(member_client):
    assert member_client.get(reverse("moderation:watchlist")).status_code == 403
    assert _watch(member_client, "word", "casino").status_code == 403
    assert not WatchedPattern.objects.exists()


def test_a_watched_word_holds_an_answer_and_the_log_names_the_pattern(
    moderator_client, client, member, question
):
    _watch(moderator_client, "word", "tank*")
    client.force_login(member)
    _answer(client, question, ANSWER_BODY)
    answer = Answer.objects.get()
    assert answer.status == Status.HELD
    entry = AuditLogEntry.objects.get(post=answer)
    assert entry.action == Action.WATCHED
    assert "“tank*”" in entry.reason and "“tanks”" in entry.reason


def test_the_author_is_not_told_the_pattern(moderator_client, client, member, question):
    _watch(moderator_client, "word", "tank*")
    client.force_login(member)
    _answer(client, question, ANSWER_BODY)
    assert "tank*" not in Answer.objects.get().status_reason


def test_a_watched_domain_hides_a_comment_as_spam_including_subdomains(
    moderator_client, client, member, question
):
    _watch(moderator_client, "domain", "*.example", "hide")
    client.force_login(member)
    client.post(
        reverse("comments:create", args=[question.pk]),
        {"body": "The regimental diaries are at www.archive.example/khalkhin for the river."},
    )
    assert Comment.objects.get().status == Status.SPAM


def test_a_blocked_phrase_refuses_the_answer_and_keeps_the_text(
    moderator_client, client, member, question
):
    _watch(moderator_client, "phrase", "double *", "block")
    client.force_login(member)
    response = _answer(client, question, ANSWER_BODY)
    assert response.status_code == 400
    page = response.content.decode()
    assert "not saved" in page and "“double envelopment”" in page
    assert "The Soviet armoured brigades had far more tanks" in page  # the text is kept
    assert not Answer.objects.exists()
    assert AuditLogEntry.objects.get(action=Action.BLOCKED).member == member


def test_a_blocked_email_domain_refuses_the_post(moderator_client, client, question):
    _watch(moderator_client, "email_domain", "mailinator.example", "block")
    client.force_login(make_user(email="spinner@mailinator.example"))
    response = _answer(client, question, ANSWER_BODY)
    assert response.status_code == 400
    assert "mailinator.example" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_watched_address_holds_the_post(moderator_client, client, member, question):
    _watch(moderator_client, "ip", "203.0.113.*")
    client.force_login(member)
    _answer(client, question, ANSWER_BODY, REMOTE_ADDR="203.0.113.9")
    assert Answer.objects.get().status == Status.HELD


def test_removing_a_pattern_lets_posts_through_again(moderator_client, client, member, question):
    _watch(moderator_client, "word", "tanks", "block")
    moderator_client.post(reverse("moderation:unwatch", args=[WatchedPattern.objects.get().pk]))
    assert AuditLogEntry.objects.filter(action=Action.WATCH_REMOVED).exists()
    client.force_login(member)
    assert _answer(client, question, ANSWER_BODY).status_code == 302
    assert Answer.objects.get().status == Status.VISIBLE


def test_an_edit_adding_a_blocked_word_is_refused_with_the_text_kept(
    moderator_client, client, member, question
):
    answer = make_answer(question, author=member)
    _watch(moderator_client, "word", "casino", "block")
    client.force_login(member)
    body = f"{ANSWER_BODY} Casino bonus."
    response = client.post(reverse("answers:edit", args=[answer.pk]), {"body": body})
    assert response.status_code == 400
    assert "Casino bonus." in response.content.decode()
    answer.refresh_from_db()
    assert answer.body == ANSWER_BODY


def test_an_edit_adding_a_held_word_holds_the_post(moderator_client, client, member, question):
    answer = make_answer(question, author=member)
    _watch(moderator_client, "word", "casino")
    client.force_login(member)
    client.post(reverse("answers:edit", args=[answer.pk]), {"body": f"{ANSWER_BODY} casino"})
    answer.refresh_from_db()
    assert answer.status == Status.HELD


def test_moderators_own_posts_are_not_checked(moderator_client, question):
    _watch(moderator_client, "word", "tanks", "block")
    assert _answer(moderator_client, question, ANSWER_BODY).status_code == 302
    assert Answer.objects.get().status == Status.VISIBLE


@pytest.mark.parametrize("pattern", ["casino\x00", "x" * 300, "\u202e\u200b"])
def test_a_strange_pattern_is_a_form_error_not_a_500(moderator_client, pattern):
    assert _watch(moderator_client, "word", pattern).status_code == 400
    assert not WatchedPattern.objects.exists()

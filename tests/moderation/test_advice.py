"""Advice before posting: the preview tells the author when sending the text would fold, hold,
hide or refuse it, and why, in the words they would read after sending; it says nothing more
than that, and writes nothing."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.moderation import watching
from forum.moderation.models import AuditLogEntry, Fingerprint, TrainingExample
from forum.moderation.spam import record_fingerprints
from forum.notifications.models import Notification
from forum.posts.models import Kind, Post, Status
from tests.factories import (
    ANSWER_BODY,
    QUESTION_BODY,
    make_answer,
    make_comment,
    make_moderator,
    make_question,
    make_user,
)

pytestmark = pytest.mark.django_db

CONTACT = "Write to me in PM, we will talk about the battle"
ADVICE = re.compile(r'<section[^>]*aria-label="Before you post"[^>]*>(.*?)</section>', re.S)


@pytest.fixture
def regular(db):
    """A member of 400 days' standing with 300 reputation."""
    return make_user("regular", reputation=300, date_joined=timezone.now() - timedelta(days=400))


@pytest.fixture
def newcomer(db):
    """An account an hour old that has published nothing."""
    return make_user("newcomer", date_joined=timezone.now() - timedelta(hours=1))


def _url(kind: str, parent: Post) -> str:
    return reverse("answers:create" if kind == Kind.ANSWER else "comments:create", args=[parent.pk])


def _preview(client, url: str, **data) -> str:
    """The advice a preview of `data` gives, as the author reads it ("" when none)."""
    response = client.post(url, {**data, "preview": "1"})
    assert response.status_code == 200
    found = ADVICE.search(response.text)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split()) if found else ""


def _parent(kind: str, question: Post) -> Post:
    return question if kind == Kind.ANSWER else make_answer(question)


# What the preview says of each way a post can be kept out of view.
KEPT_OUT = {
    Status.HELD: "your post will wait for a moderator's review",
    Status.SPAM: "your post will be hidden as spam",
}


@pytest.mark.parametrize("author", ["regular", "newcomer"])
@pytest.mark.parametrize("kind", [Kind.ANSWER, Kind.COMMENT])
def test_a_contact_request_is_previewed_as_kept_out_with_the_note_posting_it_gives(
    request, client, question, kind, author
):
    author = request.getfixturevalue(author)
    parent = _parent(kind, question)
    client.force_login(author)
    advice = _preview(client, _url(kind, parent), body=CONTACT)
    assert "because it asks readers to continue in private" in advice

    client.post(_url(kind, parent), {"body": CONTACT})
    posted = Post.objects.get(author=author, kind=kind)
    assert advice.startswith(f"Posted as it is, {KEPT_OUT[posted.status]}")
    assert f"The note under it will say: “{posted.status_reason}”" in advice


def test_a_regulars_thanks_is_previewed_as_folded(client, regular, question):
    client.force_login(regular)
    advice = _preview(client, _url(Kind.COMMENT, question), body="Thanks!")
    assert advice == (
        "Posted as it is, your post will be shown folded. Short replies such as thanks and +1 "
        "are shown folded under the post, one click away."
    )


def test_an_ordinary_reply_is_previewed_without_advice(client, newcomer, question):
    client.force_login(newcomer)
    response = client.post(_url(Kind.ANSWER, question), {"body": ANSWER_BODY, "preview": "1"})
    assert 'aria-label="Preview"' in response.text
    assert 'aria-label="Before you post"' not in response.text


def test_a_question_asking_for_private_contact_is_previewed_as_held(client, newcomer):
    client.force_login(newcomer)
    advice = _preview(
        client,
        reverse("questions:ask"),
        title="Who can help with Khalkhin Gol sources?",
        body=f"{QUESTION_BODY} {CONTACT}",
        tags="battles",
    )
    assert "your post will wait for a moderator's review" in advice or "hidden as spam" in advice
    assert "asks readers to continue in private" in advice


def test_the_advice_gives_no_score_and_no_reason_codes(client, newcomer, question):
    client.force_login(newcomer)
    advice = _preview(client, _url(Kind.COMMENT, question), body=CONTACT)
    assert advice
    assert "Spam filter" not in advice and "private_contact" not in advice
    assert not re.search(r"\d", advice)


def test_a_reply_joining_a_removed_campaign_is_previewed_as_posting_it_would_be_told(
    client, regular
):
    reply = "The river crossing at Bain-Tsagan decided it; the Japanese never recovered."
    for _ in range(2):
        removed = make_comment(
            make_question(), body=reply, status=Status.SPAM, moderated_at=timezone.now()
        )
        record_fingerprints(removed)
    thread = make_question()
    client.force_login(regular)
    advice = _preview(client, _url(Kind.ANSWER, thread), body=reply)

    client.post(_url(Kind.ANSWER, thread), {"body": reply})
    posted = Post.objects.get(author=regular, kind=Kind.ANSWER)
    assert advice.startswith(f"Posted as it is, {KEPT_OUT[posted.status]}")
    assert f"The note under it will say: “{posted.status_reason}”" in advice


def test_a_watched_word_is_previewed_as_held_without_naming_it(client, regular, question):
    watching.watch_pattern(moderator=make_moderator(), kind="word", pattern="tanks", action="hold")
    client.force_login(regular)
    advice = _preview(
        client, _url(Kind.ANSWER, question), body="The tanks came by rail to the river front."
    )
    assert "your post will wait for a moderator's review" in advice
    assert "a word, link or address the moderators review before publishing" in advice
    assert "tanks" not in advice


def test_a_refusing_watched_word_is_previewed_as_not_saved_without_naming_it(
    client, regular, question
):
    watching.watch_pattern(moderator=make_moderator(), kind="word", pattern="tanks", action="block")
    client.force_login(regular)
    advice = _preview(
        client, _url(Kind.ANSWER, question), body="The tanks came by rail to the river front."
    )
    assert advice == (
        "Posted as it is, your post will not be saved: it contains a word, link or address "
        "that is not allowed here."
    )


def test_an_edit_into_a_contact_request_is_previewed_as_kept_out(client, regular, question):
    answer = make_answer(question, author=regular)
    client.force_login(regular)
    advice = _preview(client, reverse("answers:edit", args=[answer.pk]), body=CONTACT)
    assert advice.startswith(tuple(f"Saved as it is, {words}" for words in KEPT_OUT.values()))
    assert "because it asks readers to continue in private" in advice


def test_a_moderators_preview_gives_no_advice(client, question):
    client.force_login(make_moderator())
    assert _preview(client, _url(Kind.COMMENT, question), body=CONTACT) == ""


def _rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Post, AuditLogEntry, Fingerprint, Notification, TrainingExample)
    }


@pytest.mark.parametrize("body", [CONTACT, "Thanks!", ANSWER_BODY, "The tanks came by rail."])
def test_a_preview_writes_nothing(client, regular, newcomer, question, body):
    watching.watch_pattern(moderator=make_moderator(), kind="word", pattern="tanks", action="block")
    comment = make_answer(question, author=regular)
    before = _rows()
    for author in (regular, newcomer):
        client.force_login(author)
        _preview(client, _url(Kind.ANSWER, question), body=body)
        _preview(client, _url(Kind.COMMENT, comment), body=body)
    client.force_login(regular)
    _preview(client, reverse("answers:edit", args=[comment.pk]), body=body)
    assert _rows() == before
    comment.refresh_from_db()
    assert (comment.body, comment.revision, comment.status) == (ANSWER_BODY, 1, Status.VISIBLE)


def test_previewing_a_reply_in_other_threads_does_not_make_the_post_a_copy(client, regular):
    """Screening at the preview records no fingerprints: an author who previews a reply in
    several threads is not taken for one posting the same text everywhere."""
    client.force_login(regular)
    reply = "The river crossing at Bain-Tsagan decided it; the Japanese never recovered."
    for _ in range(3):
        assert _preview(client, _url(Kind.ANSWER, make_question()), body=reply) == ""
    last = make_question()
    client.post(_url(Kind.ANSWER, last), {"body": reply})
    posted = Post.objects.get(author=regular, kind=Kind.ANSWER)
    assert posted.status == Status.VISIBLE
    assert "duplicate" not in str(posted.spam_reasons)

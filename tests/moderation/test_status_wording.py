"""What an author reads under their own held or hidden post matches its status, whatever the
kind of post and whatever put it there (issue 17: a comment hidden as spam was described to
its author as "held")."""

import re

import pytest
from django.urls import reverse

from forum.moderation import decisions, flags, members, spam, watching
from forum.moderation.intake import submit_post
from forum.posts.models import Kind, Post, Status
from forum.spamfilter.records import Reason, Verdict
from tests.factories import ANSWER_BODY, make_established_member, make_moderator, make_user

pytestmark = pytest.mark.django_db

HEADLINE = {
    Status.HELD: "Held for a moderator's review",
    Status.SPAM: "Hidden as spam",
    Status.HIDDEN: "Hidden by a moderator",
}
# Words that would tell the author something other than the post's status.
CONTRADICTIONS = {
    Status.HELD: ("hidden", "hid it"),
    Status.SPAM: ("held", "wait", "review"),
    Status.HIDDEN: ("held", "wait", "spam"),
}
BODY = f"{ANSWER_BODY} Casino bonus."


class _Filter:
    """The spam filter, giving one verdict: the wording must follow whatever it decides."""

    def __init__(self, label: str):
        reasons = (Reason("private_contact", "Asks to continue in private", 2.0),)
        self.verdict = Verdict(label, 0.99 if label != "ok" else 0.01, reasons)

    def classify(self, reply):
        return self.verdict


def _post(kind: str, author, question) -> Post:
    parent = None if kind == Kind.QUESTION else question
    title = "Which river did the tanks cross in the summer?" if kind == Kind.QUESTION else ""
    return submit_post(author=author, kind=kind, body=BODY, parent=parent, title=title)


def _filtered(label):
    def put(kind, author, question, monkeypatch):
        monkeypatch.setattr(spam, "get_filter", lambda: _Filter(label))
        return _post(kind, author, question)

    return put


def _watched(action):
    def put(kind, author, question, monkeypatch):
        monkeypatch.setattr(spam, "get_filter", lambda: _Filter("ok"))
        watching.watch_pattern(
            moderator=make_moderator(), kind="word", pattern="casino", action=action
        )
        return _post(kind, author, question)

    return put


def _decided(decision):
    def put(kind, author, question, monkeypatch):
        post = _filtered("ok")(kind, author, question, monkeypatch)
        decisions.decide(decision, moderator=make_moderator(), post=post)
        return post

    return put


def _flagged(kind, author, question, monkeypatch):
    post = _filtered("ok")(kind, author, question, monkeypatch)
    for _ in range(3):
        flags.flag_post(user=make_established_member(), post=post, reason="rude")
    return post


def _suspended(kind, author, question, monkeypatch):
    post = _filtered("ok")(kind, author, question, monkeypatch)
    members.suspend_member(moderator=make_moderator(), member=author, hide_posts=True)
    return post


def _undone(decision):
    def put(kind, author, question, monkeypatch):
        post = _filtered("ok")(kind, author, question, monkeypatch)
        moderator = make_moderator()
        decisions.decide(decision, moderator=moderator, post=post)
        entry = decisions.decide("approve", moderator=moderator, post=post)
        decisions.undo_decision(moderator=moderator, entry=entry)
        return post

    return put


# How a post comes to each status, each of them a way its author is told why.
WAYS = [
    ("filter holds", Status.HELD, _filtered("low_value")),
    ("filter finds spam", Status.SPAM, _filtered("spam")),
    ("watched word held", Status.HELD, _watched("hold")),
    ("watched word hidden", Status.SPAM, _watched("hide")),
    ("member flags", Status.HELD, _flagged),
    ("moderator rejects", Status.SPAM, _decided("reject")),
    ("moderator hides", Status.HIDDEN, _decided("hide")),
    ("suspension", Status.HIDDEN, _suspended),
    ("undo back to spam", Status.SPAM, _undone("reject")),
    ("undo back to hidden", Status.HIDDEN, _undone("hide")),
]


def _note_under(page: str, post: Post) -> str:
    """The text of the status note under `post` on its author's thread page."""
    anchor = page.index(f'id="{post.kind}-{post.pk}"')
    note = re.search(r'<div class="status-note[^"]*"[^>]*>(.*?)</div>', page[anchor:], re.S)
    assert note, f"No status note under the {post.kind}"
    return " ".join(re.sub(r"<[^>]+>", " ", note.group(1)).split())


@pytest.mark.parametrize("kind", [Kind.QUESTION, Kind.ANSWER, Kind.COMMENT])
@pytest.mark.parametrize(("way", "status", "put"), WAYS, ids=[way for way, *_ in WAYS])
def test_the_author_is_told_the_status_their_post_really_has(
    client, question, monkeypatch, kind, way, status, put
):
    author = make_user()
    post = put(kind, author, question, monkeypatch)
    post.refresh_from_db()
    assert post.status == status
    client.force_login(author)
    note = _note_under(client.get(post.get_absolute_url()).text, post)
    assert note.startswith(HEADLINE[status])
    assert [word for word in CONTRADICTIONS[status] if word in note.lower()] == []


def test_a_comment_the_filter_takes_for_spam_is_not_described_as_held(
    member_client, member, question
):
    member.date_joined = member.date_joined.replace(year=2000)
    member.save()
    body = "In my opinion you are wrong. Enter we'll discuss. Write to me in PM, we will handle it."
    member_client.post(reverse("comments:create", args=[question.pk]), {"body": body})
    comment = Post.objects.get(kind=Kind.COMMENT)
    assert comment.status == Status.SPAM
    note = _note_under(member_client.get(question.get_absolute_url()).text, comment)
    assert note.startswith("Hidden as spam")
    assert "held" not in note


def test_stored_notes_that_called_a_spam_post_held_are_rewritten(question):
    import importlib

    from django.apps import apps

    from tests.factories import make_comment

    migration = importlib.import_module("forum.moderation.migrations.0002_spam_notes_say_spam")
    why = "it asks readers to continue in private."
    spam_post = make_comment(
        question, status=Status.SPAM, status_reason=f"Our spam check held it because {why}"
    )
    held = make_comment(
        question, status=Status.HELD, status_reason=f"Our spam check held it because {why}"
    )
    watched = make_comment(question, status=Status.SPAM, status_reason=migration.WATCH_HELD)
    migration.rewrite_spam_notes(apps, None)
    for post in (spam_post, held, watched):
        post.refresh_from_db()
    assert spam_post.status_reason == f"Our spam check took it for spam because {why}"
    assert held.status_reason == f"Our spam check held it because {why}"
    assert watched.status_reason == migration.WATCH_SPAM

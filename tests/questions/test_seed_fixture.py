"""The seeded thread: what the fixture holds, what readers and moderators see of it, and that
it is what the real import path and spam filter produce from the scraped page today."""

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils.html import escape

from forum.accounts.models import User
from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.moderation.decisions import rescan_post
from forum.posts.models import Post, Status
from forum.questions.importing import import_thread
from forum.questions.models import Question
from forum.questions.scraped import parse_scraped_thread
from tests.factories import make_moderator

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "khalkhin_gol.json"
SEED = ROOT / "fixtures" / "source" / "khalkhin_gol.txt"
TITLE = (
    "How to explain the Khalkhin Gol outcome in view of Soviet weakness "
    "and Japanese strength at that time?"
)
COMMENT_AUTHORS = ["Grora", "Vudojind", "Hueil", "Zelig", "Nur", "Bradal", "Dazilkree"]
BOILERPLATE = [
    "We are searching data for your request",
    "Forums and discussions",
    "Manuals and reference books",
    "Data from registers",
    "Wait the end of the search",
    "a link will appear",
    "Watch the video",
    "Write a message",
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("loaddata", str(FIXTURE), verbosity=0)
    return Question.objects.get()


def _answer_starts() -> list[str]:
    makefile = (ROOT / "Makefile").read_text()
    return re.findall(r'--answer-start "([^"]+)"', makefile)


def test_fixture_holds_one_question_seven_answers_seven_comments(seeded):
    assert seeded.title == TITLE
    assert Answer.objects.filter(thread=seeded).count() == 7
    comments = Comment.objects.filter(thread=seeded).order_by("created_at")
    assert [comment.author.username for comment in comments] == COMMENT_AUTHORS
    assert sorted(tag.name for tag in seeded.tags.all()) == [
        "battles", "japan", "military", "soviet-union", "world-war-two",
    ]  # fmt: skip


def test_fixture_has_no_scraper_boilerplate(seeded):
    texts = [seeded.body, *Answer.objects.values_list("body", flat=True)]
    texts += Comment.objects.values_list("body", flat=True)
    for text in texts:
        for boilerplate in BOILERPLATE:
            assert boilerplate not in text
    assert TITLE not in seeded.body


def test_fixture_answers_are_the_page_split_at_each_answer_opening(seeded):
    seed_text = " ".join(SEED.read_text().split())
    answers = Answer.objects.order_by("created_at")
    starts = _answer_starts()
    assert len(starts) == 7
    position = 0
    for answer, start in zip(answers, starts, strict=True):
        assert answer.body.lstrip("# ").startswith(start)
        last_sentence = " ".join(answer.body.split()[-12:])
        found = seed_text.find(last_sentence, position)
        assert found > position
        position = found


def test_imported_authors_are_real_rows_that_cannot_log_in(seeded):
    for user in User.objects.all():
        assert not user.has_usable_password()


def test_anonymous_home_page_links_to_the_thread_by_title(client, seeded):
    text = client.get("/").text
    assert f'href="{seeded.get_absolute_url()}"' in text
    assert TITLE in text


def test_readers_see_the_question_and_all_seven_answers_but_no_spam_comment(client, seeded):
    text = client.get(seeded.get_absolute_url()).text
    assert "7 Answers" in text
    for answer in Answer.objects.all():
        assert answer.body_html in text
    for comment in Comment.objects.all():
        assert comment.body_html not in text


def test_seed_comments_are_all_held_or_hidden_with_reasons(seeded):
    for comment in Comment.objects.all():
        assert comment.status in (Status.HELD, Status.SPAM)
        said = "took it for spam" if comment.status == Status.SPAM else "held it"
        assert comment.status_reason.startswith(f"Our spam check {said} because")
        assert comment.spam_reasons


def test_seed_question_and_answers_are_untouched_by_the_filter(seeded):
    assert seeded.status == Status.VISIBLE
    assert set(Answer.objects.values_list("status", flat=True)) == {Status.VISIBLE}
    assert seeded.answer_count == 7


def test_moderator_queue_shows_the_seed_comments_with_reasons(seeded, client):
    # The moderator is made after loaddata, which would overwrite a user with the same pk.
    client.force_login(make_moderator())
    queue = client.get("/moderation/", {"tab": "held"}).text
    queue += client.get("/moderation/", {"tab": "spam"}).text
    for comment in Comment.objects.all():
        assert comment.body_html in queue
        for reason in comment.spam_reasons:
            assert escape(reason["message"]) in queue


def test_rescanning_the_fixture_changes_nothing(seeded):
    for post in Post.objects.select_related("author", "thread", "parent"):
        before, after = rescan_post(post, dry_run=True)
        assert before == after, post.body


def test_fixture_matches_a_fresh_import_of_the_scraped_page(db):
    thread = parse_scraped_thread(SEED.read_text(), answer_starts=_answer_starts())
    question = import_thread(
        thread,
        author_prefix="fresh",
        tag_names=[],
        started_at=datetime(2020, 1, 1, tzinfo=timezone.utc),
        imported_at=datetime(2024, 1, 1, tzinfo=timezone.utc),
    )
    fixture = json.loads(FIXTURE.read_text())
    expected = [
        (record["fields"]["kind"], record["fields"]["body"], record["fields"]["status"])
        for record in fixture
        if record["model"] == "posts.post"
    ]
    fresh = [
        (post.kind, post.body, post.status)
        for post in Post.objects.filter(Q(pk=question.pk) | Q(thread=question)).order_by("pk")
    ]
    assert fresh == expected

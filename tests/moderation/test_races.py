"""Concurrent writes on PostgreSQL with real connections, one per thread: nothing a user or a
moderator did may be silently undone by a request that ran at the same time."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from forum.answers.services import post_answer
from forum.moderation import decisions, flags, members
from forum.moderation.intake import PostNoLongerAllowed, PostRefused, revise_post
from forum.moderation.models import AuditLogEntry
from forum.moderation.spam import get_filter
from forum.posts.models import Kind, Post, Status
from forum.votes.services import cast_vote
from tests.factories import (
    ANSWER_BODY,
    make_answer,
    make_established_member,
    make_moderator,
    make_question,
    make_user,
)

pytestmark = [pytest.mark.postgresql_races, pytest.mark.django_db(transaction=True)]

EDITED = ANSWER_BODY + " The Soviet brigades also had air cover over the river."


def run_together(*calls):
    """Run the calls at the same moment, each in its own thread and database connection;
    return their results (exceptions are returned, not raised)."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            return call()
        except Exception as error:  # the test inspects what each call got
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture(autouse=True)
def trained_filter():
    get_filter()  # train once, outside the races


def _late_edits(post: Post, decision: AuditLogEntry, result) -> int:
    """1 when an edit landed after the moderator's decision: the post's text is newer than
    the version the decision records (the moderator decided on text they never saw)."""
    post.refresh_from_db()
    landed = not isinstance(result, Exception)
    return int(landed and post.revision > decision.post_revision)


def test_an_edit_racing_a_hide_never_lands_after_it():
    moderator, author = make_moderator(), make_user()
    answers = [make_answer(make_question(), author=author) for _ in range(30)]
    late = refused = 0
    for answer in answers:
        edit, _ = run_together(
            lambda answer=answer: revise_post(editor=author, post=answer, body=EDITED),
            lambda answer=answer: decisions.hide_post(moderator=moderator, post=answer),
        )
        hide = AuditLogEntry.objects.get(post=answer, action=AuditLogEntry.Action.HIDDEN)
        late += _late_edits(answer, hide, edit)
        refused += isinstance(edit, PostNoLongerAllowed)
        assert answer.status == Status.HIDDEN
        # Either the edit came first (and the hide was decided on it) or it was refused.
        assert answer.body == (ANSWER_BODY if isinstance(edit, Exception) else EDITED)
    assert late == 0
    print(f"edit vs hide: {len(answers)} races, {refused} edits refused, {late} late")


def test_an_edit_racing_a_suspension_never_lands_after_it():
    moderator = make_moderator()
    late = refused = 0
    attempts = 15
    for _ in range(attempts):
        author = make_user()
        answer = make_answer(make_question(), author=author)
        edit, _ = run_together(
            lambda a=author, p=answer: revise_post(editor=a, post=p, body=EDITED),
            lambda a=author: members.suspend_member(moderator=moderator, member=a, hide_posts=True),
        )
        hide = AuditLogEntry.objects.get(post=answer, action=AuditLogEntry.Action.HIDDEN)
        late += _late_edits(answer, hide, edit)
        refused += isinstance(edit, PostNoLongerAllowed)
        author.refresh_from_db()
        assert author.is_suspended
        assert answer.status == Status.HIDDEN
    assert late == 0
    print(f"edit vs suspension: {attempts} races, {refused} edits refused, {late} late")


def test_votes_racing_an_edit_are_all_counted():
    author = make_user()
    question = make_question(author=author)
    voters = [make_user() for _ in range(20)]
    calls = [lambda voter=voter: cast_vote(user=voter, post=question, value=1) for voter in voters]
    calls.append(lambda: revise_post(editor=author, post=question, body=ANSWER_BODY, title="New"))
    run_together(*calls)
    question.refresh_from_db()
    assert question.score == 20
    assert question.title == "New"


def test_thirty_answers_at_once_are_all_counted():
    question = make_question()
    authors = [make_user() for _ in range(30)]
    run_together(
        *[
            lambda author=author: post_answer(author=author, parent=question, body=ANSWER_BODY)
            for author in authors
        ]
    )
    question.refresh_from_db()
    visible = Post.objects.filter(thread=question, kind=Kind.ANSWER, status=Status.VISIBLE)
    assert question.answer_count == visible.count() == 30


def test_two_moderators_on_one_post_write_one_consistent_history():
    first, second = make_moderator(), make_moderator()
    for _ in range(10):
        answer = make_answer(make_question(), status=Status.HELD)
        run_together(
            lambda p=answer: decisions.approve_post(moderator=first, post=p),
            lambda p=answer: decisions.reject_post(moderator=second, post=p),
        )
        entries = list(AuditLogEntry.objects.filter(post=answer).order_by("pk"))
        assert [entry.status_before for entry in entries] == [
            Status.HELD,
            entries[0].status_after,
        ]
        answer.refresh_from_db()
        assert answer.status == entries[-1].status_after


def test_flags_arriving_together_hold_the_post_once(settings):
    settings.FORUM_FLAG_WEIGHT_TO_HOLD = 3.0
    for _ in range(5):
        answer = make_answer(make_question())
        flaggers = [make_established_member() for _ in range(4)]
        run_together(
            *[
                lambda user=user, p=answer: flags.flag_post(user=user, post=p, reason="spam")
                for user in flaggers
            ]
        )
        holds = AuditLogEntry.objects.filter(post=answer, action=AuditLogEntry.Action.FLAG_HELD)
        assert holds.count() == 1
        answer.refresh_from_db()
        assert answer.status == Status.HELD


def test_posts_sent_together_cannot_pass_the_rate_limit(settings):
    settings.FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = 3
    question = make_question()
    newcomer = make_user()
    results = run_together(
        *[lambda: post_answer(author=newcomer, parent=question, body=ANSWER_BODY)] * 8
    )
    assert sum(isinstance(result, PostRefused) for result in results) == 5
    assert Post.objects.filter(author=newcomer).count() == 3

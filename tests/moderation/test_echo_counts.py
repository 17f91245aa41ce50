"""The near-duplicate counts the intake reads with the locked post: the SQL compiled once per
process must count what the ORM query it was compiled from counts, for any post and thread."""

import pytest
from django.utils import timezone

from forum.moderation.spam import echo_counts, echo_counts_orm, record_fingerprints
from forum.posts.models import Kind, Post, Status
from tests.factories import make_answer, make_question, make_user

pytestmark = pytest.mark.django_db

TEXT = (
    "The Soviet armour crossed the river near the bridge at night number {} while the "
    "Japanese infantry waited for supplies that never came."
)


def _read(columns, question) -> tuple[int, int]:
    row = Post.objects.only("pk").annotate(**columns).get(pk=question.pk)
    return row.echo_threads, row.echo_removed


def _new_answer(question, body):
    post = Post(kind=Kind.ANSWER, author=make_user(), parent=question, thread=question)
    post.set_body(body)
    return post


def test_compiled_echo_counts_count_what_the_orm_query_counts():
    own, *others = (make_question() for _ in range(4))
    for n, thread in enumerate([own, own, *others]):
        removed = n == 3
        copy = make_answer(
            thread,
            body=TEXT.format(7),
            status=Status.SPAM if removed else Status.VISIBLE,
            moderated_at=timezone.now() if removed else None,
        )
        record_fingerprints(copy)
    post = _new_answer(own, TEXT.format(7))

    compiled = _read(echo_counts(post), own)

    assert compiled == _read(echo_counts_orm(post), own)
    # Copies in three other threads (not the own thread's two), one of them removed as spam.
    assert compiled == (3, 1)


def test_compiled_echo_counts_follow_the_keys_and_the_thread():
    first, second = make_question(), make_question()
    record_fingerprints(make_answer(first, body=TEXT.format(7)))
    unrelated = "Reading the regimental diaries, the crossing took three nights, not one."
    echo_counts(_new_answer(first, unrelated))  # compiled for other keys and another thread

    assert _read(echo_counts(_new_answer(second, TEXT.format(7))), second) == (1, 0)
    assert _read(echo_counts(_new_answer(first, TEXT.format(7))), first) == (0, 0)
    short = _new_answer(second, "The bridge at night.")
    assert _read(echo_counts(short), second) == _read(echo_counts_orm(short), second)


def test_each_echo_count_reads_one_range_of_threads_on_each_side_of_its_own():
    # "Below or above" as one OR let the planner fetch every copy in the post's own thread
    # and drop them (14,000 rows after a burst there); one range a side is an index range.
    question = make_question()
    post = _new_answer(question, TEXT.format(7))
    for column in echo_counts(post).values():
        sql = column.sql
        assert " OR " not in sql.upper()
        assert sql.count('"thread_id" <') == 1 and sql.count('"thread_id" >') == 1

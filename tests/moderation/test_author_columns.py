"""The author's facts the intake reads with the locked post: the SQL compiled once per process
must read what the ORM query it was compiled from reads."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from forum.moderation.spam import author_columns, author_columns_orm
from forum.posts.models import Post, Status
from tests.factories import make_answer, make_comment, make_question, make_user

pytestmark = pytest.mark.django_db


def _read(columns) -> tuple[dict, list[str]]:
    row = Post.objects.only("pk").annotate(**columns).order_by("pk").first()
    texts = row.author_texts
    return row.author_counts, json.loads(texts) if isinstance(texts, str) else list(texts)


def test_compiled_author_columns_read_what_the_orm_query_reads():
    author, other = make_user(), make_user()
    now = timezone.now()
    question = make_question(author, created_at=now - timedelta(days=3))
    elsewhere = make_question(other)
    for n, (minutes, status) in enumerate(
        [(10, Status.VISIBLE), (20, Status.HELD), (90, Status.VISIBLE), (30, Status.SPAM)]
    ):
        make_answer(
            elsewhere if n % 2 else question,
            author,
            body=f"The bridge held for {n} more days before the river rose.",
            created_at=now - timedelta(minutes=minutes),
            status=status,
            moderated_at=now if status == Status.SPAM else None,
        )
    make_comment(question, author, body="Later than the time read.", created_at=now)
    make_answer(question, other, body="Not the author's.", created_at=now - timedelta(minutes=5))

    compiled = _read(author_columns(author, at=now))

    assert compiled == _read(author_columns_orm(author, at=now))
    # Something of each kind was counted, so equal readings are not both empty ones.
    assert compiled[0] == {"approved": 3, "rejected": 1, "recent": 3, "threads": 2}
    assert len(compiled[1]) == 5


def test_compiled_author_columns_follow_the_author_and_the_time():
    now = timezone.now()
    author, other = (make_user(date_joined=now - timedelta(days=9)) for _ in range(2))
    make_question(author, created_at=now - timedelta(minutes=30))
    make_question(other, created_at=now - timedelta(minutes=30))
    make_question(other, created_at=now - timedelta(minutes=20))

    author_columns(author, at=now)  # compiled for the first author and time

    assert _read(author_columns(other, at=now))[0]["recent"] == 2
    assert _read(author_columns(other, at=now - timedelta(minutes=25)))[0]["recent"] == 1

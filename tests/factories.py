"""Builders for test data; each test makes only what it needs.

They write rows directly (no screening, no rate limits), so a test controls every status;
tests of the write path call the intake instead.
"""

import itertools
import time
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from forum.accounts.forms import signup_started_token
from forum.accounts.models import User
from forum.accounts.permissions import MODERATE_PERMISSION, MODERATORS_GROUP
from forum.posts.models import Kind, Post, Status

_numbers = itertools.count(1)
PASSWORD = "correct horse battery staple"  # every member's, to log in through the form

QUESTION_BODY = (
    "Why did the Soviet armoured forces outmanoeuvre the Japanese infantry at the river "
    "in 1939, when most accounts call the Red Army weak after the purges?"
)
ANSWER_BODY = (
    "The Soviet armoured brigades had far more tanks and trucks on the river front, and "
    "their commanders used a double envelopment that the Japanese infantry could not counter."
)


def make_user(username: str | None = None, **fields) -> User:
    user = User.objects.create_user(username=username or f"member{next(_numbers)}", **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_established_member(username: str | None = None, *, reputation: int = 200, **fields):
    """A member of a month's standing with the reputation for flagging and down-voting."""
    fields.setdefault("date_joined", timezone.now() - timedelta(days=30))
    return make_user(username, reputation=reputation, **fields)


def make_moderator(username: str | None = None) -> User:
    user = make_user(username or f"moderator{next(_numbers)}")
    user.groups.add(_moderators_group())
    return user


def _moderators_group() -> Group:
    """The group a migration makes; made again after a transactional test flushed it."""
    group, created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    if created:
        app_label, codename = MODERATE_PERMISSION.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


def make_question(author: User | None = None, *, body: str = QUESTION_BODY, **fields) -> Post:
    fields.setdefault("title", f"How did the armoured battle number {next(_numbers)} end?")
    question = Post(kind=Kind.QUESTION, author=author or make_user(), **fields)
    question.set_body(body)
    question.save()
    return question


def make_answer(question: Post, author: User | None = None, *, body: str = ANSWER_BODY, **fields):
    answer = Post(
        kind=Kind.ANSWER, thread=question, parent=question, author=author or make_user(), **fields
    )
    answer.set_body(body)
    answer.save()
    if answer.status == Status.VISIBLE:
        Post.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
        question.refresh_from_db(fields=["answer_count"])
    return answer


def make_comment(parent: Post, author: User | None = None, *, body="Which river?", **fields):
    """A comment under `parent`, a question or an answer."""
    comment = Post(
        kind=Kind.COMMENT,
        thread=parent.thread or parent,
        parent=parent,
        author=author or make_user(),
        **fields,
    )
    comment.set_body(body)
    comment.save()
    return comment


def sign_up(client, *, seconds_ago: float = 10, **fields):
    """Post the sign-up form as a person would: a form opened `seconds_ago`, honeypot empty."""
    data = {
        "username": "newcomer",
        "email": "new@example.org",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
        "started": signup_started_token(at=time.time() - seconds_ago),
        **fields,
    }
    return client.post(reverse("accounts:signup"), data)

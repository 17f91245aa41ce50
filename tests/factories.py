"""Builders for test data; each test makes only what it needs."""

import itertools

from django.contrib.auth.models import Group

from forum.accounts.models import User
from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.core.models import PostStatus
from forum.moderation.permissions import MODERATORS_GROUP
from forum.questions.models import Question

_numbers = itertools.count(1)

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
    user.set_password("correct horse battery staple")
    user.save()
    return user


def make_moderator(username: str | None = None) -> User:
    user = make_user(username or f"moderator{next(_numbers)}")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def make_question(author: User | None = None, **fields) -> Question:
    fields.setdefault("title", f"How did the armoured battle number {next(_numbers)} end?")
    question = Question(author=author or make_user(), **fields)
    question.set_body(fields.pop("body", QUESTION_BODY))
    question.save()
    return question


def make_answer(
    question: Question, author: User | None = None, *, body: str = ANSWER_BODY, **fields
):
    answer = Answer(question=question, author=author or make_user(), **fields)
    answer.set_body(body)
    answer.save()
    if answer.status == PostStatus.VISIBLE:
        Question.objects.filter(pk=question.pk).update(
            answer_count=question.answers.visible().count()
        )
    return answer


def make_comment(
    question: Question, author: User | None = None, *, answer=None, body="Which river?", **fields
):
    comment = Comment(question=question, answer=answer, author=author or make_user(), **fields)
    comment.set_body(body)
    comment.save()
    return comment

"""The visibility matrix: each post status × each kind of reader, over the API and over the
pages, which must agree with each other and with the rule (forum/posts/models.py,
`visible_to`): published posts are everyone's; held, spam and hidden ones are their
author's and the moderators' only, and to anyone else they answer exactly as an absent post.
"""

import pytest
from django.test import Client

from forum.posts.models import Status
from tests.factories import make_answer, make_comment, make_moderator, make_question, make_user

from .conftest import token_for

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "author", "moderator"]
STATUSES = [Status.VISIBLE, Status.HELD, Status.SPAM, Status.HIDDEN]
ABSENT = 987654


def _sees(role: str, status: str) -> bool:
    return status == Status.VISIBLE or role in ("author", "moderator")


def _people():
    author = make_user("author")
    return author, {
        "anonymous": None,
        "member": make_user("reader"),
        "author": author,
        "moderator": make_moderator("moderator"),
    }


def _api(user) -> Client:
    if user is None:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")


def _page(user) -> Client:
    browser = Client()
    if user is not None:
        browser.force_login(user)
    return browser


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_a_question_in_each_status_for_each_reader(role, status):
    author, people = _people()
    question = make_question(author=author, status=status)
    api, page = _api(people[role]), _page(people[role])
    expected = 200 if _sees(role, status) else 404
    assert api.get(f"/api/questions/{question.pk}").status_code == expected
    assert api.get(f"/api/posts/{question.pk}").status_code == expected
    assert page.get(question.get_absolute_url()).status_code == expected
    listed = [item["id"] for item in api.get("/api/questions").json()["items"]]
    assert (question.pk in listed) == _sees(role, status)
    if not _sees(role, status):
        absent = api.get(f"/api/questions/{ABSENT}")
        assert absent.json() == api.get(f"/api/questions/{question.pk}").json()


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_an_answer_and_a_comment_in_each_status_for_each_reader(role, status):
    author, people = _people()
    question = make_question()
    answer = make_answer(question, author=author, status=status)
    comment = make_comment(question, author=author, status=status)
    api = _api(people[role])
    thread = api.get(f"/api/questions/{question.pk}").json()
    shown = {item["id"] for item in thread["answers"]} | {item["id"] for item in thread["comments"]}
    if _sees(role, status):
        assert {answer.pk, comment.pk} <= shown
    else:
        assert not {answer.pk, comment.pk} & shown
    for post in (answer, comment):
        expected = 200 if _sees(role, status) else 404
        assert api.get(f"/api/posts/{post.pk}").status_code == expected
    listed = {item["id"] for item in api.get(f"/api/posts/{question.pk}/comments").json()}
    assert (comment.pk in listed) == _sees(role, status)


@pytest.mark.parametrize("role", ROLES)
def test_replies_under_a_hidden_question_are_hidden_with_it(role):
    author, people = _people()
    question = make_question(status=Status.HIDDEN)
    answer = make_answer(question, author=author)
    expected = 200 if role == "moderator" else 404
    assert _api(people[role]).get(f"/api/posts/{answer.pk}").status_code == expected

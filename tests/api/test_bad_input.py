"""Bad input of every kind: a clear 4xx in the one error shape, never a 5xx, nothing saved."""

import pytest

from forum.posts.models import Post, Revision
from forum.votes.models import Vote
from tests.factories import ANSWER_BODY, make_answer

from .conftest import error_of

pytestmark = pytest.mark.django_db

HUGE = "x" * (3 * 1024 * 1024)

# (method, path, raw body or payload, expected status): {q} the question, {a} an answer.
CASES = [
    ("post", "/questions/{q}/answers", "{not json", 400),
    ("post", "/questions/{q}/answers", "", 400),
    ("post", "/questions/{q}/answers", "[1, 2]", 400),
    ("post", "/questions/{q}/answers", '"just a string"', 400),
    ("post", "/questions/{q}/answers", {"body": 12}, 400),
    ("post", "/questions/{q}/answers", {"body": None}, 400),
    ("post", "/questions/{q}/answers", {"text": ANSWER_BODY}, 400),
    ("post", "/questions/{q}/answers", {"body": ANSWER_BODY, "status": "visible"}, 400),
    ("post", "/questions/{q}/answers", {"body": "   "}, 400),
    ("post", "/questions/{q}/answers", {"body": "nul \x00 byte in it"}, 400),
    ("post", "/questions/{q}/answers", {"body": "y" * 40_000}, 400),
    ("post", "/questions/{q}/answers", HUGE, 413),
    ("post", "/questions/{q}/answers", '{"body": "' + "[" * 5000 + '"}', 400),
    ("post", "/questions/999999/answers", {"body": ANSWER_BODY}, 404),
    ("post", "/questions/{a}/answers", {"body": ANSWER_BODY}, 404),
    ("post", "/questions/99999999999999999999999/answers", {"body": ANSWER_BODY}, 404),
    ("post", "/questions/-1/answers", {"body": ANSWER_BODY}, 404),
    ("post", "/questions", {"title": "short", "body": ANSWER_BODY}, 400),
    ("post", "/questions", {"title": "A long enough title", "body": ANSWER_BODY, "tags": "a"}, 400),
    ("post", "/questions", {"title": "A long enough title", "body": ANSWER_BODY, "tags": [1]}, 400),
    (
        "post",
        "/questions",
        {"title": "A long enough title", "body": ANSWER_BODY, "tags": ["UP!"]},
        400,
    ),
    (
        "post",
        "/questions",
        {"title": "A long enough title", "body": ANSWER_BODY, "tags": list("abcdef")},
        400,
    ),
    ("post", "/posts/{q}/vote", {"value": "sideways"}, 400),
    ("post", "/posts/{q}/vote", {"value": 1}, 400),
    ("post", "/posts/{q}/flags", {"reason": "boring"}, 400),
    ("patch", "/posts/{a}", {"body": ANSWER_BODY, "revision": "two"}, 400),
    ("patch", "/posts/{a}", {"body": ANSWER_BODY, "revision": 0}, 400),
    ("patch", "/posts/{a}", {"body": ANSWER_BODY, "revision": 10**30}, 400),
    ("patch", "/posts/{a}", {}, 400),
    ("put", "/posts/{a}", {"body": ANSWER_BODY}, 405),
    ("get", "/questions?sort=best", None, 400),
    ("get", "/questions?limit=0", None, 400),
    ("get", "/questions?limit=many", None, 400),
    ("get", "/questions?cursor=%00%FF", None, 400),
    ("get", "/questions?cursor=" + "a" * 600, None, 400),
    ("get", "/questions/{q}?page=0", None, 400),
    ("get", "/questions/{q}?page=1000", None, 400),
    ("get", "/search", None, 400),
    ("get", "/search?q=" + "z" * 300, None, 400),
    ("get", "/tags?page=-3", None, 400),
    ("get", "/tags?q=a%00b", None, 400),
    ("get", "/search?q=zhukov%00", None, 400),
    ("get", "/questions?tag=tanks%00", None, 400),
    ("get", "/users/alice%00", None, 400),
    ("get", "/no/such/endpoint", None, 404),
]


@pytest.mark.parametrize(("method", "path", "data", "status"), CASES)
def test_bad_input_is_a_clear_4xx_and_saves_nothing(
    member_api, member, question, method, path, data, status
):
    answer = make_answer(question, author=member)
    before = (Post.objects.count(), Revision.objects.count(), Vote.objects.count())
    path = path.format(q=question.pk, a=answer.pk)
    if method == "get":
        response = member_api.client.get(
            f"/api{path}", HTTP_AUTHORIZATION=f"Bearer {member_api.secret}"
        )
    elif isinstance(data, str):
        response = member_api.send(method, path, raw=data)
    else:
        response = member_api.send(method, path, data)
    assert response.status_code == status, response.content[:300]
    assert error_of(response)["message"]
    assert (Post.objects.count(), Revision.objects.count(), Vote.objects.count()) == before


def test_field_errors_name_the_field(member_api, question):
    response = member_api.post(f"/questions/{question.pk}/answers", {"body": "   ", "extra": 1})
    fields = error_of(response)["fields"]
    assert fields["extra"] == ["Unknown field."]

import pytest
from django.urls import reverse

from forum.comments.models import Comment
from forum.posts.models import Post, Status
from tests.factories import make_answer, make_comment

pytestmark = pytest.mark.django_db

RELEVANT_COMMENT = "Which Soviet armoured brigades crossed the river first, and on what date?"


def test_member_comments_on_a_question(member_client, question):
    response = member_client.post(
        reverse("comments:create", args=[question.pk]), {"body": RELEVANT_COMMENT}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert comment.parent == question
    assert RELEVANT_COMMENT in member_client.get(question.get_absolute_url()).text


def test_member_comments_on_an_answer(member_client, question):
    answer = make_answer(question)
    member_client.post(reverse("comments:create", args=[answer.pk]), {"body": RELEVANT_COMMENT})
    comment = Comment.objects.get()
    assert comment.parent == answer
    assert comment.thread == question


@pytest.mark.parametrize(
    ("who", "body", "status", "says"),
    [
        ("member_client", "x" * 601, 400, "at most 600 characters"),
        ("client", RELEVANT_COMMENT, 403, "Log in again to post"),
    ],
)
def test_a_refused_comment_stores_nothing(request, question, who, body, status, says):
    response = request.getfixturevalue(who).post(
        reverse("comments:create", args=[question.pk]), {"body": body}
    )
    assert response.status_code == status
    assert says in response.text
    assert not Comment.objects.exists()


def test_get_on_the_comment_endpoint_is_not_allowed(member_client, question):
    response = member_client.get(reverse("comments:create", args=[question.pk]))
    assert response.status_code == 405


def test_author_edits_own_comment(member_client, member, question):
    comment = make_comment(question, author=member, body="First wording of my remark.")
    member_client.post(
        reverse("comments:edit", args=[comment.pk]),
        {"body": "Which brigades crossed the river first?"},
    )
    comment.refresh_from_db()
    assert comment.body == "Which brigades crossed the river first?"
    assert comment.revisions.get().body == "First wording of my remark."


def test_commenting_under_a_comment_is_forbidden(member_client, question):
    comment = make_comment(question)
    response = member_client.post(
        reverse("comments:create", args=[comment.pk]), {"body": RELEVANT_COMMENT}
    )
    assert response.status_code == 403


def test_commenting_under_a_hidden_answer_is_404(member_client, question):
    answer = make_answer(question, status=Status.SPAM)
    response = member_client.post(
        reverse("comments:create", args=[answer.pk]), {"body": RELEVANT_COMMENT}
    )
    assert response.status_code == 404
    assert not Post.objects.filter(body=RELEVANT_COMMENT).exists()


def test_a_comment_under_an_answer_is_screened_against_its_thread(member_client, question):
    """The intake reads the answer and its question in the one locked read."""
    answer = make_answer(question)
    response = member_client.post(
        reverse("comments:create", args=[answer.pk]), {"body": RELEVANT_COMMENT}
    )
    comment = Post.objects.get(body=RELEVANT_COMMENT)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.parent, comment.thread, comment.status) == (answer, question, Status.VISIBLE)


def test_editing_someone_elses_comment_is_forbidden(member_client, question):
    comment = make_comment(question, body="Not yours.")
    response = member_client.post(
        reverse("comments:edit", args=[comment.pk]), {"body": "Mine now."}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Not yours."

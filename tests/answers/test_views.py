import pytest
from django.urls import reverse

from forum.answers.models import Answer
from forum.notifications.models import Notification
from forum.posts.models import Status
from forum.questions.models import Question
from tests.factories import ANSWER_BODY, make_answer

pytestmark = pytest.mark.django_db


def test_member_posts_an_answer_and_sees_it_on_the_thread(member_client, question):
    response = member_client.post(
        reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY}
    )
    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#answer-{answer.pk}")
    assert answer.is_visible
    question.refresh_from_db()
    assert question.answer_count == 1
    assert ANSWER_BODY in member_client.get(question.get_absolute_url()).text


def test_posting_an_answer_requires_login(client, question):
    response = client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    assert response.status_code == 403
    assert "Log in again to post" in response.text  # the text is kept: tests/core/test_drafts.py
    assert reverse("accounts:login") in response.text
    assert not Answer.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n\t ", "x" * 30_001])
def test_empty_or_oversized_answer_is_a_form_error(member_client, question, body):
    response = member_client.post(reverse("answers:create", args=[question.pk]), {"body": body})
    assert response.status_code == 400
    assert "invalid-feedback" in response.text or "errorlist" in response.text
    assert not Answer.objects.exists()


def test_answering_a_missing_question_is_404(member_client, db):
    response = member_client.post(reverse("answers:create", args=[424242]), {"body": ANSWER_BODY})
    assert response.status_code == 404


def test_answering_a_hidden_question_is_404_as_a_missing_one(member_client, question):
    """The view no longer reads the question before the intake does: the intake's locked
    read refuses it, and the page then answers as the view always has, 404."""
    Question.objects.filter(pk=question.pk).update(status=Status.SPAM)
    response = member_client.post(
        reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY}
    )
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_answering_a_closed_question_is_refused_with_the_views_reason(member_client, question):
    from django.utils import timezone

    Question.objects.filter(pk=question.pk).update(closed_at=timezone.now())
    response = member_client.post(
        reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY}
    )
    assert response.status_code == 403
    assert "You may not answer this question." in response.text
    assert not Answer.objects.exists()


def test_suspended_member_cannot_answer(member_client, member, question):
    from django.utils import timezone

    member.suspended_at = timezone.now()
    member.save()
    response = member_client.post(
        reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY}
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_asker_accepts_an_answer_and_it_moves_to_the_top(client, question, other_member):
    first = make_answer(question, body="A first answer with a higher score.", score=5)
    chosen = make_answer(question, body="The answer the asker chose.")
    client.force_login(other_member)
    response = client.post(reverse("answers:accept", args=[chosen.pk]))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == chosen
    text = client.get(question.get_absolute_url()).text
    assert text.index("The answer the asker chose.") < text.index(first.body)


def test_an_asker_can_switch_back_to_an_answer_accepted_before(client, question, other_member):
    """Accepting A, then B, then A again used to answer 500 (A's notice already existed)."""
    first, second = make_answer(question), make_answer(question, body=ANSWER_BODY + " Also.")
    client.force_login(other_member)
    for answer in (first, second, first):
        assert client.post(reverse("answers:accept", args=[answer.pk])).status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == first
    notices = Notification.objects.filter(kind=Notification.Kind.ACCEPTED, post=first)
    assert [notice.read_at for notice in notices] == [None]


def test_asker_can_undo_acceptance(client, question, other_member):
    chosen = make_answer(question)
    Question.objects.filter(pk=question.pk).update(accepted_answer=chosen)
    client.force_login(other_member)
    client.post(reverse("answers:accept", args=[chosen.pk]), {"undo": "1"})
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_accepting_on_someone_elses_question_is_forbidden(member_client, question):
    answer = make_answer(question)
    response = member_client.post(reverse("answers:accept", args=[answer.pk]))
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_author_edits_answer_and_history_keeps_old_text(member_client, member, question):
    answer = make_answer(question, author=member, body="Original answer text, first version.")
    response = member_client.post(
        reverse("answers:edit", args=[answer.pk]), {"body": "Improved answer text, second version."}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body == "Improved answer text, second version."
    history = member_client.get(reverse("posts:revisions", args=[answer.pk])).text
    assert "Original answer text, first version." in history


def test_editing_someone_elses_answer_is_forbidden(member_client, question):
    answer = make_answer(question, body="Someone else's answer text.")
    response = member_client.post(reverse("answers:edit", args=[answer.pk]), {"body": "Vandalism."})
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.body == "Someone else's answer text."


def test_readers_get_404_for_a_hidden_answers_revisions(client, question):
    answer = make_answer(question, status=Status.HIDDEN)
    assert client.get(reverse("posts:revisions", args=[answer.pk])).status_code == 404


def test_answer_preview_renders_on_the_thread_without_saving(member_client, question):
    response = member_client.post(
        reverse("answers:create", args=[question.pk]),
        {"body": "**Bold point** " + ANSWER_BODY, "preview": "1"},
    )
    assert response.status_code == 200
    assert "<strong>Bold point</strong>" in response.text
    assert not Answer.objects.exists()

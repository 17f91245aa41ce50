import pytest
from django.urls import reverse

from forum.answers.services import post_answer
from forum.notifications.models import Notification
from tests.factories import ANSWER_BODY, make_user

pytestmark = pytest.mark.django_db


def test_the_navigation_shows_the_unread_count_and_the_inbox_lists_it(client, question):
    post_answer(author=make_user(), parent=question, body=ANSWER_BODY)
    client.force_login(question.author)
    assert 'aria-label="1 unread"' in client.get("/").text
    inbox = client.get(reverse("notifications:inbox")).text
    assert "New answer to your question" in inbox
    assert question.title in inbox


def test_marking_all_read_clears_the_count(client, question):
    post_answer(author=make_user(), parent=question, body=ANSWER_BODY)
    client.force_login(question.author)
    client.post(reverse("notifications:mark_read"))
    assert "unread" not in client.get("/").text
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_nobody_marks_anothers_notifications_read(member_client, question):
    post_answer(author=make_user(), parent=question, body=ANSWER_BODY)
    notice = Notification.objects.get()
    member_client.post(reverse("notifications:mark_read"), {"notification": notice.pk})
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_malformed_id_is_not_an_error_and_marks_nothing(client, question):
    post_answer(author=make_user(), parent=question, body=ANSWER_BODY)
    client.force_login(question.author)
    response = client.post(reverse("notifications:mark_read"), {"notification": "²"})
    assert response.status_code == 302
    assert Notification.objects.get().read_at is None


def test_the_inbox_needs_a_login(client, db):
    assert client.get(reverse("notifications:inbox")).status_code == 302


def test_the_inbox_stops_linking_a_post_hidden_since(client, moderator, question):
    from forum.moderation.decisions import hide_post

    answer = post_answer(author=make_user(), parent=question, body=ANSWER_BODY)
    client.force_login(question.author)
    inbox = reverse("notifications:inbox")
    assert answer.get_absolute_url() in client.get(inbox).text
    hide_post(moderator=moderator, post=answer)
    page = client.get(inbox).text
    assert "New answer to your question" in page
    assert answer.get_absolute_url() not in page

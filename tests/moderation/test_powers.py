"""Moderator powers follow status: suspension removes them, rank limits who suspends whom."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.moderation import decisions, members
from forum.moderation.permissions import can_suspend_member
from tests.factories import make_answer, make_moderator

pytestmark = pytest.mark.django_db


def _superuser():
    return User.objects.create_superuser("root", "root@example.org", "a-long-passphrase")


def test_a_suspended_moderator_cannot_open_the_queue(client):
    moderator = make_moderator()
    User.objects.filter(pk=moderator.pk).update(suspended_at=timezone.now())
    client.force_login(moderator)
    assert client.get(reverse("moderation:queue")).status_code == 403


def test_a_suspended_moderator_cannot_act_on_posts(client, question):
    moderator = make_moderator()
    User.objects.filter(pk=moderator.pk).update(suspended_at=timezone.now())
    answer = make_answer(question)
    client.force_login(moderator)
    response = client.post(reverse("moderation:act"), {"act": f"hide {answer.pk}"})
    answer.refresh_from_db()
    assert (response.status_code, answer.status) == (403, "visible")


def test_a_moderator_cannot_suspend_another_moderator(moderator):
    other = make_moderator()
    with pytest.raises(decisions.ActionRefused):
        members.suspend_member(moderator=moderator, member=other)


def test_a_superuser_can_suspend_a_moderator(moderator):
    assert members.suspend_member(moderator=_superuser(), member=moderator) == 0


def test_nobody_suspends_a_superuser(moderator):
    root = _superuser()
    assert can_suspend_member(moderator, root) is False
    assert can_suspend_member(User.objects.create_superuser("root2", "", "pw"), root) is False


def test_the_suspend_button_refuses_a_moderator_with_403(moderator_client):
    other = make_moderator()
    response = moderator_client.post(reverse("moderation:suspend", args=[other.username]))
    other.refresh_from_db()
    assert (response.status_code, other.is_suspended) == (403, False)


def test_a_suspended_asker_cannot_accept(client, member, question):
    question.author = member
    question.save(update_fields=["author"])
    answer = make_answer(question)
    User.objects.filter(pk=member.pk).update(suspended_at=timezone.now())
    client.force_login(member)
    response = client.post(reverse("answers:accept", args=[answer.pk]))
    question.refresh_from_db()
    assert response.status_code in (403, 404)
    assert question.accepted_answer_id is None

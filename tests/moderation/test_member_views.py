"""Members' pages: flagging a post, and suspending a member from their profile."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.moderation.models import Flag
from forum.posts.models import Status
from tests.factories import make_answer, make_moderator, make_user

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")


def test_suspend_from_the_profile_hides_their_posts_when_asked(moderator_client, question):
    spammer = make_user("spammer")
    answer = make_answer(question, author=spammer)
    response = moderator_client.post(
        reverse("moderation:suspend", args=["spammer"]), {"hide_posts": "on"}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == Status.HIDDEN
    moderator_client.post(reverse("moderation:unsuspend", args=["spammer"]))
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE


def test_non_moderator_cannot_suspend(member_client, other_member):
    response = member_client.post(reverse("moderation:suspend", args=[other_member.username]))
    assert response.status_code == 403
    other_member.refresh_from_db()
    assert not other_member.is_suspended


def test_member_flags_an_answer_and_it_shows_in_the_flagged_tab(member_client, member, question):
    User.objects.filter(pk=member.pk).update(
        reputation=settings.FORUM_PRIVILEGES["flag"],
        date_joined=timezone.now() - timedelta(days=30),
    )
    answer = make_answer(question, body="An answer somebody thinks is spam")
    response = member_client.post(reverse("moderation:flag", args=[answer.pk]), {"reason": "spam"})
    assert response.status_code == 302
    assert Flag.objects.get().user == member
    member_client.force_login(make_moderator())
    flagged = member_client.get(QUEUE, {"tab": "flagged"}).text
    assert "An answer somebody thinks is spam" in flagged
    assert "Flagged: Spam" in flagged


def test_members_cannot_flag_their_own_posts(member_client, member, question):
    answer = make_answer(question, author=member)
    response = member_client.post(reverse("moderation:flag", args=[answer.pk]), {"reason": "spam"})
    assert response.status_code == 403
    assert not Flag.objects.exists()


def test_flag_with_unknown_reason_or_post_is_a_clear_error(member_client, member, question):
    User.objects.filter(pk=member.pk).update(
        reputation=settings.FORUM_PRIVILEGES["flag"],
        date_joined=timezone.now() - timedelta(days=30),
    )
    answer = make_answer(question)
    url = reverse("moderation:flag", args=[answer.pk])
    assert member_client.post(url, {"reason": "boring"}).status_code == 400
    assert member_client.post(reverse("moderation:flag", args=[99999])).status_code == 404

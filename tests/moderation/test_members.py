"""Private warnings and suspensions: with a duration, through the pages, and what they do to
the member's posts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.accounts.models import User
from forum.answers.models import Answer
from forum.moderation import members
from forum.moderation.models import AuditLogEntry
from forum.notifications.models import Notification
from forum.posts.models import Status
from tests.factories import ANSWER_BODY, make_answer, make_comment, make_moderator, make_user

pytestmark = pytest.mark.django_db

Action = AuditLogEntry.Action
WARNING = "Please keep to the history of the battle, not the people in it."


def _suspend(client, member, **data):
    return client.post(reverse("moderation:suspend", args=[member.username]), data)


def test_a_warning_reaches_the_members_inbox_privately(moderator_client, client, member):
    response = moderator_client.post(
        reverse("moderation:warn", args=[member.username]), {"message": WARNING}
    )
    assert response.status_code == 302
    notice = Notification.objects.get(recipient=member)
    assert notice.kind == Notification.Kind.WARNING
    client.force_login(member)
    assert WARNING in client.get(reverse("notifications:inbox")).content.decode()


def test_a_warning_is_audited_with_its_words(moderator_client, member):
    moderator_client.post(reverse("moderation:warn", args=[member.username]), {"message": WARNING})
    entry = AuditLogEntry.objects.get(action=Action.WARNED)
    assert (entry.member, entry.reason) == (member, WARNING)


def test_an_empty_warning_is_refused(moderator_client, member):
    moderator_client.post(reverse("moderation:warn", args=[member.username]), {"message": "hey"})
    assert not Notification.objects.exists()


def test_members_cannot_warn(member_client, other_member):
    response = member_client.post(
        reverse("moderation:warn", args=[other_member.username]), {"message": WARNING}
    )
    assert response.status_code == 403
    assert not Notification.objects.exists()


def test_a_suspension_runs_for_the_chosen_days(moderator_client, member):
    _suspend(moderator_client, member, reason="Spam run", duration="7")
    member.refresh_from_db()
    assert member.is_suspended
    assert timedelta(days=6) < member.suspended_until - timezone.now() <= timedelta(days=7)


def test_a_suspension_until_a_date_ends_that_day(moderator_client, member):
    day = (timezone.now() + timedelta(days=10)).date()
    _suspend(moderator_client, member, until=day.isoformat())
    member.refresh_from_db()
    assert member.suspended_until.date() == day


def test_a_suspension_can_be_indefinite(moderator_client, member):
    _suspend(moderator_client, member, duration="indefinite")
    member.refresh_from_db()
    assert member.is_suspended and member.suspended_until is None


def test_a_suspension_ending_in_the_past_is_refused(moderator_client, member):
    _suspend(moderator_client, member, until="2001-01-01")
    member.refresh_from_db()
    assert not member.is_suspended


def test_a_suspension_is_audited_with_its_term_and_told_to_the_member(moderator_client, member):
    _suspend(moderator_client, member, reason="Spam run", duration="3")
    entry = AuditLogEntry.objects.get(action=Action.SUSPENDED)
    assert "until" in entry.reason and "Spam run" in entry.reason
    notice = Notification.objects.get(recipient=member, kind=Notification.Kind.SUSPENSION)
    assert "Spam run" in notice.message


def test_a_suspended_member_sees_a_banner_with_the_reason_and_end(moderator_client, client, member):
    _suspend(moderator_client, member, reason="Spam run", duration="3")
    member.refresh_from_db()
    client.force_login(member)
    page = client.get(reverse("questions:list")).content.decode()
    assert "Your account is suspended" in page and "Spam run" in page
    assert f"{member.suspended_until:%Y-%m-%d}" in page


def test_a_suspended_member_is_shown_no_answer_form_but_why(
    moderator_client, client, member, question
):
    _suspend(moderator_client, member, duration="3")
    client.force_login(member)
    page = client.get(question.get_absolute_url()).content.decode()
    assert reverse("answers:create", args=[question.pk]) not in page
    assert reverse("votes:vote", args=[question.pk]) not in page
    assert "Add a comment" not in page
    assert "suspended, so you cannot answer" in page


def test_a_suspended_member_asking_is_told_why(moderator_client, client, member):
    _suspend(moderator_client, member, reason="Spam run", duration="3")
    client.force_login(member)
    response = client.get(reverse("questions:ask"))
    assert response.status_code == 403
    assert "suspended" in response.content.decode()
    assert 'name="title"' not in response.content.decode()


def test_a_suspension_lifts_itself_when_it_runs_out(client, member, question):
    User.objects.filter(pk=member.pk).update(
        suspended_at=timezone.now() - timedelta(days=8),
        suspended_until=timezone.now() - timedelta(seconds=1),
    )
    client.force_login(member)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Your account is suspended" not in page
    client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    assert Answer.objects.get().author == member


def test_a_suspension_hides_no_posts_unless_asked(moderator_client, member, question):
    answer = make_answer(question, author=member)
    _suspend(moderator_client, member, duration="3")
    answer.refresh_from_db()
    assert answer.status == Status.VISIBLE


def test_hiding_a_post_never_suspends_or_costs_its_author(moderator_client, member, question):
    answer = make_answer(question, author=member)
    reputation = User.objects.get(pk=member.pk).reputation
    moderator_client.post(reverse("moderation:act"), {"act": f"hide {answer.pk}@1"})
    answer.refresh_from_db()
    member.refresh_from_db()
    assert answer.status == Status.HIDDEN
    assert (member.is_suspended, member.reputation) == (False, reputation)


def test_lifting_an_expired_suspension_restores_the_posts_it_hid(
    moderator_client, member, question
):
    answer = make_answer(question, author=member)
    _suspend(moderator_client, member, duration="1", hide_posts="on")
    User.objects.filter(pk=member.pk).update(suspended_until=timezone.now())
    moderator_client.post(reverse("moderation:unsuspend", args=[member.username]))
    answer.refresh_from_db()
    member.refresh_from_db()
    assert answer.status == Status.VISIBLE and member.suspended_at is None


def test_a_moderator_can_warn_another_moderator(moderator_client):
    other = make_moderator()
    moderator_client.post(reverse("moderation:warn", args=[other.username]), {"message": WARNING})
    assert Notification.objects.filter(recipient=other).exists()


@pytest.mark.parametrize("until", ["9999-12-31", "99999-01-01", "yesterday", "\x00"])
def test_a_strange_suspension_date_is_handled_without_a_500(moderator_client, member, until):
    response = _suspend(moderator_client, member, until=until)
    assert response.status_code == 302


def test_suspend_hides_all_replies_and_unsuspend_restores_each_status(moderator, question):
    spammer = make_user()
    visible = make_answer(question, author=spammer)
    held = make_comment(question, author=spammer, status=Status.HELD)
    already_spam = make_comment(question, author=spammer, status=Status.SPAM)
    members.suspend_member(moderator=moderator, member=spammer, reason="spam run", hide_posts=True)
    for post in (visible, held, already_spam):
        post.refresh_from_db()
    spammer.refresh_from_db()
    assert spammer.is_suspended
    assert (visible.status, held.status, already_spam.status) == ("hidden", "hidden", "spam")

    members.unsuspend_member(moderator=moderator, member=spammer)
    for post in (visible, held, already_spam):
        post.refresh_from_db()
    spammer.refresh_from_db()
    assert not spammer.is_suspended
    assert (visible.status, held.status, already_spam.status) == ("visible", "held", "spam")

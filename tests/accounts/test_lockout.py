"""Wrong passwords cannot be turned on a member: a username is locked only together with the
address failing on it, tried from many addresses it is slowed down (never for its owner at
home), the owner hears of it in their inbox, and a moderator can lift it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from forum.accounts import lockout
from forum.moderation.models import AuditLogEntry
from forum.notifications.models import Notification
from tests.factories import PASSWORD, make_moderator, make_user

pytestmark = pytest.mark.django_db

HOME = "198.51.100.7"
ATTACKERS = [f"203.0.113.{n}" for n in range(1, 10)]


def _log_in(client, username, password, address):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _logged_in_as(client) -> bool:
    return "_auth_user_id" in client.session


def _attack(client, username, addresses):
    return [_log_in(client, username, "guess", address).status_code for address in addresses]


@pytest.fixture
def owner(client):
    owner = make_user("owner")
    _log_in(client, "owner", PASSWORD, HOME)  # the owner's own address, known from now on
    client.logout()
    return owner


def _age_failures(username, seconds):
    """As if the failures on `username` had happened `seconds` earlier."""
    earlier = timezone.now() - timedelta(seconds=seconds)
    AccessAttempt.objects.filter(username=username).update(attempt_time=earlier)


def test_the_owner_logs_in_from_their_own_address_while_the_attackers_are_slowed_down(
    client, owner
):
    codes = _attack(client, "owner", ATTACKERS)
    assert codes[:5] == [200] * 5  # wrong passwords, answered as such
    assert set(codes[5:]) == {429}  # then the attackers' addresses wait
    slowed = _log_in(client, "owner", "guess", "203.0.113.200")
    assert slowed.status_code == 429
    assert int(slowed["Retry-After"]) > 0
    response = _log_in(client, "owner", PASSWORD, HOME)
    assert response.status_code == 302 and _logged_in_as(client)


def test_a_slowed_down_log_in_is_refused_before_the_password_is_checked(client, owner):
    _attack(client, "owner", ATTACKERS)
    response = _log_in(client, "owner", PASSWORD, "203.0.113.201")
    assert response.status_code == 429 and not _logged_in_as(client)


def test_the_wait_doubles_with_each_failure_up_to_the_cap(settings, owner):
    def failures(n):
        AccessAttempt.objects.filter(username="owner").delete()
        for index in range(n):
            AccessAttempt.objects.create(
                username="owner", ip_address=f"203.0.113.{index + 1}", user_agent="bot",
                failures_since_start=1, attempt_time=timezone.now(),
            )  # fmt: skip
        return lockout.slowdown_seconds("owner", "192.0.2.1")

    settings.FORUM_LOGIN_SLOWDOWN = {"after": 5, "max_seconds": 60}
    assert [failures(n) for n in (4, 5, 6, 7, 8, 12)] == [0, 1, 2, 4, 8, 60]


def test_the_owner_somewhere_new_waits_but_is_never_locked_out(client, owner):
    _attack(client, "owner", ATTACKERS)
    assert _log_in(client, "owner", PASSWORD, "192.0.2.50").status_code == 429
    _age_failures("owner", 600)  # the wait (at most the cap) is over
    assert _log_in(client, "owner", PASSWORD, "192.0.2.50").status_code == 302
    assert _logged_in_as(client)


def test_failures_from_one_address_lock_that_address_not_the_owner(client, settings, owner):
    codes = _attack(client, "owner", ["203.0.113.1"] * settings.AXES_FAILURE_LIMIT)
    assert codes[-1] == 429
    assert _log_in(client, "owner", PASSWORD, "203.0.113.1").status_code == 429
    assert _log_in(client, "owner", PASSWORD, HOME).status_code == 302


def test_the_429_page_says_when_to_try_again(client, owner):
    _attack(client, "owner", ATTACKERS)
    response = _log_in(client, "owner", "guess", "203.0.113.202")
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert "Please try again in" in response.text and " UTC)" in response.text
    assert f"{seconds} second" in response.text


def test_the_owner_finds_the_failed_log_ins_in_their_inbox(client, owner):
    _attack(client, "owner", ATTACKERS[:4])
    _log_in(client, "owner", PASSWORD, HOME)
    notice = Notification.objects.get(recipient=owner, kind=Notification.Kind.FAILED_LOGINS)
    assert notice.message.startswith("4 failed log-ins on your account since you last")
    assert "4 failed log-ins" in client.get(reverse("notifications:inbox")).text


def test_the_owner_is_told_of_failed_log_ins_once(client, owner):
    _attack(client, "owner", ATTACKERS[:2])
    _log_in(client, "owner", PASSWORD, HOME)
    client.logout()
    _log_in(client, "owner", PASSWORD, HOME)
    assert Notification.objects.filter(kind=Notification.Kind.FAILED_LOGINS).count() == 1


def test_a_moderator_lifts_the_limits_from_the_members_page_and_it_is_audited(client, owner):
    _attack(client, "owner", ATTACKERS)  # five failures, then the attackers wait
    moderator = make_moderator()
    client.force_login(moderator)
    page = client.get(reverse("questions:profile", args=["owner"])).text
    assert "5 failed log-ins on this username recently, from 5 addresses" in page
    response = client.post(reverse("moderation:lift_login_limits", args=["owner"]))
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(action=AuditLogEntry.Action.LOGINS_UNLOCKED)
    assert (entry.actor, entry.member, entry.reason) == (
        moderator,
        owner,
        "5 failed log-ins forgotten",
    )
    client.logout()
    assert _log_in(client, "owner", PASSWORD, "192.0.2.60").status_code == 302


def test_members_cannot_lift_log_in_limits(client, owner):
    _attack(client, "owner", ATTACKERS)
    client.force_login(make_user())
    response = client.post(reverse("moderation:lift_login_limits", args=["owner"]))
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(username="owner").exists()


def test_the_admin_log_in_is_slowed_down_too(client, owner):
    _attack(client, "owner", ATTACKERS)
    response = client.post(
        "/admin/login/", {"username": "owner", "password": "guess"}, REMOTE_ADDR="203.0.113.203"
    )
    assert response.status_code == 429 and int(response["Retry-After"]) > 0

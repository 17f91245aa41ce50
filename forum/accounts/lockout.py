"""Wrong passwords, without handing anyone a way to keep a member out.

django-axes locks a username *together with* the address it is tried from (settings
AXES_LOCKOUT_PARAMETERS), so nobody elsewhere can lock the owner out by failing on purpose.
A username failing from many addresses is instead slowed down: past
FORUM_LOGIN_SLOWDOWN["after"] failures (from all addresses, within django-axes' cool-off) each
further try must wait twice as long after the last failure as the one before, up to
FORUM_LOGIN_SLOWDOWN["max_seconds"]. The slowdown spares the addresses the owner has logged in
from before (`KnownAddress`), so the owner at home gets in while a botnet waits; the owner
somewhere new waits at most the cap, never a lock-out.

The owner is told, in their inbox, how many failed log-ins there were when they next log in
(forum/notifications); a moderator can lift both the locks and the slowdown from the
member's profile (forum/moderation/members.py).
"""

from datetime import datetime, timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F, Max, Sum
from django.utils import timezone

from forum.core.limits import client_ip

from .models import KnownAddress, User


def clean_username(name) -> str:
    """A username as failures are counted under it: at most 150 characters (Django's
    username length; django-axes stores 255) and no NUL bytes, which PostgreSQL refuses."""
    return str(name or "").replace("\x00", "")[:150]


def _window_start() -> datetime:
    return timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)


def recent_failures(username: str) -> tuple[int, int, datetime | None]:
    """Failed log-ins for `username` within the cool-off: how many, from how many
    addresses, and when the last was."""
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=_window_start())
    totals = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    addresses = attempts.values("ip_address").distinct().count() if totals["failures"] else 0
    return totals["failures"] or 0, addresses, totals["last"]


def slowdown_seconds(username: str, address: str) -> int:
    """How many seconds a log-in as `username` from `address` must still wait; 0: go on."""
    rule = settings.FORUM_LOGIN_SLOWDOWN
    failures, _, last = recent_failures(username)
    if failures < rule["after"] or last is None:
        return 0
    if KnownAddress.objects.filter(user__username=username, address=address).exists():
        return 0
    delay = min(2 ** (failures - rule["after"]), rule["max_seconds"])
    remaining = (last + timedelta(seconds=delay) - timezone.now()).total_seconds()
    return max(0, int(remaining + 0.999))


def remember_address(request, user: User) -> None:
    """Note the address a member logged in from: it is spared later slowdowns."""
    address = client_ip(request)
    if address:
        KnownAddress.objects.update_or_create(
            user=user, address=address, defaults={"last_login_at": timezone.now()}
        )


def count_failure(username: str) -> None:
    """One more failed log-in for the member of this name (none if no such member): told to
    them at their next log-in."""
    User.objects.filter(username=username).update(failed_logins=F("failed_logins") + 1)


def take_failures(user: User) -> int:
    """The failed log-ins since the member last logged in, counted once: zeroed as read."""
    count = User.objects.filter(pk=user.pk).values_list("failed_logins", flat=True).first() or 0
    if count:
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") - count)
    return count


def lift(username: str) -> int:
    """End every lock and slowdown on `username`: forget its failed log-ins from every
    address. Returns how many failures were forgotten."""
    attempts = AccessAttempt.objects.filter(username=username)
    failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
    attempts.delete()
    return failures


def axes_address(request) -> str | None:
    """The address django-axes counts failures under: the one every limit counts
    (forum.core.limits.client_ip), None when unknown."""
    return client_ip(request) or None

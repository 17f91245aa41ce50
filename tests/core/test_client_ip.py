"""Behind trusted proxies every limit counts the real client, and a forged X-Forwarded-For
from anyone else changes nothing (forum.core.limits.client_ip)."""

import ast
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from forum.answers.models import Answer
from forum.core.limits import client_ip
from forum.posts.models import Status
from forum.watchlist.models import WatchedPattern
from tests.factories import ANSWER_BODY, make_established_member, make_moderator, sign_up

PROXY = "10.0.0.2"  # the load balancer every request comes through
TRUSTED = ["10.0.0.0/24", "2001:db8:ffff::/48"]


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = TRUSTED


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "client"),
    [
        # No header: the peer is the client.
        ("198.51.100.7", None, "198.51.100.7"),
        (PROXY, None, PROXY),
        # One trusted proxy, and a chain of them: the first untrusted hop from the right.
        (PROXY, "198.51.100.7", "198.51.100.7"),
        (PROXY, "198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (PROXY, "198.51.100.7,10.0.0.9,10.0.0.3", "198.51.100.7"),
        # Spoofed leftmost values are the client's own words: never believed.
        (PROXY, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (PROXY, "10.0.0.5, 198.51.100.7", "198.51.100.7"),
        (PROXY, "1.2.3.4, 5.6.7.8, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        # An untrusted peer sending the header: the header is ignored.
        ("198.51.100.7", "1.2.3.4", "198.51.100.7"),
        ("198.51.100.7", "10.0.0.9", "198.51.100.7"),
        # IPv6 peers, clients and proxies, with ports and brackets as proxies write them.
        ("2001:db8:ffff::1", "2001:db8:1::7", "2001:db8:1::7"),
        (PROXY, "[2001:db8:1::7]:51000", "2001:db8:1::7"),
        ("2001:db8:1::7", "1.2.3.4", "2001:db8:1::7"),
        (PROXY, "198.51.100.7:51000", "198.51.100.7"),
        # An IPv4 client seen through an IPv6 socket is its IPv4 address.
        ("::ffff:10.0.0.2", "198.51.100.7", "198.51.100.7"),
        ("::ffff:198.51.100.7", None, "198.51.100.7"),
        # Garbage: the nearest hop that is an address, never the garbage itself.
        (PROXY, "garbage", PROXY),
        (PROXY, "", PROXY),
        (PROXY, " , ,", PROXY),
        (PROXY, "198.51.100.7, unknown", PROXY),
        (PROXY, "unknown, 198.51.100.7", "198.51.100.7"),
        (PROXY, "198.51.100.7, 10.0.0.9\x00", PROXY),
        (PROXY, "<script>, 300.1.1.1", PROXY),
        ("", "198.51.100.7", "0.0.0.0"),
    ],
)
def test_the_client_is_the_right_most_hop_no_trusted_proxy_wrote(
    rf, behind_proxy, remote_addr, forwarded_for, client
):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    assert client_ip(rf.get("/", **extra)) == client


def test_with_no_trusted_proxies_the_header_is_never_read(rf, settings):
    settings.TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_ip(request) == PROXY


def _through_proxy(client, address: str) -> None:
    client.defaults.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


@pytest.mark.django_db
def test_two_clients_behind_one_proxy_get_separate_limits(behind_proxy, settings, client):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "signup": {"ip": "1/h"}}
    _through_proxy(client, "198.51.100.1")
    assert sign_up(client, username="first", email="first@example.org").status_code == 302
    client.logout()
    assert sign_up(client, username="second", email="second@example.org").status_code == 429
    # Another client through the same proxy still has its own allowance.
    _through_proxy(client, "198.51.100.2")
    assert sign_up(client, username="third", email="third@example.org").status_code == 302


@pytest.mark.django_db
def test_a_forged_header_does_not_escape_the_address_limit(behind_proxy, settings, client):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "signup": {"ip": "1/h"}}
    _through_proxy(client, "198.51.100.1")
    assert sign_up(client, username="first", email="first@example.org").status_code == 302
    client.logout()
    # The client writes a new address of its own in front; the proxy appends the real one.
    _through_proxy(client, "203.0.113.50, 198.51.100.1")
    assert sign_up(client, username="second", email="second@example.org").status_code == 429


@pytest.mark.django_db
def test_failed_log_ins_are_counted_against_the_real_client(behind_proxy, client):
    _through_proxy(client, "198.51.100.1")
    client.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"})
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.1"]


@pytest.mark.django_db
def test_one_clients_wrong_passwords_do_not_lock_out_another(behind_proxy, settings, client):
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        _through_proxy(client, "198.51.100.1")
        client.post(reverse("accounts:login"), {"username": f"user{n}", "password": "x"})
    member = make_established_member()
    member.set_password("a fine long password")
    member.save()
    _through_proxy(client, "198.51.100.2")
    response = client.post(
        reverse("accounts:login"),
        {"username": member.username, "password": "a fine long password"},
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_watch_list_sees_the_real_client(behind_proxy, client, question):
    WatchedPattern.objects.create(
        kind=WatchedPattern.Kind.IP,
        pattern="198.51.100.66",
        action=WatchedPattern.Action.HOLD,
        created_by=make_moderator(),
    )
    client.force_login(make_established_member())
    _through_proxy(client, "198.51.100.66")
    client.post(reverse("answers:create", args=[question.pk]), {"body": ANSWER_BODY})
    assert Answer.objects.get().status == Status.HELD


def test_only_client_ip_reads_the_peer_address():
    """Anything else reading REMOTE_ADDR would count the proxy, not the client."""
    forum = Path(__file__).resolve().parents[2] / "forum"
    readers = {
        str(path.relative_to(forum))
        for path in forum.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.Constant) and node.value == "REMOTE_ADDR"
    }
    assert readers == {"core/limits.py"}

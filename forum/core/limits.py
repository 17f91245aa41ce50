"""Limits on every write and on authentication, per account and per address.

Counting is django-ratelimit's, in the shared cache (Redis with REDIS_URL, else a file cache
every local worker shares), so no limit costs a database statement; on Redis its counters are
counted here, all of a request's in one round trip (`_usages`). The rates are settings
(FORUM_RATE_LIMITS). A request over a limit is answered 429 with Retry-After; form pages
instead show the refusal above the form, with the text the member wrote still in it.
"""

import functools
import ipaddress
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django_ratelimit import core as ratelimit
from django_ratelimit.core import get_usage

from . import resubmit

log = logging.getLogger("forum.limits")

# When the cache cannot count (Redis down: forum/core/resilient_cache.py answers as an empty
# cache, so every count starts again at one), the limits fail open, with a logged warning,
# rather than counting in the database: the limits that protect accounts and readers are in
# the database already and keep holding (log-in lock-outs, django-axes; the hourly post limits,
# counted under the author's row lock; the spam filter and the watch list), and a counter
# write on every limited request would land on the database just when it also carries every
# page the cache no longer serves. Refusing instead would shut every writer out for the
# outage.


@dataclass(frozen=True)
class Refusal:
    """Why a request was not carried out, and how many seconds until it may be tried again."""

    message: str
    retry_after: int


def _when(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = round(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


# What each kind of limit counts, in the refusal's words. Besides django-ratelimit's "user"
# and "ip", a limit may count the e-mail address a form names (password resets, so nobody
# can fill a stranger's mailbox from many addresses).
EMAIL_KEY = "forum.core.limits.posted_email"
_COUNTED = {"user": "this account", "ip": "your network address", EMAIL_KEY: "this e-mail address"}


def posted_email(group: str, request) -> str:
    """The e-mail address a form posted, as a limit counts it: every spelling of one
    mailbox that Django's password reset would write to counts as one."""
    return request.POST.get("email", "").strip().lower()


def check_limits(request, group: str) -> Refusal | None:
    """Count this request against `group`'s limits for its account and its address; return
    a Refusal if either is exceeded. Only counts: call once per request."""
    refusal = None
    limits = {
        key: rate
        for key, rate in settings.FORUM_RATE_LIMITS[group].items()
        if key != "user" or request.user.is_authenticated
    }
    counting = caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]
    count = getattr(counting, "count", None)
    known = limits and set(limits) <= _COUNTED.keys()  # what `_usages` can name
    if count is not None and known and getattr(settings, "RATELIMIT_ENABLE", True):
        usages = _usages(request, f"forum.{group}", limits, count)
    else:
        usages = [
            get_usage(request, group=f"forum.{group}", key=key, rate=rate, increment=True)
            for key, rate in limits.items()
        ]
    for key, usage in zip(limits, usages, strict=True):
        if usage is not None and usage["time_left"] == -1:
            # The cache could not count (django-ratelimit's answer): fail open (see below).
            log.warning("Rate limit %s/%s not counted: the cache did not answer.", group, key)
            continue
        if usage is not None and usage["should_limit"]:
            wait = max(usage["time_left"], 1)
            if refusal is None or wait > refusal.retry_after:
                who = _COUNTED.get(key, "your requests")
                refusal = Refusal(
                    f"Too many requests of this kind from {who}. Please try again in "
                    f"{_when(wait)}.",
                    wait,
                )
    return refusal


def _usages(request, group: str, limits: dict[str, str], count: Callable) -> list[dict]:
    """`get_usage(..., increment=True)` for each of `limits`, its counters (the same keys,
    windows and expiries) counted by `count` in one round trip to Redis
    (forum/core/resilient_cache.py): the library adds then increments each, two round trips
    a counter, four of a posting request's nine."""
    counters = []
    for key, rate in limits.items():
        limit, period = ratelimit._split_rate(rate)
        if key == EMAIL_KEY:
            value = posted_email(group, request)
        else:
            value = ratelimit._SIMPLE_KEYS[key](request)
        window = ratelimit._get_window(value, period)
        cache_key = ratelimit._make_cache_key(group, window, rate, value, ratelimit.ALL)
        counters.append((cache_key, limit, window, period + ratelimit.EXPIRATION_FUDGE))
    counts = count({cache_key: expiry for cache_key, _, _, expiry in counters})
    now = int(time.time())
    return [
        {"count": n, "limit": limit, "should_limit": n > limit, "time_left": window - now}
        for n, (_, limit, window, _) in zip(counts, counters, strict=True)
    ]


def refused(request, refusal: Refusal, *, back=None):
    """The 429 page for a refused action that has no form to keep."""
    response = render(
        request, "core/refused.html", {"message": refusal.message, "back": back}, status=429
    )
    response["Retry-After"] = str(refusal.retry_after)
    return response


def rate_limited(group: str | Callable, *, keep_form: bool = False):
    """Limit a view's POSTs by `group` (a FORUM_RATE_LIMITS key, or a function of the
    request returning one).

    Over a limit the view is not called and a 429 page is returned, unless `keep_form`: then
    the view is called with `request.limit_refusal` set and must not act, only show the
    refusal in its form (forum/posts/pages.py does); its response gets 429 and Retry-After.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            refusal = None
            # A form sent again is answered with what it saved, and is not a new write.
            if request.method == "POST" and not resubmit.earlier(request):
                name = group(request) if callable(group) else group
                refusal = check_limits(request, name)
            if refusal is None:
                return view(request, *args, **kwargs)
            if not keep_form:
                return refused(request, refusal)
            request.limit_refusal = refusal
            response = view(request, *args, **kwargs)
            response.status_code = 429
            response["Retry-After"] = str(refusal.retry_after)
            return response

        return wrapper

    return decorator


def client_ip(request) -> str:
    """The address a request came from: the one place the forum reads it. Every per-address
    limit counts it (django-ratelimit through RATELIMIT_IP_META_KEY, django-axes through
    AXES_CLIENT_IP_CALLABLE) and the watch list matches it.

    The peer (REMOTE_ADDR) is the client unless it is one of TRUSTED_PROXIES. A trusted proxy
    appends the address it saw to X-Forwarded-For, so the header is read from the right,
    skipping trusted proxies, and the first hop that is not one is the client. Everything to
    its left was written by that client and is never believed: a forged header changes
    nothing. A peer that is not an address (a Unix socket gives none) counts as 0.0.0.0, so
    the limits still count something; serve the app on a TCP port behind the proxy.
    """
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return "0.0.0.0"
    trusted = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    client = peer
    if _is_trusted(client, trusted):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                # Not an address: the trusted hop to its right is as far as anyone can tell.
                break
            client = address
            if not _is_trusted(client, trusted):
                break
    return str(client)


Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> Address | None:
    """An address as proxies write it (with or without a port, IPv6 in brackets or not), or
    None for anything else. An IPv4 client seen over IPv6 (::ffff:a.b.c.d) is its IPv4."""
    text = text.strip().partition("%")[0]  # a link-local zone (fe80::1%eth0) is no part of it
    if text.startswith("["):  # [2001:db8::1] or [2001:db8::1]:443
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 198.51.100.7:443
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@functools.lru_cache(maxsize=8)
def _trusted_networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: Address, networks: tuple) -> bool:
    return any(address in network for network in networks)


def stored_address(address: str) -> str | None:
    """`address` as a database keeps it, or None when it is not a network address."""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def limit_refusal(request) -> Refusal | None:
    """The refusal `rate_limited(keep_form=True)` attached to this request, if any."""
    return getattr(request, "limit_refusal", None)


def write_or_preview(write_group: str) -> Callable:
    """A group function: previews are limited apart from the write they preview."""
    return lambda request: "preview" if "preview" in request.POST else write_group


# A browser's id: a random value in a long-lived first-party cookie, set when someone signs
# up or votes. It tells accounts used from one browser apart from colleagues who merely
# share an office's address (forum/votes/rings.py). Clearing cookies loses it: it is one
# signal among several, never the only one.
BROWSER_COOKIE = "forum_browser"
BROWSER_COOKIE_SECONDS = 2 * 365 * 86400


def client_browser(request) -> str:
    """The browser's id from its cookie; a browser without one (or with a malformed one) is
    given a new id here, which `remember_browser` then sets on the response."""
    value = request.COOKIES.get(BROWSER_COOKIE, "")
    if value.isascii() and value.isalnum() and 16 <= len(value) <= 64:
        return value
    if not hasattr(request, "new_browser_id"):
        request.new_browser_id = secrets.token_hex(16)
    return request.new_browser_id


def remember_browser(request, response):
    """Set the cookie of an id `client_browser` gave this request (only on pages never
    cached: the sign-up form and votes)."""
    if browser := getattr(request, "new_browser_id", None):
        response.set_cookie(
            BROWSER_COOKIE,
            browser,
            max_age=BROWSER_COOKIE_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response

"""Links: how many, to where, and how much of the reply they are.

One link to documentation inside a real answer is normal and costs almost nothing. What marks
link spam is the shape: shorteners that hide the destination, affiliate or tracking
parameters, throwaway domains (cheap TLDs, hyphenated keyword names), and replies that are
mostly link. Script tags, event handlers and ``javascript:`` URLs are never legitimate prose.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .document import Document
from .records import Reason
from .vocabulary import word_set

_SHORTENERS = word_set(
    "bit.ly tinyurl.com goo.gl t.co ow.ly is.gd buff.ly cutt.ly rebrand.ly shorturl.at "
    "tiny.cc rb.gy t.ly amzn.to tr.im v.gd s.id shorte.st adf.ly bl.ink lnkd.in soo.gd "
    "clck.ru"
)
# Destinations that answers cite; a link there is a reference, not an advertisement.
_REFERENCE_SUFFIXES = (
    "wikipedia.org",
    "wikimedia.org",
    "python.org",
    "mozilla.org",
    "w3.org",
    "github.com",
    "gitlab.com",
    "stackoverflow.com",
    "stackexchange.com",
    "doi.org",
    "arxiv.org",
    "archive.org",
    "jstor.org",
    "britannica.com",
    "nih.gov",
    "who.int",
    "europa.eu",
    "gov.uk",
    "readthedocs.io",
    "docs.rs",
    "rust-lang.org",
    "go.dev",
    "djangoproject.com",
    "postgresql.org",
    "kernel.org",
    "ietf.org",
    ".edu",
    ".gov",
    ".ac.uk",
)
_CHEAP_TLDS = word_set(
    "xyz top click site online shop store club live link pro vip icu buzz tk ml ga cf gq pw "
    "ws info biz loan win bid racing review cam"
)
_TRACKING_RE = re.compile(
    r"[?&](?:ref|aff|affiliate|utm_\w{1,20}|invite|promo|coupon|partner|tag|clickid|sub\d?)="
    # Not "/r/": reddit paths ("/r/bicycling/") are communities, not redirects.
    r"|/(?:aff|ref|go|out|refer|invite)/",
    re.I,
)

PER_LINK = 0.6
PER_REFERENCE_LINK = 0.1
SHORTENER = 1.4
TRACKING = 1.0
THROWAWAY_DOMAIN = 0.8
MOSTLY_LINKS = 1.2
SHORT_REPLY_WORDS = 40
LINK_IS_THE_POINT = 1.0  # a short reply around a non-reference link exists to carry it
MAX_LINKS_WEIGHT = 4.0
MARKUP_INJECTION = 2.5


def link_reasons(doc: Document) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if doc.has_script:
        reasons.append(
            Reason(
                "markup_injection",
                "Contains script markup (<script>, an event handler or a javascript: link)",
                MARKUP_INJECTION,
            )
        )
    if not doc.urls:
        return tuple(reasons)

    weight = 0.0
    notes: list[str] = []
    hosts: list[str] = []
    for url in doc.urls[:50]:
        host = _host(url)
        hosts.append(host)
        if _is_reference(host):
            weight += PER_REFERENCE_LINK
            continue
        weight += PER_LINK
        if host in _SHORTENERS:
            weight += SHORTENER
            notes.append(f"shortened link {host}")
        if _TRACKING_RE.search(url):
            weight += TRACKING
            notes.append("affiliate/tracking parameters")
        if host.rsplit(".", 1)[-1] in _CHEAP_TLDS or host.count("-") >= 2:
            weight += THROWAWAY_DOMAIN
            notes.append(f"throwaway-looking domain {host}")

    # The shape tests below concern links that are not references: a bare Wikipedia link
    # is at worst a lazy reply, never an advertisement.
    if weight >= PER_LINK and len(doc.words) <= SHORT_REPLY_WORDS:
        weight += LINK_IS_THE_POINT
        notes.append("a short reply built around the link")

    link_chars = sum(len(u) for u in doc.urls)
    mostly_link = len(doc.words) <= 3 or link_chars >= 0.5 * max(1, len(doc.text.strip()))
    if weight >= PER_LINK and mostly_link:
        weight += MOSTLY_LINKS
        notes.append("the reply is mostly link")

    n = len(doc.urls)
    head = f"{n} link{'s' if n > 1 else ''} ({', '.join(dict.fromkeys(hosts[:3]))})"
    details = "; ".join(dict.fromkeys(notes))
    reasons.append(
        Reason(
            "links",
            head + (f": {details}" if details else ""),
            min(weight, MAX_LINKS_WEIGHT),
        )
    )
    return tuple(reasons)


def _is_reference(host: str) -> bool:
    for suffix in _REFERENCE_SUFFIXES:
        if suffix.startswith("."):
            if host.endswith(suffix):
                return True
        elif host == suffix or host.endswith("." + suffix):
            return True
    return False


def _host(url: str) -> str:
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # malformed IPv6 brackets and the like
        return url[:40].lower()
    return host.lower().removeprefix("www.")

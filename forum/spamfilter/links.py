"""Links: to where, in what shape, and what the reply says around them.

A link is evidence of abuse only by its *shape*, never by being there: on real Stack Exchange
replies one comment in ten carries a link, most of them bare (a paper, a documentation page, a
screenshot, a tweet), often as the whole reply. So an ordinary link weighs next to nothing
however many there are, and whether or not it is the whole reply. What marks link spam is:
shorteners that hide the destination, affiliate, referral or tracking parameters, invitations
to a messenger group or channel (t.me, wa.me, discord.gg), throwaway domains (cheap TLDs,
hyphenated money words: "usdt-earn.vip"), and a link wrapped in sales words ("click the link
below to join", "register here"). A reply that is mostly such a link weighs more. Script tags,
event handlers and ``javascript:`` URLs are never legitimate prose.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .document import Document, _code_marks
from .records import Reason
from .vocabulary import word_set

_SHORTENERS = word_set(
    "bit.ly tinyurl.com goo.gl t.co ow.ly is.gd buff.ly cutt.ly rebrand.ly shorturl.at "
    "tiny.cc rb.gy t.ly amzn.to tr.im v.gd s.id shorte.st adf.ly bl.ink lnkd.in soo.gd "
    "clck.ru link.gy forms.gle linktr.ee cuty.io vt.tiktok.com vm.tiktok.com app.link"
)
# Invitations into a messenger's group, channel or chat: a way off the site.
_MESSENGER_HOSTS = word_set(
    "t.me telegram.me telegram.dog wa.me chat.whatsapp.com discord.gg join.skype.com line.me m.me"
)
# Destinations that answers cite; a link there is a reference, not an advertisement.
_REFERENCE_SUFFIXES = (
    "wikipedia.org",
    "wikimedia.org",
    "wiktionary.org",
    "python.org",
    "mozilla.org",
    "w3.org",
    "github.com",
    "github.io",
    "gitlab.com",
    "stackoverflow.com",
    "stackexchange.com",
    "mathoverflow.net",
    "imgur.com",
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
    "xyz top click online shop store club live vip icu buzz tk ga cf gq pw ws biz loan win bid "
    "racing review cam ltd bet casino"
)
# Money and sales words making up a part of a domain name ("usdt-earn.vip",
# "profit-capitals.ltd"); inside a word they are chance ("learnyouahaskell", "coincashew").
_MONEY_DOMAIN_RE = re.compile(
    r"(?:^|[-\d])(?:usdt|crypto|bitcoin|btc|forex|invest|profit|earn|income|capital|trade|"
    r"trading|casino|bet|loan|cash|money|bonus|promo|cheap|prize|gift|airdrop|mall)"
    r"(?:s|ers?|ing|ment|al|als)?(?:$|[-\d])",
)
_TRACKING_RE = re.compile(
    # Not utm_*: analytics tags that every "share" button adds to an ordinary link.
    r"[?&](?:ref|aff|affiliate|invite|invite_code|inviter|promo|coupon|partner|"
    r"tag|clickid|sub\d?|referral|refid|start|inviterid|invitecode)="
    # Not "/r/": reddit paths ("/r/bicycling/") are communities, not redirects.
    r"|/(?:aff|ref|go|out|refer|invite|referral|register\?)/",
    re.I,
)
# Sales words wrapped around a link: "click the link below", "register here", "join now".
_LINK_CALL_RE = re.compile(
    r"\b(?:click|tap|press)\s+(?:on\s+)?(?:the\s+|this\s+|my\s+)?(?:link|here|below|button)\b"
    r"|\b(?:join|register|sign\s+up|signup|subscribe|claim|apply|order|buy)\s+"
    r"(?:now|here|today|below|free|us|our|via|through|using|at)\b"
    r"|\b(?:link|details)\s+(?:below|in\s+(?:my\s+)?bio)\b"
    r"|\b(?:bonus|earn|earning|profits?|prizes?|discount|promo|giveaway|airdrop)\b"
    r"|\baffiliate\b|\b\d{1,3}\s?%\s+(?:off|cheaper)\b"
    r"|\b(?:from|at|with|hire)\s+our\s+(?:agency|company|firm|team|services?|shop|store)\b"
    r"|(?<!\w)(?:переход\w{0,3}|жми\w{0,2}|ссылк\w{0,2}|регистр\w{0,6}|подробнее|"
    r"вступа\w{0,4}|подпис\w{0,6})(?!\w)"
    # Turkish, Indonesian, Vietnamese, Persian, Korean: look, click, join, download, buy now
    r"|(?<!\w)(?:incele\w{0,2}|tıkla\w{0,4}|katıl\w{0,4}|indir\w{0,4}|kayıt\s+ol\w{0,3}|"
    r"takip\s+ed\w{0,4}|keşfet\w{0,8}|bekleriz|klik|daftar|gabung|sikat\s+sekarang|"
    r"mua\s+ngay)(?!\w)|کلیک|لینک\s+زیر|دانلود|نصب\s+کنید|عضو\s+شوید|클릭|가입|다운로드",
    re.I,
)

_DECLARED_AD_RE = re.compile(r"\b(?:affiliate|referral|sponsored)\b", re.I)

PER_LINK = 0.1  # an ordinary link: never evidence, however many
PER_REFERENCE_LINK = 0.05
MAX_ORDINARY = 0.2
SHORTENER = 1.6
SHORTENER_IN_ANSWER = 0.3  # a shortened link inside a substantial reply: circumstantial
SUBSTANTIAL_WORDS = 25
MESSENGER = 1.6
TRACKING = 1.2
THROWAWAY_DOMAIN = 0.6
MONEY_DOMAIN = 1.0
LINK_CALL = 1.0  # sales words around an ordinary-looking link
MOSTLY_LINKS = 0.6  # ... and more when the reply is little else
SHORT_REPLY_WORDS = 40
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

    ordinary = 0.0
    shape = 0.0
    notes: list[str] = []
    hosts: list[str] = []
    unknown = False
    for url in doc.urls[:50]:
        host = _host(url)
        hosts.append(host)
        if _is_reference(host):
            ordinary += PER_REFERENCE_LINK
            continue
        ordinary += PER_LINK
        unknown = True
        if host in _SHORTENERS:
            substantial = len(doc.words) > SUBSTANTIAL_WORDS or doc.code_marks or doc.numbers > 2
            if substantial and _DECLARED_AD_RE.search(doc.prose[:4000]):
                substantial = False  # "(affiliate link)": the author says what it is
            shape += SHORTENER_IN_ANSWER if substantial else SHORTENER
            notes.append(f"shortened link {host}")
        elif host in _MESSENGER_HOSTS:
            shape += MESSENGER
            notes.append(f"invitation to a messenger chat {host}")
        if _TRACKING_RE.search(url):
            shape += TRACKING
            notes.append("affiliate/referral/tracking parameters")
        registrable = ".".join(host.rsplit(".", 2)[-2:])
        if host.rsplit(".", 1)[-1] in _CHEAP_TLDS:
            shape += THROWAWAY_DOMAIN
            notes.append(f"throwaway-looking domain {host}")
        # In a short reply only: a long answer cites sites whatever their names.
        short = len(doc.words) <= SHORT_REPLY_WORDS
        if short and _MONEY_DOMAIN_RE.search(registrable.rsplit(".", 1)[0]):
            shape += MONEY_DOMAIN
            notes.append(f"money words in the domain {host}")

    # An ordinary link becomes an advertisement when sales words surround it in a short
    # reply ("Click the link below to join"); in a long technical answer such words are prose.
    # Code is read outside the links: a link's own path ("0x3a9eA...") is not code.
    code = doc.code_marks and _code_marks(doc.plain)
    if unknown and len(doc.words) <= SHORT_REPLY_WORDS and not code:
        call = _LINK_CALL_RE.search(doc.prose)
        if call:
            shape += LINK_CALL
            notes.append(f'sales words around the link ("{call.group()}")')
    if shape:
        link_chars = sum(len(u) for u in doc.urls)
        if len(doc.words) <= 3 or link_chars >= 0.5 * max(1, len(doc.text.strip())):
            shape += MOSTLY_LINKS
            notes.append("the reply is mostly link")

    n = len(doc.urls)
    head = f"{n} link{'s' if n > 1 else ''} ({', '.join(dict.fromkeys(hosts[:3]))})"
    details = "; ".join(dict.fromkeys(notes))
    reasons.append(
        Reason(
            "links",
            head + (f": {details}" if details else ""),
            min(min(ordinary, MAX_ORDINARY) + shape, MAX_LINKS_WEIGHT),
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

"""Advertising shapes: sales talk, SHOUTING, stretched characters and keyword stuffing.

None of these needs a link to be spam ("BEST PACKERS AND MOVERS IN DELHI, packers and movers
Delhi, ..."). Each test is about form rather than subject, so an answer that merely mentions a
price or a discount once is left alone: sales talk needs two distinct cues.
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Document
from .records import Reason

# Calls to action and sales vocabulary; each cue counts once however often it matches.
# Each pattern comes with the words (or characters) it cannot match without, so that a reply
# lacking all of them skips the pattern: twenty regexes over a long answer would cost
# milliseconds, twenty set lookups cost nothing.
_SALES_CUES: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = tuple(
    (frozenset(triggers.split()), re.compile(pattern, re.I))
    for triggers, pattern in (
        (
            "buy buying sell selling offer provide",
            r"\bbuy(?:ing)?\b|\bI\s+(?:sell|offer|provide)\b|\bselling\b",
        ),
        ("code", r"\b(?:use|with|enter)\s+(?:the\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\b"),
        ("order", r"\border\s+(?:now|today|at|online|here)\b"),
        (
            "now today",
            r"\b(?:call|enrol+|register|sign\s+up|subscribe|book|apply|join)\s+(?:now|today)\b",
        ),
        ("click", r"\bclick\s+(?:here|the\s+link|below)\b"),
        ("visit out download try", r"\b(?:visit|check\s+out|download|try)\s+(?:our|my)\b"),
        (
            "service services course expert experts company team product products shop store "
            "agency clinic website channel platform app kit pack ebook offer",
            r"\b(?:our|my)\s+(?:\w+\s+){0,2}?(?:services?|course|experts?|company|team|products?|"
            r"shop|store|agency|clinic|website|channel|platform|app|kit|pack|ebook|offer)\b",
        ),
        ("%", r"\b\d{1,3}\s?%\s+(?:off|discount|bonus|guarantee)"),
        (
            "discount coupon promo voucher cashback bonus trial estimate",
            r"\b(?:discount|coupon|promo\s*code|voucher|cashback|bonus|free\s+trial|free\s+estimate)\b",
        ),
        ("$ € £", r"[$€£]\s?\d{1,6}(?:[.,]\d\d)?\s*(?:/\s*month|only|today)|\bonly\s+[$€£]\s?\d"),
        (
            "cheap cheapest price affordable",
            r"\b(?:cheap|cheapest|best\s+price|lowest\s+price|affordable)\b",
        ),
        ("guaranteed guarantee 100", r"\b(?:guaranteed|guarantee|100\s?%)"),
        ("prescription credit", r"\bwithout\s+(?:a\s+)?prescription\b|\bno\s+credit\s+check\b"),
        (
            "casino betting payday loan loans viagra cialis crypto bitcoin usdt forex apy",
            r"\b(?:casino|betting|payday|loans?|viagra|cialis|crypto|bitcoin|usdt|forex|apy)\b",
        ),
        (
            "followers backlink backlinks seo essay essays homework assignment assignments "
            "plagiarism",
            r"\b(?:followers|backlinks?|seo|essays?|homework|assignments?|plagiarism)\b",
        ),
        (
            "delivered delivery done ready",
            r"\b(?:delivered|delivery|done|ready)\s+(?:in|within)\s+\d{1,3}\s?(?:h|hours?|days?)\b",
        ),
        (
            "hero only limited",
            r"\bzero\s+to\s+hero\b|\bonly\s+today\b|\blimited\s+(?:time|offer)\b",
        ),
        ("near 24 24h", r"\bnear\s+me\b|\b24\s?/\s?7\b|\b24\s?h(?:ours?)?\b"),
        ("delivery shipping", r"\b(?:fast|worldwide|free|same[-\s]day)\s+(?:delivery|shipping)\b"),
        (
            "cracked version download",
            r"\b(?:cracked|full\s+version|free\s+download|download\s+free)\b",
        ),
    )
)
# Five or more of the same character ("!!!!!", "soooo"); rules like "-----" or "=====" are markup.
_STRETCH_RE = re.compile(r"([^\s\-=_*#~`.0-9])\1{4,}")

SALES_PER_CUE = 0.8
MAX_SALES = 3.0
SHOUTING = 1.2
STRETCHED = 0.4
STUFFING = 2.0


def promotion_reasons(doc: Document) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    text = doc.prose[:5000]

    hits = [
        m.group()
        for triggers, pattern in _SALES_CUES
        if _may_match(triggers, doc, text) and (m := pattern.search(text))
    ]
    if len(hits) >= 2:
        reasons.append(
            Reason(
                "promotion",
                "Sales talk: " + ", ".join(f'"{h.strip()}"' for h in hits[:5]),
                min(MAX_SALES, SALES_PER_CUE * len(hits)),
            )
        )

    sample = text[:2000]  # a sample is enough to tell shouting from an acronym or two
    n_upper = sum(map(str.isupper, sample))
    n_cased = n_upper + sum(map(str.islower, sample))
    if n_cased >= 20:
        upper = n_upper / n_cased
        if upper >= 0.6:
            reasons.append(
                Reason("shouting", f"Written in capitals ({upper:.0%} of letters)", SHOUTING)
            )

    stretch = _STRETCH_RE.search(text)
    if stretch:
        reasons.append(
            Reason("repetition", f'Stretched characters ("{stretch.group()[:12]}")', STRETCHED)
        )

    stuffed = _stuffed_keyword(doc)
    if stuffed:
        word, count, total = stuffed
        reasons.append(
            Reason(
                "keyword_stuffing",
                f'Repeats "{word}" {count} times in {total} content words',
                STUFFING,
            )
        )
    return tuple(reasons)


def _may_match(triggers: frozenset[str], doc: Document, text: str) -> bool:
    return any(t in doc.vocabulary if t.isalnum() else t in text for t in triggers)


def _stuffed_keyword(doc: Document) -> tuple[str, int, int] | None:
    """A content word making up a fifth or more of a reply's content words, at least 4 times.

    Code is left out: identifiers and paths legitimately repeat ("backup.sh", "/opt/backup").
    """
    if not _is_stuffed(doc.content):
        return None
    if doc.prose != doc.plain:
        doc = Document.of(doc.prose)
        if not _is_stuffed(doc.content):
            return None
    stem_, count = Counter(doc.content[:2000]).most_common(1)[0]
    word = next((w for w, s in zip(doc.words, doc.stems, strict=True) if s == stem_), stem_)
    return word, count, len(doc.content[:2000])


def _is_stuffed(content: tuple[str, ...]) -> bool:
    content = content[:2000]
    if len(content) < 8:
        return False
    count = Counter(content).most_common(1)[0][1]
    return count >= 4 and count / len(content) >= 0.2

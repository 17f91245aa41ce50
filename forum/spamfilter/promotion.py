"""Advertising shapes: sales talk, self-promotion, like-bait and chain messages, SHOUTING,
stretched characters and keyword stuffing.

Self-promotion needs no working link: "check out my channel", "subscribe to me and I'll sub
back", "follow me on Instagram", a web address spelled "site . com" or "site dot com" so that no
link detector sees it (also in French, Spanish, German and Russian). Like-bait ("like if you
agree") and chain messages ("send this to 10 friends or...") are spam whatever they are about.

None of these needs a link to be spam ("BEST PACKERS AND MOVERS IN DELHI, packers and movers
Delhi, ..."). Each test is about form rather than subject, so an answer that merely mentions a
price or a discount once is left alone: sales talk needs two distinct cues.
"""

from __future__ import annotations

import re
from collections import Counter

from .document import Document
from .offers import offer_cues
from .records import Reason
from .vocabulary import word_set

# Calls to action and sales vocabulary; each cue counts once however often it matches.
# Each pattern comes with the words (or characters) it cannot match without, so that a reply
# lacking all of them skips the pattern: twenty regexes over a long answer would cost
# milliseconds, twenty set lookups cost nothing.
_SALES_CUES: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = tuple(
    (frozenset(triggers.split()), re.compile(pattern, re.I))
    for triggers, pattern in (
        ("code", r"\b(?:use|with|enter)\s+(?:the\s+)?(?:promo\s+|discount\s+|coupon\s+)?code\b"),
        ("order", r"\border\s+(?:now|today|at|online|here)\b"),
        (
            "now today",
            r"\b(?:call|enrol+|register|sign\s+up|subscribe|book|apply|join)\s+(?:now|today)\b",
        ),
        (
            "click hit tap",
            r"\bclick\s+(?:here|the\s+link|below)\b|\b(?:click|hit|tap)\s+(?:(?:&|and)\s+open\s+)?"
            r"(?:on\s+)?(?:the\s+)?(?:next\s+|following\s+)?(?:link|service\s+message)\b",
        ),
        # A call to go and see ("cheap ... at shop.example, check it out today").
        (
            "check look",
            r"\bcheck\s+(?:it|them|this)\s+out\s+(?:now|today)\b"
            r"|\b(?:take|have)\s+a\s+look\s+(?:now|today)\b",
        ),
        ("visit out download try", r"\b(?:visit|check\s+out|download|try)\s+(?:our|my)\b"),
        (
            "service services course expert experts company team product products shop store "
            "agency clinic website channel platform app kit pack ebook offer",
            r"\b(?:our|my)\s+(?:\w+\s+){0,2}?(?:services?|course|experts?|company|team|products?|"
            r"shop|store|agency|clinic|website|channel|platform|app|kit|pack|ebook|offer)\b",
        ),
        ("%", r"\b\d{1,3}\s?%\s+(?:off|discount|bonus|guarantee|cheaper\s+than)"),
        (
            "discount coupon promo voucher cashback bonus trial estimate",
            r"\b(?:discount|coupon|promo\s*code|voucher|cashback|bonus|free\s+trial|free\s+estimate)\b",
        ),
        ("$ € £", r"[$€£]\s?\d{1,6}(?:[.,]\d\d)?\s*(?:/\s*month|only|today)|\bonly\s+[$€£]\s?\d"),
        (
            "cheap cheapest price affordable",
            r"\b(?:cheap|cheapest|best\s+price|lowest\s+price|affordable)\b",
        ),
        ("prescription credit", r"\bwithout\s+(?:a\s+)?prescription\b|\bno\s+credit\s+check\b"),
        (
            "casino betting payday viagra cialis",
            r"\b(?:casino|betting|payday|viagra|cialis)\b",
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
        # Money talk in French, Spanish, German (Russian: ``offers``).
        (
            "gagner argent revenu revenus gana ganar dinero ingresos geld verdienen verdiene "
            "einkommen",
            r"\bgagner\s+de\s+l'argent\b|\brevenus?\s+(?:passifs?|par\s+jour)\b"
            r"|\bgana(?:r)?\s+dinero\b|\bingresos\s+(?:pasivos|diarios|extra)\b"
            r"|\bgeld\s+verdienen\b|\b(?:passives?|extra)\s+einkommen\b",
        ),
    )
)
# Ordinary in an answer ("buy a new chain", "100% sure"): half a cue each.
_FAINT_SALES_CUES: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = tuple(
    (frozenset(triggers.split()), re.compile(pattern, re.I))
    for triggers, pattern in (
        (
            "buy buying sell selling offer provide",
            r"\bbuy(?:ing)?\b|\bI\s+(?:sell|offer|provide)\b|\bselling\b",
        ),
        ("guaranteed guarantee 100", r"\b(?:guaranteed|guarantee|100\s?%)"),
    )
)
# Each of these is enough on its own.
_SELF_PROMOTION_RE = re.compile(
    r"\b(?:check\s+out|visit|watch|see|subscribe\s+to|follow|join)\s+(?:my|our)\s+(?:new\s+)?"
    r"(?:\w+\s+){0,2}?(?:channel|page|profile|account|blog|vlog|videos?|stream|insta(?:gram)?|"
    r"tiktok|youtube|podcast|store|shop|website|web\s?site|server|group)\b"
    r"|\b(?:subscribe|sub)\s+(?:to\s+)?(?:me|my\s+channel)\b|\bsub\s*(?:4|for)\s*sub\b"
    r"|\bsub\s+back\b|\bfollow\s+back\b|\bf4f\b|\bl4l\b|\bfollow\s+for\s+follow\b"
    r"|\bfollow\s+(?:me|us)\s+(?:on|at|@)\s|\bfollow\s+(?:me|us)\s+(?:on|at)$"
    r"|\b(?:my|our)\s+(?:youtube|insta(?:gram)?|tiktok|twitch|onlyfans|telegram)\s+"
    r"(?:channel|page|account|handle|is)\b"
    # French, Spanish, German, Russian
    r"|\babonnez[-\s]vous\s+à\s+(?:ma|notre)\s+chaîne\b|\bsuivez[-\s]moi\s+sur\b"
    r"|\bvisitez\s+(?:mon|notre)\s+(?:site|blog|chaîne)\b"
    r"|\bsuscr[ií]bete\s+a\s+mi\s+canal\b|\bs[ií]gueme\s+en\b|\bvisita\s+mi\s+(?:p[aá]gina|web|canal|blog)\b"
    r"|\babonnier(?:e|t)\s+meinen\s+kanal\b|\bfolg(?:e|t)\s+mir\s+auf\b"
    r"|\bbesuch(?:e|t)\s+meine\s+(?:seite|webseite|website)\b"
    r"|(?<!\w)подпис\w{0,8}\s+на\s+(?:мой|наш)\s+канал(?!\w)|(?<!\w)заходите\s+на\s+(?:мой|наш)\s+(?:канал|сайт)(?!\w)",
    re.I,
)
_SELF_PROMOTION_WORDS = word_set(
    "check visit watch subscribe follow join sub f4f l4l channel instagram youtube tiktok "
    "insta twitch onlyfans abonnez suivez visitez "
    "suscríbete suscribete sígueme sigueme visita abonniere abonniert folge folgt besuche "
    "besucht подписывайтесь подпишись подписывайся заходите"
)
# A web address with its dots spelled out or spaced so that no link detector sees it.
_SPELLED_DOMAIN_RE = re.compile(
    r"\b[a-z0-9][a-z0-9-]{1,40}(?:\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+)"
    r"(?:com|net|org|ru|info|biz|xyz|io|co|me|site|online|shop|store|club|top|live)\b"
    r"|\b[a-z0-9][a-z0-9-]{1,40}\s+\.\s*(?-i:com|net|org|ru|info|biz|xyz|site|online|shop|store|club)\b",
    re.I,
)
_LIKE_BAIT_RE = re.compile(
    # "Like if you agree" opens a sentence; "it looks like if you ..." is prose.
    r"(?<![\w,]\s)(?<!\w)(?:like|upvote|thumbs\s+up)\s+(?:this\s+(?:comment|post|answer)\s+)?"
    r"if\s+(?:you|u)\b"
    r"|\b(?:like|upvote)\s+(?:this\s+)?(?:comment|post|answer)\s+(?:so|for|to)\b"
    r"|\bgive\s+(?:me|this|it)\s+(?:a\s+)?(?:like|thumbs\s+up|upvote)\b"
    r"|\bsmash\s+(?:that|the)\s+like\b|\b(?:\d{1,6}|one)\s+like\s*(?:=|equals|is)"
    r"|\bevery\s+(?:like|upvote)\s+(?:=|equals|is|means)\b"
    r"|\b(?:share|send|copy|paste|repost|forward|post)\s+(?:this\s+)?(?:to|with|on)\s+\d{1,3}\s+"
    r"(?:people|friends|others|comments|pages|videos)\b"
    r"|\bcopy\s+(?:and|&|n)\s+paste\s+this\b|\bif\s+(?:you|u)\s+(?:don'?t|do\s+not)\s+"
    r"(?:share|repost|send|copy|forward|pass)\b|\b(?:bad|good)\s+luck\s+for\s+\d{1,3}\s+years\b"
    r"|\bdale\s+like\b|\bcomparte\s+esto\s+con\b|\bpartagez\s+ce\s+message\b|\blike\s+si\b"
    r"|\bteil(?:e|t)\s+das\s+mit\b|\bbeğeniye\s+beğeni\w{0,4}|\btakibe\s+takip\b"
    r"|\b\d{1,3}\s+beğeni(?:ye)?\s+(?:anında\s+)?(?:dönüş|beğeni)"
    r"|\bmesaj\w{0,4}\s+\d{1,2}\s+arkada\w{0,6}\s+gönder|(?<!\w)(?:поставь(?:те)?\s+лайк|лайк\s+если|перешли(?:те)?\s+это)(?!\w)",
    re.I,
)
_LIKE_BAIT_WORDS = word_set(
    "like likes upvote thumbs smash share send copy paste repost forward post luck dale "
    "comparte partagez teile teilt поставь поставьте лайк перешли перешлите beğeniye beğeni takibe "
    "mesajı mesajini"
)

SELF_PROMOTION = 2.2
LIKE_BAIT = 2.2

# Five or more of the same character ("!!!!!", "soooo"); rules like "-----" or "=====" are markup.
_STRETCH_RE = re.compile(r"([^\s\-=_*#~`.0-9])\1{4,}")

SALES_PER_CUE = 0.8
MIN_SALES_POINTS = 2.0
MAX_SALES = 3.0
SHOUTING = 1.2
STRETCHED = 0.4
STUFFING = 2.0
PHRASE_WORDS = 3
MIN_PHRASE_REPEATS = 4


def promotion_reasons(doc: Document) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    text = doc.prose

    promo = None
    if found := doc.vocabulary & _SELF_PROMOTION_WORDS:
        promo = _SELF_PROMOTION_RE.search(doc.near(found))
    if not promo and ("dot" in doc.vocabulary or " ." in text):
        promo = _SPELLED_DOMAIN_RE.search(doc.near(("dot", " .")))
    if promo:
        reasons.append(
            Reason(
                "self_promotion", f'Promotes the author ("{promo.group().strip()}")', SELF_PROMOTION
            )
        )
    found = doc.vocabulary & _LIKE_BAIT_WORDS
    bait = _LIKE_BAIT_RE.search(doc.near(found)) if found else None
    if bait:
        reasons.append(
            Reason(
                "like_bait",
                f'Like-bait or chain message ("{bait.group().strip()}")',
                LIKE_BAIT,
            )
        )

    # Each sales cue counts 1 point, a faint one half (a price or "buy" is ordinary in an
    # answer); an offer cue from ``offers`` counts what it says: "$500 a day" is a pitch alone.
    cues = [
        (points, f'"{m.group().strip()}"')
        for points, cue_list in ((1.0, _SALES_CUES), (0.5, _FAINT_SALES_CUES))
        for triggers, pattern in cue_list
        if _may_match(triggers, doc, text)
        and (m := pattern.search(doc.near(t.lower() for t in triggers)))
    ]
    cues += offer_cues(doc)
    points = sum(p for p, _ in cues)
    if points >= MIN_SALES_POINTS:
        cues.sort(key=lambda c: -c[0])
        reasons.append(
            Reason(
                "promotion",
                "Sales talk or offer: " + ", ".join(what for _, what in cues[:5]),
                min(MAX_SALES, SALES_PER_CUE * points),
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
    """A keyword *phrase* said again and again ("plumber near me ... plumber near me"), its
    word a fifth or more of the reply's content words. A topic word said often is no stuffing
    ("state", "qubit", "wallet" in an answer about them), and code, identifiers and notation
    legitimately repeat ("backup.sh", "/opt/backup", "\\rangle").
    """
    if doc.code_marks or not _is_stuffed(doc.content):
        return None
    if doc.prose != doc.plain:
        doc = Document.of(doc.prose)
        if not _is_stuffed(doc.content):
            return None
    stem_, count = Counter(doc.content[:2000]).most_common(1)[0]
    if stem_.isdigit():
        return None  # a number repeated is a table or a matrix
    stems = doc.stems[:2000]
    phrases = Counter(
        stems[i : i + PHRASE_WORDS]
        for i in range(len(stems) - PHRASE_WORDS + 1)
        if stem_ in stems[i : i + PHRASE_WORDS]
    )
    if not phrases or phrases.most_common(1)[0][1] < MIN_PHRASE_REPEATS:
        return None
    word = next((w for w, s in zip(doc.words, doc.stems, strict=True) if s == stem_), stem_)
    return word, count, len(doc.content[:2000])


def _is_stuffed(content: tuple[str, ...]) -> bool:
    content = content[:2000]
    if len(content) < 8:
        return False
    count = Counter(content).most_common(1)[0][1]
    return count >= 4 and count / len(content) >= 0.25

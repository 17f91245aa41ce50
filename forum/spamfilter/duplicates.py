"""Near-duplicate detection: the same text pasted into several threads, or repeated by one author.

``fingerprint_keys`` turns a text into a handful of short strings that the database can index:

* ``x:…`` – a hash of the normalized words (catches exact copies with different spacing,
  case, punctuation or links);
* ``m<band>:…`` – MinHash locality-sensitive hashing over two-word shingles of the content
  words. With ``BANDS`` × ``ROWS`` = 6 × 4, two texts whose shingle sets have Jaccard
  similarity s share at least one band key with probability 1 − (1 − s⁴)⁶: 0.998 at s = 0.9,
  0.96 at s = 0.8, 0.32 at s = 0.5 and 0.0006 at s = 0.1. Unrelated texts almost never meet.

Keys are built from an unkeyed BLAKE2 hash and fixed coefficients, so they are the
same in every process and every Python version (``hash()`` is salted per process and would not
do for keys stored in a table). They do depend on the tokenizer, stemmer and stopword list:
after changing those, recompute the stored keys (a test pins them so this cannot go unnoticed).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from itertools import pairwise

from .document import Document
from .records import Reason
from .vocabulary import STOPWORDS

BANDS = 6
ROWS = 4
MAX_SHINGLES = 400
_PRIME = (1 << 61) - 1


def _digest(data: str, size: int = 8) -> bytes:
    return hashlib.blake2b(data.encode("utf-8", "replace"), digest_size=size).digest()


def _coefficient(name: str) -> int:
    return int.from_bytes(_digest(name), "big") % (_PRIME - 1) + 1


# The hash family h(x) = (a·x + b) mod p. Derived from fixed names rather than a seeded random
# generator: the keys are stored, so nothing may ever change them.
_COEFFICIENTS = tuple(
    (_coefficient(f"minhash a {i}"), _coefficient(f"minhash b {i}")) for i in range(BANDS * ROWS)
)


def _shingles(doc: Document) -> set[str]:
    terms = [s for w, s in zip(doc.words, doc.stems, strict=True) if w not in STOPWORDS]
    return {f"{a} {b}" for a, b in pairwise(terms)}


def fingerprint_keys(text: str) -> tuple[str, ...]:
    """Return short, stable keys; near-duplicate texts share at least one with high probability."""
    doc = Document.of(text)
    normalized = " ".join(doc.words) or " ".join(u.lower() for u in doc.urls)
    if not normalized:
        return ()
    keys = [f"x:{_digest(normalized).hex()}"]

    shingles = sorted(_shingles(doc))[:MAX_SHINGLES]
    if len(shingles) >= 3:
        bases = [int.from_bytes(_digest(s), "big") for s in shingles]
        minima = [min((a * x + b) % _PRIME for x in bases) for a, b in _COEFFICIENTS]
        for band in range(BANDS):
            rows = minima[band * ROWS : (band + 1) * ROWS]
            keys.append(f"m{band}:{_digest(','.join(map(str, rows)), 6).hex()}")
    return tuple(keys)


# Template keys: a looser MinHash over single content words, for grouping spun variants of one
# template ("{Great|Nice} {post|thread}! ...") into a campaign. Two spins sharing 40 % of
# their words meet in a band with probability 1 − (1 − 0.4²)¹⁶ ≈ 0.94; texts sharing 5 %,
# 0.04. Too loose to call a reply a duplicate; the caller joins them transitively.
TEMPLATE_BANDS = 16
TEMPLATE_ROWS = 2
MIN_TEMPLATE_TERMS = 4
_TEMPLATE_COEFFICIENTS = tuple(
    (_coefficient(f"template a {i}"), _coefficient(f"template b {i}"))
    for i in range(TEMPLATE_BANDS * TEMPLATE_ROWS)
)


def template_keys(text: str) -> tuple[str, ...]:
    """Return stable keys that spun variants of one template share with high probability."""
    doc = Document.of(text)
    terms = sorted({s for w, s in zip(doc.words, doc.stems, strict=True) if w not in STOPWORDS})
    terms += sorted(url.lower() for url in doc.urls)
    if len(terms) < MIN_TEMPLATE_TERMS:
        return ()
    bases = [int.from_bytes(_digest(term), "big") for term in terms]
    minima = [min((a * x + b) % _PRIME for x in bases) for a, b in _TEMPLATE_COEFFICIENTS]
    rows = [minima[i : i + TEMPLATE_ROWS] for i in range(0, len(minima), TEMPLATE_ROWS)]
    return tuple(
        f"t{band}:{_digest(','.join(map(str, row)), 6).hex()}" for band, row in enumerate(rows)
    )


class DuplicateIndex:
    """In-memory stand-in for the database table of fingerprint keys (CLI and evaluation)."""

    def __init__(self) -> None:
        self._threads: defaultdict[str, set[str]] = defaultdict(set)

    def add(self, text: str, thread: str) -> None:
        for key in fingerprint_keys(text):
            self._threads[key].add(thread)

    def count_elsewhere(self, text: str, thread: str) -> int:
        """Return how many threads other than ``thread`` already hold a near-duplicate."""
        threads: set[str] = set()
        for key in fingerprint_keys(text):
            threads |= self._threads.get(key, set())
        threads.discard(thread)
        return len(threads)


def similarity(a: Document, b: Document) -> float:
    """Jaccard similarity of word sets: cheap, and enough to spot an author repeating himself."""
    words_a, words_b = set(a.words), set(b.words)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


# Short stock phrases ("Thanks!", "+1") recur everywhere without being spam campaigns.
MIN_WORDS_FOR_DUPLICATE = 4
DUPLICATE_SHORT = 0.8  # 4-7 words
DUPLICATE = 1.6  # 8 words or more
DUPLICATE_EACH_EXTRA = 0.5
MAX_DUPLICATE = 3.0
SELF_REPEAT_SIMILARITY = 0.7
SELF_REPEAT = 1.2
SELF_REPEAT_MIN_WORDS = 8
MAX_EARLIER_TEXTS = 20


def duplicate_reasons(
    doc: Document, duplicates_elsewhere: int, earlier_texts: tuple[str, ...]
) -> tuple[Reason, ...]:
    if len(doc.words) < MIN_WORDS_FOR_DUPLICATE and not doc.urls:
        return ()
    reasons: list[Reason] = []
    if duplicates_elsewhere > 0:
        base = DUPLICATE if len(doc.words) >= 8 or doc.urls else DUPLICATE_SHORT
        weight = min(MAX_DUPLICATE, base + DUPLICATE_EACH_EXTRA * (duplicates_elsewhere - 1))
        n = duplicates_elsewhere
        threads = f"{n} other thread{'s' if n > 1 else ''}"
        reasons.append(
            Reason(
                "duplicate",
                f"A near-identical text is already posted in {threads}",
                weight,
            )
        )
    # Saying "Thanks, that fixed it!" twice is a habit, not a campaign: only longer texts count.
    repeats = 0
    if len(doc.words) >= SELF_REPEAT_MIN_WORDS:
        repeats = sum(
            1
            for earlier in earlier_texts[:MAX_EARLIER_TEXTS]
            if similarity(doc, Document.of(earlier)) >= SELF_REPEAT_SIMILARITY
        )
    if repeats:
        reasons.append(
            Reason(
                "self_repeat",
                f"Repeats {repeats} of the author's recent replies almost word for word",
                min(MAX_DUPLICATE, SELF_REPEAT + 0.3 * (repeats - 1)),
            )
        )
    return tuple(reasons)

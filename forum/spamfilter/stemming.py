"""A deliberately light English stemmer.

Relevance only needs "tanks"/"tank" and "purged"/"purges" to meet; a full Porter stemmer
would cost more time than it buys here. Non-Latin words pass through unchanged apart from
the possessive.
"""

from __future__ import annotations

from functools import lru_cache

# Longest suffix first; (suffix, replacement, shortest stem that may remain).
_SUFFIXES = (
    ("ational", "ate", 3),
    ("ements", "", 4),
    ("ement", "", 4),
    ("ments", "", 4),
    ("ment", "", 4),
    ("ations", "ate", 3),
    ("ation", "ate", 3),
    ("ingly", "", 3),
    ("iness", "y", 3),
    ("ness", "", 3),
    ("ities", "", 3),
    ("ity", "", 3),
    ("ies", "y", 2),
    ("ied", "y", 2),
    ("ions", "", 3),
    ("ion", "", 3),
    ("ings", "", 3),
    ("ing", "", 3),
    ("edly", "", 3),
    ("ers", "", 3),
    ("er", "", 3),
    ("ed", "", 3),
    ("ly", "", 3),
    ("es", "", 3),
    ("s", "", 3),
)

_DOUBLING_SUFFIXES = frozenset({"ed", "edly", "ing", "ings", "ingly", "er", "ers"})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem of a lower-case word ("purges", "purged" and "purge" give "purg")."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) <= 3 or not word.isascii():
        return word
    stripped = ""
    for suffix, replacement, min_stem in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                continue
            word = word[: len(word) - len(suffix)] + replacement
            stripped = suffix
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    # "planned"/"planning" -> "plann" -> "plan"; but "finns" stays "finn", not "fin" (as "fine")
    if stripped in _DOUBLING_SUFFIXES and len(word) > 3 and word[-1] == word[-2] not in "lsz":
        word = word[:-1]
    return word

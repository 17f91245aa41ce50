"""Undo the disguises spammers put on words before any signal reads them.

* Confusables: Cyrillic and Greek letters that look like Latin ones ("Wrіte" with a Cyrillic
  "і", "РM" with a Cyrillic "Р"). A word mixing scripts is folded to Latin; a word written
  wholly in look-alike letters is folded only when the text around it is mostly Latin, so that
  real Russian or Greek stays as it is. The table follows the Latin look-alikes of Unicode's
  confusables data (UTS #39, ``confusables.txt``) for these two scripts.
* Leetspeak: digits standing for letters inside words ("S3nd m3 a D.M t0day"). Only digits
  that are letters in disguise are folded (0 1 3 4 5 7, "@" and "$" between letters), only in
  tokens that mix them with letters, and never in quantities ("5g", "10th", "2000km").
* Dotted abbreviations "P.M" / "D.M" become "PM" / "DM".

Everything is one pass of a bounded regular expression over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
        "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i", "ո": "n", "ս": "u",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D",
        # Greek
        "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
        "χ": "x", "ε": "e", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
        "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip
_CONFUSABLE_CHARS = frozenset(chr(c) for c in _CONFUSABLES)
_NON_LATIN_LETTER_RE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0531-\u058f]")
# Runs of letters that may be disguises. Patterns that open with a character set let the
# regular expression engine skip ahead fast; the words around a run are found by hand.
_SUSPECT_RUN_RE = re.compile(r"[\u0131\u0261\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0531-\u058f]+")
_ASCII_LETTERS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LEET_RUN_RE = re.compile(r"[0-9@$]")
MAX_TOKEN = 60
SCRIPT_SAMPLE = 8_000

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_QUANTITY_RE = re.compile(
    r"\d+(?:st|nd|rd|th|k|g|m|s|x|d|p|h|am|pm|kb|mb|gb|tb|km|cm|mm|kg|px|v|w|hz|khz|mhz|ghz|"
    r"ms|fps|mph|kph|bit|bits|yo|ft|in|lb|lbs|pc|mp|"
    # countdowns and prices of chat and text-message offers: "7mins", "18utc", "3GBP"
    r"min|mins|sec|secs|hr|hrs|utc|usd|usdt|eur|gbp|msg|msgs)",
    re.I,
)
# "\b" first would be tried at every position; the letter first lets the engine skip ahead.
_DOTTED_ABBREVIATION_RE = re.compile(r"([PpDd])(?<!\w.)\.\s?([Mm])\b\.?")


def fold_confusables(text: str) -> str:
    """Return ``text`` with Latin look-alikes from other scripts folded to Latin letters."""
    if text.isascii() or not _NON_LATIN_LETTER_RE.search(text):
        return text
    # Which script dominates is judged on a sample of a long text: its head and its tail.
    sample = (
        text
        if len(text) <= SCRIPT_SAMPLE
        else text[: SCRIPT_SAMPLE // 2] + text[-SCRIPT_SAMPLE // 2 :]
    )
    ascii_only = sample.encode("ascii", "ignore")  # bytes.translate is far faster than str's
    latin = len(ascii_only) - len(ascii_only.translate(None, _ASCII_LETTERS))
    other = len(sample) - len(_NON_LATIN_LETTER_RE.sub("", sample))
    mostly_latin = latin > other
    return _replace_tokens(
        text,
        _SUSPECT_RUN_RE.finditer(text),
        _word_around,
        lambda word, _after: _fold_word(word, mostly_latin),
    )


# Hostile bodies repeat the same few disguised words thousands of times: each is judged once.
@lru_cache(maxsize=4096)
def _fold_word(word: str, mostly_latin: bool) -> str:
    if any("a" <= c <= "z" or "A" <= c <= "Z" for c in word):
        return word.translate(_CONFUSABLES)  # mixed scripts: always a disguise
    if mostly_latin and all(c in _CONFUSABLE_CHARS for c in word):
        return word.translate(_CONFUSABLES)
    return word


def _replace_tokens(text: str, hits: Iterable[re.Match[str]], token_around, replace) -> str:
    """Apply ``replace`` to the token around each hit; ``token_around(text, hit, done)`` gives its
    bounds, ``done`` being where the token before it ended."""
    parts: list[str] = []
    done = 0
    for hit in hits:
        if hit.start() < done:
            continue  # inside a token already handled
        start, end = token_around(text, hit, done)
        parts.append(text[done:start])
        parts.append(replace(text[start:end], text[end : end + 2]))
        done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _word_around(text: str, run: re.Match[str], done: int) -> tuple[int, int]:
    """The letters around ``run``: at most ``MAX_TOKEN`` more on each side, none before ``done``."""
    start, end = run.start(), run.end()
    limit = max(done, start - MAX_TOKEN)
    while start > limit and text[start - 1].isalpha():
        start -= 1
    limit = min(len(text), end + MAX_TOKEN)
    while end < limit and text[end].isalpha():
        end += 1
    return start, end


def fold_leetspeak(text: str) -> str:
    """Return ``text`` with letters written as digits folded back ("t0 m3" -> "to me")."""
    if "." in text:
        text = _DOTTED_ABBREVIATION_RE.sub(r"\1\2", text)
    if not _LEET_RUN_RE.search(text):
        return text
    # A token ``_fold_token`` folds (a maximal run of ASCII letters, digits, "@" and "$", 2-30
    # long) holds a letter next to a foldable character: any other character between them
    # (2, 6, 8, 9) leaves the token as it is. Searching for that pair is far cheaper on a long
    # text than trying look-aheads for a whole token at every position; the token around it is
    # found with C-speed scans, each character at most twice.
    return _replace_tokens(text, _LEET_PAIR_RE.finditer(text), _leet_token_around, _fold_token)


def _leet_token_around(text: str, pair: re.Match[str], done: int) -> tuple[int, int]:
    """The run of ``_TOKEN_CHARACTERS`` around ``pair``, none before ``done``."""
    before = text[done : pair.start()]
    start = pair.start() - (len(before) - len(before.rstrip(_TOKEN_CHARACTERS)))
    return start, _TOKEN_RUN_RE.match(text, pair.end()).end()


# Opens with the rarer character set, so that the engine skips ahead through plain words.
_LEET_PAIR_RE = re.compile(r"[013457@$](?:(?<=[A-Za-z].)|(?=[A-Za-z]))")
_TOKEN_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$"
_TOKEN_RUN_RE = re.compile(r"[A-Za-z0-9@$]*")


@lru_cache(maxsize=4096)
def _fold_token(token: str, after: str) -> str:
    if len(token) < 2 or len(token) > 30:
        return token
    if ("@" in token and after[:1] == ".") or after[:1] in ("@", "/"):
        return token  # an e-mail address or a path
    if after[:1] in ".,:" and after[1:2].isdigit():
        return token  # a number such as "v1.5"
    letters = sum(c.isalpha() for c in token)
    if not letters or letters == len(token):
        return token
    if _QUANTITY_RE.fullmatch(token) or any(c in "2689" for c in token):
        return token
    if len(token) <= 3 and token.upper() == token:
        return token  # product codes: "S3", "M1", "A4", "F1"
    # "Wr1te", "m3", "1n", "t0": disguised words. Tokens that are mostly digits are numbers.
    if letters * 2 < len(token):
        return token
    return token.translate(_LEET)

"""Turn untrusted text into the facts every signal reads: words, stems, links, names, numbers.

Everything here is built to survive hostile input in bounded time:

* the whole body is read up to ``MAX_CHARS`` (far beyond the site's own 30,000-character limit);
  a longer paste is read as its first ``HEAD_CHARS`` and last ``TAIL_CHARS`` characters, so
  spam appended at the end of a huge body is still seen and a 1 MB paste costs what 100 kB costs;
* lone surrogates, control characters, zero-width characters and bidirectional overrides are
  removed, NFKC folds "fancy" letters (𝐁𝐔𝐘, ｆｕｌｌｗｉｄｔｈ) back to plain ones, and
  ``folding`` undoes look-alike letters from other scripts and leetspeak;
* @mentions are set aside (counted, not read as words): a name says nothing about the thread;
* every regular expression has bounded repetition and no nested quantifiers, so none can
  backtrack catastrophically.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .folding import fold_confusables, fold_leetspeak
from .stemming import stem
from .vocabulary import NOT_AFTER, NOUN_AFTER_DETERMINER, STOPWORDS, is_generic

MAX_CHARS = 100_000
HEAD_CHARS = 80_000
TAIL_CHARS = MAX_CHARS - HEAD_CHARS
# Word statistics (stems, content words, names) of a long body come from its first
# WORD_HEAD_CHARS and last WORD_TAIL_CHARS: thousands of words add nothing to relevance or to
# the model, and cost milliseconds. Links, contact details and sales cues are read everywhere.
NEAR_ALL_CHARS = 4_000  # ``Document.near`` returns shorter texts whole
MAX_WINDOWS = 400
WORD_HEAD_CHARS = 6_000
WORD_TAIL_CHARS = 3_000
HEAD_WORDS = 1_000
TAIL_WORDS = 500

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE_RE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
# "@name" as Stack Exchange writes a reply to someone; not an e-mail ("me@example.com").
_MENTION_RE = re.compile(r"(?<![\w.@])@[^\W\d_][\w.\-]{0,38}")
# Only things that look like real tags (a name right after "<"), so "a < b and c > d" survives.
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,300})?/?>")
_SCRIPT_RE = re.compile(
    r"<\s{0,5}(?:script|iframe|object|embed)\b|<[a-z][^<>]{0,300}\bon[a-z]{3,12}\s{0,5}=", re.I
)
# "javascript:alert(1)" but not the prose "In JavaScript: use let".
_JAVASCRIPT_URL_RE = re.compile(r"\b(?:javascript|vbscript):\S|\bdata:text/html", re.I)

_COMMON_TLDS = (
    "com|net|org|ru|info|biz|xyz|top|io|co|me|ly|gl|cc|us|uk|de|site|online|shop|store|club|"
    "live|link|click|pro|vip|app|su|in|tk|ml|ga|cf|gq|cn|pw|ws"
)
URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"'`)\]]{1,2000}"
    r"|(?<![\w@.-])(?:[a-z0-9-]{1,63}\.){1,4}(?:"
    + _COMMON_TLDS
    + r")\b(?:/[^\s<>\"'`)\]]{0,2000})?",
    re.I,
)
# Cheap test for "could there be a link at all?": most replies have none, and URL_RE is costly.
_URL_HINT_RE = re.compile(r"://|www\.|\.(?:" + _COMMON_TLDS + r")\b", re.I)
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+){0,3}")
# Words opening with a capital (Latin, Greek, Cyrillic), two letters or more: name candidates.
_CAPITALISED_RE = re.compile(r"(?<![^\W_])[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-ЯЁ][^\W_]+(?:['’][^\W_]+){0,3}")
# A number worth calling specific: two or more digits or a version ("3.12"); "+1" is chatter.
_NUMBER_RE = re.compile(r"(?<![\w+\-])\d{1,20}(?:[.,:/]\d{1,20}){0,4}")
# Traces of code or notation: operators, calls, backticks; then snake_case and camelCase.
# Two simple patterns scan faster than one alternation of both.
_CODE_OPERATOR_RE = re.compile(r"`|<=|>=|==|!=|->|=>|::|\+\+|&&|\|\||[{}]|(?<=\w)\(")
_CODE_IDENTIFIER_RE = re.compile(r"[a-z](?:_[a-z0-9]|[A-Z])")
_SENTENCE_END = frozenset(".!?\n:;")
# Letters of the Mathematical Alphanumeric Symbols block (bold, italic, script, sans-serif,
# monospace: "𝗜 𝗱𝗶𝗱", "𝑠𝑒𝑙𝑎𝑖𝑛"). NFKC folds them to plain letters, so the words are read; the
# styling itself is counted before that, because writing prose in them is a disguise (an
# answer writes mathematics in TeX, and a lone "𝔽" or "𝟙" is far below any count that matters).
_STYLED_LETTER_RE = re.compile(r"[\U0001D400-\U0001D7CB]")
# Code spans: fenced blocks and `inline` code. Bounded, and "[^`]" cannot backtrack across a fence.
_CODE_SPAN_RE = re.compile(r"```[^`]{0,20000}```|`[^`\n]{1,300}`")


def sanitize(text: object) -> str:
    """Return safe, bounded, normalized text whatever came in (bytes, None, surrogates...)."""
    if text is None:
        return ""
    if isinstance(text, (bytes, bytearray)):
        raw = bytes(text)
        if len(raw) > MAX_CHARS * 4:
            raw = raw[: HEAD_CHARS * 4] + b"\n" + raw[-TAIL_CHARS * 4 :]
        text = raw.decode("utf-8", "replace")
    elif not isinstance(text, str):
        text = str(text)
    text = _head_and_tail(text)
    # Lone surrogates cannot be encoded; "replace" turns them into "?".
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = _head_and_tail(unicodedata.normalize("NFKC", text))
    text = _INVISIBLE_RE.sub("", text)
    return fold_confusables(_CONTROL_RE.sub(" ", text))


def _head_and_tail(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    return text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]


@dataclass(frozen=True)
class Document:
    """One analysed text. Build it with ``Document.of(text)``."""

    text: str  # sanitized (still with markup and links)
    plain: str  # markup and links removed, entities decoded
    prose: str  # ``plain`` without code spans: where shouting, emoticons and sales talk are read
    urls: tuple[str, ...]
    words: tuple[str, ...]  # lower-case word tokens of ``plain`` (of its head and tail if long)
    vocabulary: frozenset[str]  # every word of ``plain``: lets signals skip patterns
    stems: tuple[str, ...]
    content: tuple[str, ...]  # stems that are neither stopwords nor generic conversation
    names: tuple[str, ...]  # capitalised words inside a sentence that are not common words
    numbers: int  # specific numbers (years, versions, quantities)
    code_marks: int  # operators, calls, identifiers
    has_script: bool  # <script>, event handlers, javascript: links
    mentions: int = 0  # @name replies, set aside from the words
    is_question: bool = False  # the reply asks something (ends with "?")
    styled: int = 0  # letters written in mathematical styles before NFKC folded them

    @classmethod
    def of(cls, text: object) -> Document:
        if type(text) is str and len(text) <= MEMO_MAX_CHARS and cls is Document:
            return _memo(text)
        return cls._analyse(text)

    @classmethod
    def _analyse(cls, text: object) -> Document:
        styled = 0
        if isinstance(text, str) and _STYLED_LETTER_RE.search(text):
            styled = len(_STYLED_LETTER_RE.findall(text[:MAX_CHARS]))
        clean = sanitize(text)
        found_urls: list[str] = []
        without_urls = clean
        if _URL_HINT_RE.search(clean):
            # One pass collects the links and blanks them out (links inside tags go with them).
            without_urls = URL_RE.sub(lambda m: found_urls.append(m.group()) or " ", clean)
        urls = tuple(found_urls)
        outside_code = _CODE_SPAN_RE.sub(" ", clean)
        lowered = outside_code.lower()
        has_script = bool(
            ("<" in outside_code and _SCRIPT_RE.search(outside_code))
            or (
                ("script:" in lowered or "data:text" in lowered)
                and _JAVASCRIPT_URL_RE.search(outside_code)
            )
        )
        plain = without_urls
        if "<" in plain:
            plain = _TAG_RE.sub(" ", plain)
        if "&" in plain:
            plain = html.unescape(plain)
        mentions = 0
        if "@" in plain:
            plain, mentions = _MENTION_RE.subn(" ", plain)
            code_source = _MENTION_RE.sub(" ", _word_window(clean))
        else:
            code_source = clean
        numbers = sum(1 for m in _NUMBER_RE.finditer(plain) if len(m.group()) > 1)
        plain = fold_leetspeak(plain)

        # Word tokens in C (findall), names from the capitalised tokens only, and each
        # distinct word judged once: a 30,000-character body costs a few milliseconds.
        words = _WORD_RE.findall(plain.lower())
        if any("’" in w for w in words):
            words = [w.replace("’", "'") for w in words]
        vocabulary = frozenset(words)
        window = plain
        if len(plain) > WORD_HEAD_CHARS + WORD_TAIL_CHARS:
            window = plain[:WORD_HEAD_CHARS] + "\n" + plain[-WORD_TAIL_CHARS:]
            if len(words) > HEAD_WORDS + TAIL_WORDS:
                words = words[:HEAD_WORDS] + words[-TAIL_WORDS:]
        names: list[str] = []
        for match in _CAPITALISED_RE.finditer(window):
            token = match.group()
            lower = token.lower().replace("’", "'")
            if lower not in STOPWORDS and (
                _inside_sentence(window, match.start()) or _unusual_case(token)
            ):
                names.append(lower)
        stems = tuple(map(stem, words))
        kept = {
            w: len(w) > 1 and w not in STOPWORDS and not is_generic(w, stem(w)) for w in set(words)
        }
        content = tuple(
            s
            for i, (w, s) in enumerate(zip(words, stems, strict=True))
            if kept[w] or (w in NOUN_AFTER_DETERMINER and _noun_after_determiner(words, i))
        )
        names = [stem(n) for n in names if not is_generic(n, stem(n))]
        tail = plain.rstrip()
        return cls(
            text=clean,
            plain=plain,
            prose=_CODE_SPAN_RE.sub(" ", plain),
            urls=urls,
            words=tuple(words),
            vocabulary=vocabulary,
            stems=stems,
            content=content,
            names=tuple(names),
            numbers=numbers,
            code_marks=_code_marks(code_source),
            has_script=has_script,
            mentions=mentions,
            is_question=tail.endswith("?") or tail.endswith("？"),
            styled=styled,
        )

    @property
    def is_blank(self) -> bool:
        return not self.words and not self.urls

    def near(self, triggers: Iterable[str], before: int = 120, after: int = 240) -> str:
        """The parts of ``prose`` around the trigger words, for patterns that need one of them.

        A long body is mostly far from any trigger, and a pattern run over a window costs what
        the window costs; short texts are returned whole.
        """
        text = self.prose
        if len(text) <= NEAR_ALL_CHARS:
            return text
        lowered = self._lowered_prose
        if len(lowered) != len(text):
            return text  # a rare letter changed length when lower-cased: read everything
        spans: list[tuple[int, int]] = []
        for trigger in triggers:
            at = lowered.find(trigger)
            while at != -1:
                spans.append((max(0, at - before), at + len(trigger) + after))
                if len(spans) > MAX_WINDOWS:
                    return text
                at = lowered.find(trigger, at + 1)
        if not spans:
            return ""
        spans.sort()
        merged = [spans[0]]
        for start, end in spans[1:]:
            if start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return "\n".join(text[start:end] for start, end in merged)

    @cached_property
    def _lowered_prose(self) -> str:
        return self.prose.lower()


# A post's text is read several times as it is posted (its near-duplicate keys, its template
# keys, the verdict), and the author's latest replies again with each of their posts: each
# text is analysed once. A document depends on its text alone and is frozen, so one may be
# shared. Only shorter texts are kept, which bounds the memo (a 10,000-character text's
# document is about 120 kB).
MEMO_MAX_CHARS = 10_000
_memo = lru_cache(maxsize=64)(Document._analyse)


def _word_window(text: str) -> str:
    """The head and tail of a long text that word statistics are drawn from."""
    if len(text) > WORD_HEAD_CHARS + WORD_TAIL_CHARS:
        return text[:WORD_HEAD_CHARS] + "\n" + text[-WORD_TAIL_CHARS:]
    return text


def _code_marks(text: str) -> int:
    text = _word_window(text)
    return len(_CODE_OPERATOR_RE.findall(text)) + len(_CODE_IDENTIFIER_RE.findall(text))


def _noun_after_determiner(words: list[str], i: int) -> bool:
    """ "dig a well", "it scales well": inside a reply the word is a topic word, not
    conversation ("Well, ..." opening it; "as well", "very well")."""
    return words[i] in NOUN_AFTER_DETERMINER and i > 0 and words[i - 1] not in NOT_AFTER


def _inside_sentence(text: str, start: int) -> bool:
    """True when the word at ``start`` does not open a sentence (so its capital means a name)."""
    i = start - 1
    while i >= 0 and i > start - 20 and text[i] in " \t\"'([*_“‘«":
        i -= 1
    return i >= 0 and i > start - 20 and text[i] not in _SENTENCE_END


def _unusual_case(token: str) -> bool:
    """Acronyms and inner capitals ("USSR", "McArthur", "iPhone") are names even at a start."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return any(c.isupper() for c in token[1:]) and any(c.islower() for c in token)

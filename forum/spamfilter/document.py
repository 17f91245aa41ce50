"""Turn untrusted text into the facts every signal reads: words, stems, links, names, numbers.

Everything here is built to survive hostile input in bounded time:

* only the first ``MAX_CHARS`` characters are analysed (a 1 MB paste costs what 20 kB costs);
* lone surrogates, control characters and zero-width characters are removed, and NFKC
  folds "fancy" letters (𝐁𝐔𝐘, ｆｕｌｌｗｉｄｔｈ) back to plain ones;
* every regular expression has bounded repetition and no nested quantifiers, so none can
  backtrack catastrophically.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from .stemming import stem
from .vocabulary import GENERIC_WORDS, STOPWORDS

MAX_CHARS = 20_000

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
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
# A number worth calling specific: two or more digits or a version ("3.12"); "+1" is chatter.
_NUMBER_RE = re.compile(r"(?<![\w+\-])\d{1,20}(?:[.,:/]\d{1,20}){0,4}")
# Traces of code or notation: operators, calls, backticks; then snake_case and camelCase.
# Two simple patterns scan faster than one alternation of both.
_CODE_OPERATOR_RE = re.compile(r"`|<=|>=|==|!=|->|=>|::|\+\+|&&|\|\||[{}]|(?<=\w)\(")
_CODE_IDENTIFIER_RE = re.compile(r"[a-z](?:_[a-z0-9]|[A-Z])")
_SENTENCE_END = frozenset(".!?\n:;")
# Code spans: fenced blocks and `inline` code. Bounded, and "[^`]" cannot backtrack across a fence.
_CODE_SPAN_RE = re.compile(r"```[^`]{0,20000}```|`[^`\n]{1,300}`")


def sanitize(text: object) -> str:
    """Return safe, capped, normalized text whatever came in (bytes, None, surrogates...)."""
    if text is None:
        return ""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text[: MAX_CHARS * 4]).decode("utf-8", "replace")
    elif not isinstance(text, str):
        text = str(text)
    text = text[:MAX_CHARS]
    # Lone surrogates cannot be encoded; "replace" turns them into "?".
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)[:MAX_CHARS]
    text = _INVISIBLE_RE.sub("", text)
    return _CONTROL_RE.sub(" ", text)


@dataclass(frozen=True)
class Document:
    """One analysed text. Build it with ``Document.of(text)``."""

    text: str  # sanitized (still with markup and links)
    plain: str  # markup and links removed, entities decoded
    prose: str  # ``plain`` without code spans: where shouting, emoticons and sales talk are read
    urls: tuple[str, ...]
    words: tuple[str, ...]  # lower-case word tokens of ``plain``
    vocabulary: frozenset[str]  # the same as a set: lets signals skip patterns that cannot match
    stems: tuple[str, ...]
    content: tuple[str, ...]  # stems that are neither stopwords nor generic conversation
    names: tuple[str, ...]  # capitalised words inside a sentence that are not common words
    numbers: int  # specific numbers (years, versions, quantities)
    code_marks: int  # operators, calls, identifiers
    has_script: bool  # <script>, event handlers, javascript: links

    @classmethod
    def of(cls, text: object) -> Document:
        clean = sanitize(text)
        urls = tuple(URL_RE.findall(clean)) if _URL_HINT_RE.search(clean) else ()
        outside_code = _CODE_SPAN_RE.sub(" ", clean)
        has_script = bool(
            _SCRIPT_RE.search(outside_code) or _JAVASCRIPT_URL_RE.search(outside_code)
        )
        plain = html.unescape(_TAG_RE.sub(" ", clean))
        if urls:
            plain = URL_RE.sub(" ", plain)

        words: list[str] = []
        names: list[str] = []
        for match in _WORD_RE.finditer(plain):
            token = match.group()
            lower = token.lower().replace("’", "'")
            words.append(lower)
            if (
                token[0].isupper()
                and len(token) > 1
                and lower not in STOPWORDS
                and (_inside_sentence(plain, match.start()) or _unusual_case(token))
            ):
                names.append(stem(lower))
        stems = tuple(stem(w) for w in words)
        content = tuple(
            s
            for w, s in zip(words, stems, strict=True)
            if len(w) > 1 and w not in STOPWORDS and s not in GENERIC_WORDS
        )
        names = [n for n in names if n not in GENERIC_WORDS]
        return cls(
            text=clean,
            plain=plain,
            prose=_CODE_SPAN_RE.sub(" ", plain),
            urls=urls,
            words=tuple(words),
            vocabulary=frozenset(words),
            stems=stems,
            content=content,
            names=tuple(names),
            numbers=sum(1 for m in _NUMBER_RE.finditer(plain) if len(m.group()) > 1),
            code_marks=len(_CODE_OPERATOR_RE.findall(clean))
            + len(_CODE_IDENTIFIER_RE.findall(clean)),
            has_script=has_script,
        )

    @property
    def is_blank(self) -> bool:
        return not self.words and not self.urls


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

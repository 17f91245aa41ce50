"""Relevance: does the reply talk about what its thread talks about?

Spinner spam is written to fit under any thread, so it shares no content words with the
thread it lands in. Real replies nearly always reuse some of the thread's vocabulary, or at
least name something specific (a number, a version, a person, a piece of code).

* Shared content words earn credit (a negative weight), more for words from the question
  body or the parent than for words that merely echo the title, which is the easiest thing
  for a drive-by reply to copy. The credit grows with the reply's own substance: naming the
  topic once ("German is hard") is not engaging with it.
* A reply that shares nothing and names nothing specific is off topic; the less content it
  has of its own, the stronger the signal.
* A short question ("So, no dinosaurs?", "How would you word it?") asks about the post it
  answers even when it shares no word with it: it is not judged off topic.
* Relevance across scripts (a Cyrillic reply under a Latin thread) cannot be measured, so it
  is not judged at all rather than punished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .document import Document
from .records import Reason
from .vocabulary import FORUM_STEMS, FORUM_WORDS

# Below this many distinct content words the thread says too little to judge against.
MIN_THREAD_TERMS = 3

CREDIT_PER_TERM = 0.5  # a term shared with the body or parent
CREDIT_PER_TITLE_TERM = 0.3  # a term shared only with the title
MAX_CREDIT = 3.0
FULL_CREDIT_CONTENT = 4  # distinct content words a reply needs for full credit

OFF_TOPIC_NO_CONTENT = 1.6  # nothing but stopwords and conversation
OFF_TOPIC_LITTLE_CONTENT = 1.1  # one or two content words of its own
OFF_TOPIC_SOME_CONTENT = 0.5  # a short reply saying something, just not about this thread
OFF_TOPIC_LONG = 1.6  # a long reply that never touches the thread


# Letters outside ASCII and Latin-1/Latin Extended: Cyrillic, Greek, CJK, Arabic...
_NON_LATIN_RE = re.compile(r"[^\x00-\u024f]")


@dataclass(frozen=True)
class ThreadTerms:
    title: frozenset[str]
    rest: frozenset[str]  # body and parent
    latin: bool
    forum: frozenset[str] = frozenset()  # the forum's own words ("downvote") the thread uses

    @property
    def all(self) -> frozenset[str]:
        return self.title | self.rest


@lru_cache(maxsize=512)
def thread_terms(title: str, body: str, parent: str) -> ThreadTerms:
    """Return the content terms of a thread (cached: every reply in a thread reuses them)."""
    title_doc = Document.of(title)
    rest_doc = Document.of(f"{body}\n{parent}")
    title_terms = frozenset(title_doc.content) | frozenset(title_doc.names)
    rest_terms = frozenset(rest_doc.content) | frozenset(rest_doc.names)
    return ThreadTerms(
        title=title_terms,
        rest=rest_terms,
        latin=_mostly_latin(title_doc.words + rest_doc.words),
        forum=_forum_terms(title_doc) | _forum_terms(rest_doc),
    )


def _forum_terms(doc: Document) -> frozenset[str]:
    """The forum's own words in ``doc`` ("question", "downvote"), by stem.

    They are generic under most threads, but a thread about them (why a question was closed,
    what a downvote means) is about them, and a reply using them is on its topic."""
    return frozenset(
        s for w, s in zip(doc.words, doc.stems, strict=True) if w in FORUM_WORDS or s in FORUM_STEMS
    )


SHORT_QUESTION_WORDS = 20


def relevance_reasons(doc: Document, title: str, body: str, parent: str) -> tuple[Reason, ...]:
    return measure_relevance(doc, title, body, parent)[0]


def measure_relevance(
    doc: Document, title: str, body: str, parent: str
) -> tuple[tuple[Reason, ...], int | None]:
    """The relevance reasons and the number of content words shared (``None``: not measured)."""
    terms = thread_terms(title, body, parent)
    if len(terms.all) < MIN_THREAD_TERMS or not doc.words:
        return (), None
    if _mostly_latin(doc.words) != terms.latin:
        return (), None

    own = set(doc.content) | set(doc.names)
    if terms.forum:
        own |= _forum_terms(doc) & terms.forum
    shared_rest = sorted(own & (terms.rest | terms.forum))
    shared_title = sorted((own & terms.title) - terms.rest)
    if shared_rest or shared_title:
        credit = CREDIT_PER_TERM * len(shared_rest) + CREDIT_PER_TITLE_TERM * len(shared_title)
        credit *= min(1.0, len(own) / FULL_CREDIT_CONTENT)
        shown = ", ".join(_original_words(doc, (shared_rest + shared_title)[:6]))
        count = len(shared_rest) + len(shared_title)
        return (
            Reason(
                "relevant",
                f"Shares {count} content word{'s' if count > 1 else ''} with the thread ({shown})",
                -min(MAX_CREDIT, credit),
            ),
        ), count

    specific = doc.numbers + doc.code_marks + len(doc.names) + len(doc.urls)
    n_content = len(set(doc.content))
    if len(doc.words) > 60:
        weight = OFF_TOPIC_LONG
    elif specific:
        return (), 0  # short and about something concrete: e.g. "Works on Node 20 too."
    elif doc.is_question and len(doc.words) <= SHORT_QUESTION_WORDS:
        return (), 0  # asks about the post it answers
    elif n_content == 0:
        weight = OFF_TOPIC_NO_CONTENT
    elif n_content <= 2:
        weight = OFF_TOPIC_LITTLE_CONTENT
    else:
        weight = OFF_TOPIC_SOME_CONTENT
    return (
        Reason(
            "off_topic",
            f"Shares no content words with the thread{_quote(title)}"
            + ("" if specific else " and names nothing specific"),
            weight,
        ),
    ), 0


def _mostly_latin(words: tuple[str, ...]) -> bool:
    sample = "".join(words[:200])
    return len(_NON_LATIN_RE.findall(sample)) <= len(sample) / 2


def _original_words(doc: Document, stems: list[str]) -> list[str]:
    """Show moderators the words as written ("tanks"), not as stemmed ("tank")."""
    first: dict[str, str] = {}
    for word, stem_ in zip(doc.words, doc.stems, strict=True):
        first.setdefault(stem_, word)
    return [first.get(s, s) for s in stems]


def _quote(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        return ""
    return f' "{title[:60]}…"' if len(title) > 60 else f' "{title}"'

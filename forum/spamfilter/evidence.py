"""Evidence for moderators, in the reply's own words.

A score says how sure the filter is; a moderator deciding needs to see why in the text
itself: which of its words tie it to its thread, which words the rules read as chatter or as
a cue (praise, private contact, sales talk), and whether it would fit under other threads as
well as under its own, the mark of text written to be posted anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .document import Document
from .records import Reply
from .relevance import thread_terms
from .vocabulary import cue_kind, is_generic


@dataclass(frozen=True)
class Evidence:
    ties: frozenset[str]  # the reply's words (lower case) sharing a stem with its thread
    cues: frozenset[str]  # its words the rules read as conversation or as a cue
    own_fit: int  # distinct content terms it shares with its own thread
    best_fit_elsewhere: int  # the most it shares with any one of the other threads given
    threads_compared: int

    @property
    def fits_anywhere(self) -> bool:
        """It says nothing about its thread that it does not say about some other thread."""
        return self.threads_compared > 0 and self.own_fit <= self.best_fit_elsewhere


def evidence(reply: Reply, other_threads: Iterable[tuple[str, str]] = ()) -> Evidence:
    """The evidence for `reply`; `other_threads` are (title, body) pairs of other threads."""
    doc = Document.of(reply.text)
    own = thread_terms(reply.thread_title, reply.thread_body, reply.parent_text).all
    ties, cues = set(), set()
    for word, stem in zip(doc.words, doc.stems, strict=True):
        if cue_kind(word, stem) or is_generic(word, stem):
            cues.add(word)
        elif stem in own:
            ties.add(word)
    content = set(doc.content)
    others = [len(content & thread_terms(title, body, "").all) for title, body in other_threads]
    return Evidence(
        ties=frozenset(ties),
        cues=frozenset(cues),
        own_fit=len(content & own),
        best_fit_elsewhere=max(others, default=0),
        threads_compared=len(others),
    )

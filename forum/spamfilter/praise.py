"""Generic praise, thanks, agreement, disagreement and chit-chat that fit under any thread.

A reply counts as generic when it carries such cues and nothing specific remains: once it
names one thing of its own ("Bravo, the 10% prior matters") the praise is just politeness and
this signal stays silent. When the caller knows how many content words the reply shares with
its thread, a short reply whose two or three words of its own have nothing to do with the thread
("Welcome back, wanderer") is generic too. A question that names something
("Thanks, does it work on ARM?") asks about the thread and is not generic.
"""

from __future__ import annotations

import re

from .document import Document
from .records import Reason
from .vocabulary import STOPWORDS, cue_kind

ONLY_CUES = 1.4  # cues and nothing specific at all
EXTRA_CUE = 0.25  # each further cue, up to three
MOSTLY_CUES = 1.2  # cues plus one or two content words, in a short reply
SHORT_REPLY_WORDS = 15
ONE_WORD_REPLY_WORDS = 6
THANKS_OWN_WORDS = 6  # words of its own a short thank-you or edit note may carry
THANKS_NOTE_WORDS = 20  # ... in a note this short
NOTE_KINDS = frozenset({"thanks", "edit note"})
UNRELATED_OWN_WORDS = 3  # own words a short reply sharing nothing with its thread may carry

# Cues that are not single words: emoticons, emoji, "+1", "me too", "following".
_PHRASE_CUES = (
    ("chit-chat", re.compile(r"(?<![\w:;=])[:;=][-o^']?[()DPp\]\[/\\|*3](?![\w)(])")),
    ("chit-chat", re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2764]")),
    ("agreement", re.compile(r"(?<![\w+-])\+\s?1\b|\bme\s+too\b|\bsame\s+here\b", re.I)),
    ("chit-chat", re.compile(r"\b(?:following|upvoted|subscribed|bookmarked)\b", re.I)),
)


def praise_reasons(doc: Document, shared_with_thread: int | None = None) -> tuple[Reason, ...]:
    """``shared_with_thread``: content words shared with the thread, ``None`` if not measured."""
    own = len(set(doc.content))
    # Names do not make a reply specific: chatter addresses people ("Thanks Marek", "@ana").
    tied = doc.numbers + (1 if doc.code_marks else 0) + len(doc.urls)
    specific = own + tied
    # Spinner shape: a short reply whose two or three words of its own have nothing to do with
    # the thread ("Welcome back, wanderer") is generic all the same.
    unrelated = (
        shared_with_thread == 0
        and not tied
        and len(doc.words) <= SHORT_REPLY_WORDS
        and own <= UNRELATED_OWN_WORDS
    )
    # One word of its own in a few words of praise ("What a brilliant idea!") leaves nothing
    # specific; anything more, or anything tied (a number, a name, code, a link), does. A
    # thank-you note stays one with a few words of its own ("Thanks, that worked for me, I
    # will try it tomorrow"), and so does a bare note that an edit was made ("Edited my
    # answer to add the source you asked for"): the labelling rule's thanks and edit
    # acknowledgements, measured on real replies (most run 10-20 words).
    one_word = specific == 1 and not tied and len(doc.words) <= ONE_WORD_REPLY_WORDS
    thanks_note = (
        specific <= THANKS_OWN_WORDS
        and not tied
        and len(doc.words) <= THANKS_NOTE_WORDS
        and not doc.is_question
        and any(cue_kind(w, s) in NOTE_KINDS for w, s in zip(doc.words, doc.stems, strict=True))
    )
    if specific and not (unrelated or one_word or thanks_note):
        return ()  # names something of its own: the praise is politeness, not filler
    if doc.is_question and own:
        return ()  # asks about something

    cues: list[tuple[str, str]] = []
    for word, stem_ in zip(doc.words[:400], doc.stems[:400], strict=False):
        kind = cue_kind(word, stem_)
        if kind:
            cues.append((kind, word))
    for kind, pattern in _PHRASE_CUES:
        for match in pattern.finditer(doc.prose[:4000]):
            cues.append((kind, match.group()))
    if not cues:
        return ()
    if _is_confirmation(cues, doc):
        return ()  # answers someone: "Yes, that's right."
    if specific == 0:
        weight = ONLY_CUES + EXTRA_CUE * min(len(cues) - 1, 3)
        scope = "Made only of"
    else:
        weight = MOSTLY_CUES
        scope = "Mostly"

    kinds = sorted({kind for kind, _ in cues}, key=_KIND_ORDER.index)
    examples = ", ".join(f'"{w}"' for w in dict.fromkeys(w for _, w in cues) if w)
    message = f"{scope} generic {_join(kinds)} ({examples[:80]}), could sit under any thread"
    return (Reason("generic_praise", message, weight),)


_KIND_ORDER = ["praise", "thanks", "agreement", "disagreement", "edit note", "chit-chat"]

# The labelling rule of the real data (``data/real/README.md``): "a short confirmation that
# answers someone's question stays ok ('Yes, that's right.', 'That is correct.')", while "pure
# enthusiastic agreement" ("Yes, indeed :-)", "Definitely true", "True that!!! xD") is chatter.
# A confirmation is made of the plain words of the rule's examples and grammar, calmly: no
# other word, no emoticon (those are chit-chat cues), no exclamation mark.
CONFIRMATION_WORDS = frozenset({"yes", "right", "correct"})


def _is_confirmation(cues: list[tuple[str, str]], doc: Document) -> bool:
    return (
        all(kind == "agreement" and word.lower() in CONFIRMATION_WORDS for kind, word in cues)
        and all(w in CONFIRMATION_WORDS or w in STOPWORDS for w in doc.words)
        and "!" not in doc.prose
    )


def _join(kinds: list[str]) -> str:
    if len(kinds) == 1:
        return kinds[0]
    return ", ".join(kinds[:-1]) + " and " + kinds[-1]

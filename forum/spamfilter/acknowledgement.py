"""Acknowledgements: replies that only answer someone back, with nothing of their own to add.

Threads carry a second kind of chatter besides thanks and praise (``praise``): the short
turn-taking that keeps a conversation polite. Its families, each recognised by its grammar
rather than by any one message:

* **acknowledging** a point or a request: "Got it", "Noted, will keep that in mind",
  "Ah, that makes sense", "Fair enough", "No problem at all", "Never mind then";
* **apologising**: "My bad", "Oops, my apologies", "Sorry, I forgot to say so";
* **congratulating or welcoming**: "Congrats to you too!", "Welcome to the site!", "Great to
  have you back", where every sentence is such a courtesy;
* **pointing to an edit**: "@ana see my edit", "Better now?", "Fixed.", "Addressed the
  remaining comments", "I'll update the answer later";
* **saying the reply served**: "This answered my question", "I do like your answer", "I was
  about to ask the same".

As with praise, the cue must be nearly all there is: once the reply says something of its own
(a number, code, a link, a question about the subject, more than a couple of words beyond the
courtesy) it is conversation about the thread and this stays silent.

The reason it gives weighs nothing in the score: an acknowledgement is no sign of abuse and
never a reason to hold anyone. It only lets the outcome rule fold the reply (visible, one click
away) when its author is a member with a record or posts already approved
(``outcome.decide``).
"""

from __future__ import annotations

import re

from .document import Document
from .records import Reason
from .stemming import stem
from .vocabulary import STOPWORDS, cue_kind, is_generic

CODE = "acknowledgement"
# Beyond the courtesy itself: at most this many words of its own, in a reply this short.
OWN_WORDS = 2
MAX_WORDS = 20
# A reply made only of courtesy sentences (congratulations, welcome, thanks) may run longer.
COURTESY_MAX_WORDS = 40
COURTESY_SENTENCE_WORDS = 14
COURTESY_LONG_SENTENCE_WORDS = 20  # ... or this many when each clause is a courtesy
COURTESY_OWN_WORDS = 3  # per sentence, besides the names it addresses

_EDIT_VERBS = (
    r"(?:edited|updated|fixed|corrected|added|removed|deleted|replaced|changed|amended|revised"
    r"|rephrased|reworded|rewrote|rewritten|clarified|addressed|responded|included|expanded|done)"
)
# Each family: phrases whose words say nothing about the subject. Matched on the reply's
# prose in lower case, @mentions already set aside.
_FAMILIES = (
    (
        "acknowledgement",
        # A clause of its own ("I see, ...", "Understood."), not a verb with an object ("I see
        # the same thing", "I understood that part").
        re.compile(
            r"\b(?:(?:got it|gotcha|i see|noted|understood|fair enough|fair point|good point"
            r"|good to know|sounds good|never ?mind|no problem|no worries|not a problem"
            r"|(?:i'll|i will) do (?:so|that)|will do|(?:ok|okay|alright|all right)(?: then)?)"
            r"(?=,|$| then\b| too\b| though\b| at all\b)"
            r"|(?:makes?|(?:would|does|that) make) sense"
            r"|(?:will |i'll |i will )?keep (?:that |this |those |these |it |them )?in mind"
            r"|there you go|here you go)"
        ),
    ),
    (
        "apology",
        re.compile(
            r"\b(?:sorry|apologies|my apologies|i apologi[sz]e|my bad|my mistake|whoops|oops"
            r"|(?:that's|how) embarrassing)\b"
        ),
    ),
    (
        "congratulations",
        re.compile(
            # "You are welcome to answer it yourself" is an invitation, not a welcome.
            r"\b(?:congrat\w*|(?<!are )(?<!'re )(?<!be )welcome (?:to|back|aboard)\b"
            r"|(?:good|great|nice|glad) to have you)"
        ),
    ),
    (
        "edit pointer",
        re.compile(
            r"\b(?:see (?:my|the) (?:recent |latest |last )?(?:edits?|update|changes)"
            r"|(?:is (?:it|that|this) |looks? |does it look |it looks |it does look )"
            r"?better now\b|^(?:is (?:it|that|this) )?better$"
            r"|^(?:i(?:'ve| have)? )?(?:just )?" + _EDIT_VERBS + r"\b"
            r"|^(?:\w+ ){0,2}" + _EDIT_VERBS + r"$"
            r"|(?:i'll|i will|will) (?:\w+ ){0,5}(?:later|soon|tomorrow|tonight|shortly)\b)"
        ),
    ),
    (
        "served",
        re.compile(
            r"\b(?:(?:this|that|it|which) (?:\w+ )?answer(?:s|ed) my question"
            r"|i (?:do |really )?like (?:your|this|the) answer"
            r"|(?:i was|was) (?:just )?about to ask)"
        ),
    ),
)
_EDIT_POINTER = _FAMILIES[3][1]
_MATH_RE = re.compile(r"\$[^$\n]{1,200}\$")
_COURTESY_KINDS = frozenset({"praise", "thanks", "agreement", "chit-chat"})
_ENTHUSIASM_RE = re.compile(r"\b(?:excited|looking forward)\b")
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?\n]*")
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def acknowledgement_reasons(doc: Document) -> tuple[Reason, ...]:
    """One reason, weighing nothing, when the reply only acknowledges someone."""
    if doc.is_blank or len(doc.words) > COURTESY_MAX_WORDS:
        return ()
    if doc.urls or doc.code_marks or doc.numbers or _MATH_RE.search(doc.text):
        return ()  # names something of its own: a link, code, a number, a formula
    prose = _lowered(doc.prose)
    found = _families(prose)
    if not found:
        return ()
    if any(
        s.endswith("?") and not _EDIT_POINTER.search(s.strip(" .,;:!?")) for s in _sentences(prose)
    ):
        return ()  # asks something ("Better now?" only asks whether an edit will do)
    if "congratulations" in found:
        # A congratulation or welcome is chatter when every sentence is a courtesy ("Welcome!
        # Please post the steps as separate questions" gives advice).
        return (_reason(found),) if _all_courtesy(prose, doc) else ()
    if len(doc.words) <= MAX_WORDS and _own_words(prose) <= OWN_WORDS:
        return (_reason(found),)
    return ()


def _lowered(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _families(prose: str) -> list[str]:
    found = []
    for kind, pattern in _FAMILIES:
        # Sentence by sentence, so that "^" and "$" mark a sentence's ends.
        if any(pattern.search(s.strip(" .,;:!?")) for s in _sentences(prose)):
            found.append(kind)
    return found


def _sentences(prose: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.findall(prose) if s.strip()]


def _own_words(prose: str) -> int:
    return len(_own_word_set(prose))


def _own_word_set(prose: str) -> set[str]:
    """Words left once the courtesies are taken out that are neither grammar nor the generic
    words any reply uses."""
    rest = []
    for sentence in _sentences(prose):
        sentence = sentence.strip(" .,;:!?")
        for _kind, pattern in _FAMILIES:
            sentence = pattern.sub(" ", sentence).strip(" .,;:!?")
        rest.append(sentence)
    return {
        w
        for w in _WORD_RE.findall(" ".join(rest))
        if len(w) > 1 and w not in STOPWORDS and not is_generic(w, stem(w))
    }


def _all_courtesy(prose: str, doc: Document) -> bool:
    """Every sentence is short and a courtesy (congratulations, welcome, thanks, praise,
    enthusiasm) with at most ``COURTESY_OWN_WORDS`` words of its own besides the names it
    addresses."""
    names = set(doc.names)
    for sentence in _sentences(prose):
        words = _WORD_RE.findall(sentence)
        if len(words) > COURTESY_LONG_SENTENCE_WORDS:
            return False
        if len(words) > COURTESY_SENTENCE_WORDS and "," in sentence:
            # A long sentence is a courtesy only if each of its clauses is one ("it's great to
            # have you back, and this is a great answer", not "the questions are good, it
            # would be better to post them apart").
            clauses = [c for c in sentence.split(",") if c.strip()]
            if len(clauses) > 1 and not all(_all_courtesy(c, doc) for c in clauses):
                return False
        elif len(words) > COURTESY_SENTENCE_WORDS:
            return False
        courtesy = (
            _families(sentence)
            or _ENTHUSIASM_RE.search(sentence)
            # Cue words as written: "please" opens a request, though its stem is "pleased".
            or any(cue_kind(w, w) in _COURTESY_KINDS for w in words)
        )
        if not courtesy:
            return False
        own = _own_word_set(_ENTHUSIASM_RE.sub(" ", sentence))
        if len({w for w in own if stem(w) not in names}) > COURTESY_OWN_WORDS:
            return False
    return True


def _reason(found: list[str]) -> Reason:
    return Reason(
        CODE,
        f"Only acknowledges someone ({', '.join(found)}), says nothing of its own",
        0.0,
    )

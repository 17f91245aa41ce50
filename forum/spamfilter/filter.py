"""The combiner: run every signal, weigh it, add the weights up, turn the sum into a label.

score = sigmoid(bias + Σ coefficient[code] × raw weight)

Each signal reports a reason with a raw weight on a hand-set scale; ``weights`` holds a
coefficient per reason code and a bias, fitted by logistic regression on labelled replies
(``python -m forum.spamfilter.training.fit``). Positive weights push towards hiding, negative ones
(relevance to the thread, an established author) are credit. A logistic sum keeps every
reason's share visible and the score in [0, 1]; the fitted bias puts the chosen operating point
at 0.5.

Two rules sit on top of the score:

* **No weak signal holds a reply on its own.** Relevance, the text model, the author's record
  and stretched characters are circumstantial: a reply is held only if a reason of a
  *genre* fires (chatter, contact, links, promotion, duplicates, ...; see ``WEAK_CODES``), or
  at least two different weak signals agree. "So, no dinosaurs?" from a new account is never
  held because it shares no word with the question.
* Moderator decisions are not the text model's corpus statistics: what they add to the model's
  opinion of a reply is its own reason, ``precedent``, which may hold a reply ("resembles
  replies moderators removed"). The model weighs decisions so that a one-sided flood of them
  cannot swing it (see ``model``).
* **"spam" needs a sign of abuse** among the reasons (``SPAM_CODES``). A reply that is merely
  empty chatter ("Thanks!", "+1") is "low_value" however sure the filter is about it.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .acknowledgement import CODE as ACKNOWLEDGEMENT
from .acknowledgement import acknowledgement_reasons
from .author import author_reasons
from .contact import contact_details_reasons, private_contact_reasons
from .document import Document
from .duplicates import duplicate_reasons
from .links import link_reasons
from .model import TextModel, train_default_model
from .praise import praise_reasons
from .promotion import promotion_reasons
from .records import (
    LABEL_LOW_VALUE,
    LABEL_OK,
    LABEL_SPAM,
    AuthorFacts,
    Reason,
    Reply,
    Thresholds,
    Verdict,
)
from .relevance import measure_relevance
from .weights import FEATURES, MODEL_CAP, MODEL_CREDIT_CAP, Weights, shipped_weights

EMPTY = 2.5
MIN_ABUSE_WEIGHT = 0.5  # a reference link (weight 0.1) is not a sign of abuse
MIN_HOLD_WEIGHT = 0.3  # a genre reason must carry at least this much to justify a hold
MIN_WEAK_WEIGHT = 0.5  # ... and each of two agreeing weak signals this much
# Moderators' decisions on similar replies: their own reason, because they are the site's
# judgement rather than a statistic of the corpus; the model weighs them (see ``model``).
MIN_PRECEDENT = 0.5
MAX_PRECEDENT = 4.0

DEFAULT_THRESHOLDS = Thresholds()

# Circumstantial signals, by family: none of them can hold a reply alone.
WEAK_CODES = {
    "off_topic": "relevance",
    "relevant": "relevance",
    "model": "model",
    "new_account": "author",
    "author_record": "author",
    "established_author": "author",
    "repetition": "form",
}
# Genre reasons that are no sign of abuse: empty chatter, and moderators' precedent (a likeness
# to removed replies, which does not say what was wrong with them).
NOT_ABUSE_CODES = frozenset({"empty", "generic_praise", "precedent"})
# Notes that weigh nothing in the score but tell the outcome rule something: an acknowledgement
# ("Got it", "@ana see my edit") may fold a member's reply and is never a reason to hold it.
NOTE_CODES = frozenset({ACKNOWLEDGEMENT})
# Signs of abuse: every other code the fit knows (``weights.FEATURES`` lists them once), so a
# new code is a sign of abuse unless it is listed as weak or above.
SPAM_CODES = frozenset(FEATURES) - WEAK_CODES.keys() - NOT_ABUSE_CODES
# What empty chatter ("Thanks!", "+1") is held for: its genre, having nothing to do with the
# thread, wording the text model or moderators' precedent find low-value, saying it twice.
# None is a sign of abuse (see ``is_mere_chatter``).
CHATTER_CODES = frozenset({"generic_praise", "off_topic", "model", "precedent", "repetition"})


@lru_cache(maxsize=1)
def default_model() -> TextModel:
    """The model trained on the shipped training rows, built once per process."""
    return train_default_model()


class SpamFilter:
    """Classify replies. ``model=None`` uses the default model; pass ``TextModel()`` (which has
    learned nothing and always answers 0.5) to run on the rules alone. ``weights=None`` uses the
    shipped fitted weights (``data/weights.json``)."""

    def __init__(
        self,
        model: TextModel | None = None,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        weights: Weights | None = None,
    ):
        self.model = model if model is not None else default_model()
        self.thresholds = thresholds
        self.weights = weights if weights is not None else shipped_weights()

    def classify(self, reply: Reply) -> Verdict:
        doc = Document.of(reply.text)
        return self.classify_analysed(doc, self.raw_reasons(reply, doc))

    def classify_analysed(self, doc: Document, raw: tuple[Reason, ...]) -> Verdict:
        """``classify`` for a reply already analysed into its document and rule reasons.

        Evaluation analyses each row once and classifies it under many fits.
        """
        reasons = once(self.weigh(raw + self.model_reasons(doc)))
        logit = self.weights.bias + sum(r.weight for r in reasons)
        score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
        return Verdict(label=self._label(score, reasons), score=score, reasons=reasons)

    def reasons(self, reply: Reply, doc: Document) -> tuple[Reason, ...]:
        """Every signal that fired, weighed, strongest push towards hiding first."""
        return once(self.weigh(self.raw_reasons(reply, doc) + self.model_reasons(doc)))

    def weigh(self, raw: tuple[Reason, ...]) -> tuple[Reason, ...]:
        """Scale raw reasons by their fitted coefficients; drop those the fit silenced."""
        weighed = [
            Reason(r.code, r.message, r.weight * self.weights.coefficient(r.code)) for r in raw
        ]
        weighed = [r for r in weighed if abs(r.weight) >= 0.01 or r.code in NOTE_CODES]
        weighed.sort(key=lambda r: -r.weight)
        return tuple(weighed)

    @staticmethod
    def raw_reasons(reply: Reply, doc: Document) -> tuple[Reason, ...]:
        """The rule-based reasons with their hand-set (unfitted) weights; no model."""
        shared = None
        if doc.is_blank:
            found: list[Reason] = [Reason("empty", "Has no words and no links", EMPTY)]
        else:
            relevance, shared = measure_relevance(
                doc,
                _text(reply.thread_title),
                _text(reply.thread_body),
                _text(reply.parent_text),
            )
            found = list(relevance)
        praise = praise_reasons(doc, shared)
        # An acknowledgement is noted only where praise did not already say it is chatter.
        found += praise or acknowledgement_reasons(doc)
        found += private_contact_reasons(doc)
        found += contact_details_reasons(doc)
        found += link_reasons(doc)
        found += promotion_reasons(doc)
        # author=None is accepted as "nothing known", like AuthorFacts().
        author = reply.author if isinstance(reply.author, AuthorFacts) else AuthorFacts()
        found += duplicate_reasons(doc, _count(reply.duplicates_elsewhere), _texts(author))
        found += author_reasons(author)
        return tuple(found)

    def model_reasons(self, doc: Document) -> tuple[Reason, ...]:
        """The text model's opinion (corpus only) and, apart, what moderators' decisions add."""
        log_odds = self.model.log_odds_of(doc, with_decisions=False)
        found = []
        model = self.model_reason(doc, log_odds)
        if model:
            found.append(model)
        if self.model.has_decisions:
            shift = self.model.log_odds_of(doc) - log_odds
            if abs(shift) >= MIN_PRECEDENT:
                towards = "removed" if shift > 0 else "approved"
                found.append(
                    Reason(
                        "precedent",
                        f"Resembles replies moderators {towards} (log-odds {shift:+.1f})",
                        max(-MAX_PRECEDENT, min(MAX_PRECEDENT, shift)),
                    )
                )
        return tuple(found)

    def model_reason(self, doc: Document, log_odds: float | None = None) -> Reason | None:
        """The text model's opinion as a raw reason: its tempered log-odds, clipped."""
        if log_odds is None:
            log_odds = self.model.log_odds_of(doc, with_decisions=False)
        raw = max(-MODEL_CREDIT_CAP, min(MODEL_CAP, log_odds))
        if abs(raw) < 0.05:
            return None
        probability = 1.0 / (1.0 + math.exp(-log_odds))
        leaning = "hidden" if raw > 0 else "accepted"
        words = self.model.telling_words(doc, towards_spam=raw > 0)
        like = f" ({', '.join(repr(w) for w in words)})" if words else ""
        return Reason(
            "model",
            f"Text model: {probability:.0%} spam-like; wording{like} resembles {leaning} replies",
            raw,
        )

    def _label(self, score: float, reasons: tuple[Reason, ...]) -> str:
        if score < self.thresholds.low_value or not may_hold(reasons):
            return LABEL_OK
        if score >= self.thresholds.spam and any(
            r.code in SPAM_CODES and r.weight >= MIN_ABUSE_WEIGHT and not is_plain_links(r)
            for r in reasons
        ):
            return LABEL_SPAM
        return LABEL_LOW_VALUE


def once(reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
    """The reasons with one piece of evidence counted once: a reply that shares nothing with
    its thread is short and unrelated, which is also most of what the text model's push
    towards hiding says about it; so when ``off_topic`` fires the model may only credit the
    reply (the fit sees the same, ``fit.feature_matrix``)."""
    if any(r.code == "off_topic" and r.weight > 0 for r in reasons):
        return tuple(r for r in reasons if not (r.code == "model" and r.weight > 0))
    return reasons


def is_plain_links(reason: Reason) -> bool:
    """A ``links`` reason with no advertising shape (no shortener, tracking, throwaway domain,
    reply built around or made of its link): ordinary links a reply cites. They still count in
    the score, but are never a genre reason nor evidence of abuse. ``links`` writes the shape
    it found after the list of hosts ("2 links (a.org, b.com): shortened link ...")."""
    return reason.code == "links" and "): " not in reason.message


def may_hold(reasons: tuple[Reason, ...]) -> bool:
    """True when the reasons justify holding: a genre reason, or two weak families agreeing."""
    weak_families = set()
    for reason in reasons:
        family = WEAK_CODES.get(reason.code)
        if is_plain_links(reason):
            continue
        if family is None:
            if reason.weight >= MIN_HOLD_WEIGHT:
                return True
        elif reason.weight >= MIN_WEAK_WEIGHT:
            weak_families.add(family)
    return len(weak_families) >= 2


def is_chatter(reasons: tuple[Reason, ...]) -> bool:
    """True when the reply reads as chatter: thanks, praise, agreement, +1."""
    return any(r.code == "generic_praise" and r.weight > 0 for r in reasons)


def is_acknowledgement(reasons: tuple[Reason, ...]) -> bool:
    """True when the reply only acknowledges someone ("Got it", "My bad", "@ana see my edit").

    Unlike ``is_chatter`` this never holds anyone: it only lets a member's reply fold."""
    return any(r.code == ACKNOWLEDGEMENT for r in reasons)


def is_mere_chatter(reasons: tuple[Reason, ...]) -> bool:
    """True when the reply is chatter and nothing else pushes it towards hiding: no reason
    outside ``CHATTER_CODES`` carries the weight that could justify a hold.

    A caller may publish such a reply folded instead of holding it when its author has a
    record (``author.has_record``); contact requests, links, promotion, duplicates, like-bait
    or a bad record still hold it.
    """
    return is_chatter(reasons) and not any(
        r.code not in CHATTER_CODES and r.weight >= MIN_HOLD_WEIGHT for r in reasons
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _texts(author: AuthorFacts) -> tuple[str, ...]:
    return tuple(t for t in author.earlier_texts or () if isinstance(t, str))

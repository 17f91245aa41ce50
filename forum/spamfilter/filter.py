"""The combiner: run every signal, add up their weights, turn the sum into a score and a label.

score = sigmoid(BIAS + Σ weights)

Each signal reports its weight as a contribution to the log-odds of "this reply should be
hidden": positive weights push towards hiding, negative ones (relevance to the thread, an
established author) are credit. A logistic sum keeps every reason's share visible and the
score in [0, 1]. With nothing to say about a reply its score is sigmoid(BIAS) ≈ 0.18.

The label comes from the thresholds, with one extra rule: "spam" also needs a sign of abuse
among the reasons (``SPAM_CODES``: links, contact details, private-message solicitation,
sales talk, duplicates, bursts...). A reply that is merely empty chatter ("Thanks!", "+1")
is "low_value" however sure the filter is about it.
"""

from __future__ import annotations

import math
from functools import lru_cache

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
from .relevance import relevance_reasons

BIAS = -1.5
MODEL_SCALE = 0.6  # weight per unit of the model's (tempered) log-odds
MODEL_CAP = 2.0  # the model alone can neither condemn nor clear a reply
EMPTY = 2.5
MIN_ABUSE_WEIGHT = 0.5  # a reference link (weight 0.1) is not a sign of abuse

DEFAULT_THRESHOLDS = Thresholds()

SPAM_CODES = frozenset(
    {
        "private_contact",
        "contact_details",
        "links",
        "markup_injection",
        "promotion",
        "shouting",
        "keyword_stuffing",
        "duplicate",
        "self_repeat",
        "new_account_burst",
    }
)


@lru_cache(maxsize=1)
def default_model() -> TextModel:
    """The model trained on the bundled corpus, built once per process."""
    return train_default_model()


class SpamFilter:
    """Classify replies. ``model=None`` uses the bundled default model; pass ``TextModel()``
    (which has learned nothing and always answers 0.5) to run on the rules alone."""

    def __init__(self, model: TextModel | None = None, thresholds: Thresholds = DEFAULT_THRESHOLDS):
        self.model = model if model is not None else default_model()
        self.thresholds = thresholds

    def classify(self, reply: Reply) -> Verdict:
        doc = Document.of(reply.text)
        reasons = self.reasons(reply, doc)
        logit = BIAS + sum(r.weight for r in reasons)
        score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))
        return Verdict(label=self._label(score, reasons), score=score, reasons=reasons)

    def reasons(self, reply: Reply, doc: Document) -> tuple[Reason, ...]:
        """Every signal that fired, strongest push towards hiding first, credits last."""
        if doc.is_blank:
            found: list[Reason] = [Reason("empty", "Has no words and no links", EMPTY)]
        else:
            found = list(
                relevance_reasons(
                    doc,
                    _text(reply.thread_title),
                    _text(reply.thread_body),
                    _text(reply.parent_text),
                )
            )
        found += praise_reasons(doc)
        found += private_contact_reasons(doc)
        found += contact_details_reasons(doc)
        found += link_reasons(doc)
        found += promotion_reasons(doc)
        # author=None is accepted as "nothing known", like AuthorFacts().
        author = reply.author if isinstance(reply.author, AuthorFacts) else AuthorFacts()
        found += duplicate_reasons(doc, _count(reply.duplicates_elsewhere), _texts(author))
        found += author_reasons(author)
        model_reason = self._model_reason(doc)
        if model_reason:
            found.append(model_reason)
        found.sort(key=lambda r: -r.weight)
        return tuple(found)

    def _model_reason(self, doc: Document) -> Reason | None:
        log_odds = self.model.log_odds_of(doc)
        weight = max(-MODEL_CAP, min(MODEL_CAP, MODEL_SCALE * log_odds))
        if abs(weight) < 0.05:
            return None
        probability = 1.0 / (1.0 + math.exp(-log_odds))
        leaning = "hidden" if weight > 0 else "accepted"
        words = self.model.telling_words(doc, towards_spam=weight > 0)
        like = f" ({', '.join(repr(w) for w in words)})" if words else ""
        return Reason(
            "model",
            f"Text model: {probability:.0%} spam-like; wording{like} resembles {leaning} replies",
            weight,
        )

    def _label(self, score: float, reasons: tuple[Reason, ...]) -> str:
        if score >= self.thresholds.spam and any(
            r.code in SPAM_CODES and r.weight >= MIN_ABUSE_WEIGHT for r in reasons
        ):
            return LABEL_SPAM
        if score >= self.thresholds.low_value:
            return LABEL_LOW_VALUE
        return LABEL_OK


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _texts(author: AuthorFacts) -> tuple[str, ...]:
    return tuple(t for t in author.earlier_texts or () if isinstance(t, str))

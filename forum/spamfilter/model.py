"""The statistical signal: a naive Bayes text model that moderators can teach.

Binarized multinomial naive Bayes (each feature counts once per text), which is known to do
well on short texts and, unlike logistic regression, learns and unlearns one example at a
time exactly: ``forget`` subtracts what ``learn`` added, so a reversed moderator decision
leaves no trace.

Features are word stems, adjacent word pairs (spinner text has tell-tale function-word
pairs such as "it is", "in it") and a few shape markers (length bucket, link, number, code).

Two deliberate departures from the textbook:

* class priors are ignored (equal priors): how much spam the site sees is the combiner's
  business (its bias), not the text model's;
* the summed log-likelihood ratio is divided by the square root of the number of known
  features ("tempering"), because naive Bayes counts correlated words as independent
  evidence and becomes absurdly confident on long texts.
"""

from __future__ import annotations

import math
from itertools import pairwise

from .corpus import load_corpus
from .document import Document

ALPHA = 0.5  # additive smoothing
MAX_FEATURES = 600  # per text; the first words decide, like for a human reader
SPAM = "spam"
OK = "ok"


def features(doc: Document) -> set[str]:
    stems = doc.stems[:MAX_FEATURES]
    found = set(stems)
    found.update(f"{a}_{b}" for a, b in pairwise(doc.words[:MAX_FEATURES]))
    found.add(f"#words:{_length_bucket(len(doc.words))}")
    if doc.urls:
        found.add("#link")
    if doc.numbers:
        found.add("#number")
    if doc.code_marks:
        found.add("#code")
    if doc.names:
        found.add("#name")
    return found


def _length_bucket(words: int) -> str:
    for limit, name in ((3, "1-3"), (8, "4-8"), (20, "9-20"), (60, "21-60")):
        if words <= limit:
            return name
    return "61+"


class TextModel:
    """Naive Bayes over text features; 0.5 until it has learned from both classes."""

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {SPAM: {}, OK: {}}
        self._totals: dict[str, int] = {SPAM: 0, OK: 0}
        self._docs: dict[str, int] = {SPAM: 0, OK: 0}
        self._vocabulary = 0

    # -- teaching -------------------------------------------------------------------------

    def learn(self, text: str, is_spam: bool) -> None:
        """Count ``text`` as one more example of spam (low_value counts as spam) or of ok."""
        self._learn_doc(Document.of(text), is_spam)

    def forget(self, text: str, is_spam: bool) -> None:
        """Undo an earlier ``learn(text, is_spam)``, e.g. when a moderator reverses a decision.

        Counts never go below zero, but naive Bayes cannot tell which earlier text a shared
        word came from: forget only what was actually learned.
        """
        label = SPAM if is_spam else OK
        other = self._counts[OK if is_spam else SPAM]
        counts = self._counts[label]
        if self._docs[label] == 0:
            return
        for feature in features(Document.of(text)):
            count = counts.get(feature, 0)
            if count == 0:
                continue  # never learned with this label: nothing to undo
            if count == 1:
                del counts[feature]
                if feature not in other:
                    self._vocabulary -= 1
            else:
                counts[feature] = count - 1
            self._totals[label] -= 1
        self._docs[label] -= 1

    def _learn_doc(self, doc: Document, is_spam: bool) -> None:
        label = SPAM if is_spam else OK
        counts, other = self._counts[label], self._counts[OK if is_spam else SPAM]
        for feature in features(doc):
            if feature not in counts and feature not in other:
                self._vocabulary += 1
            counts[feature] = counts.get(feature, 0) + 1
            self._totals[label] += 1
        self._docs[label] += 1

    # -- judging --------------------------------------------------------------------------

    def spam_probability(self, text: str) -> float:
        return self.probability_of(Document.of(text))

    def probability_of(self, doc: Document) -> float:
        """Like ``spam_probability`` for an already analysed text (saves a second analysis)."""
        log_odds = self.log_odds_of(doc)
        return 1.0 / (1.0 + math.exp(-log_odds))

    def log_odds_of(self, doc: Document) -> float:
        """Tempered log-odds of spam: the summed evidence over the square root of its size."""
        evidence = self._evidence(doc)
        if not evidence:
            return 0.0
        total = sum(evidence.values())
        return max(-30.0, min(30.0, total / math.sqrt(len(evidence))))

    def telling_words(self, doc: Document, towards_spam: bool, limit: int = 3) -> list[str]:
        """The words of ``doc`` that pushed hardest towards spam (or towards ok)."""
        sign = 1.0 if towards_spam else -1.0
        words = [
            (sign * weight, feature)
            for feature, weight in self._evidence(doc).items()
            if feature.isalpha() and sign * weight > 0
        ]
        # Reversed, so that the first spelling of each stem in the text is the one kept.
        as_written = dict(zip(reversed(doc.stems), reversed(doc.words), strict=True))
        return [as_written.get(f, f) for _, f in sorted(words, reverse=True)[:limit]]

    def _evidence(self, doc: Document) -> dict[str, float]:
        """Log-likelihood ratio of every feature the model has seen before."""
        if not self._docs[SPAM] or not self._docs[OK]:
            return {}
        spam, ok = self._counts[SPAM], self._counts[OK]
        spam_norm = math.log(self._totals[SPAM] + ALPHA * self._vocabulary)
        ok_norm = math.log(self._totals[OK] + ALPHA * self._vocabulary)
        evidence: dict[str, float] = {}
        for feature in features(doc):
            s, o = spam.get(feature, 0), ok.get(feature, 0)
            if s or o:  # a feature never seen says nothing either way
                evidence[feature] = math.log(s + ALPHA) - spam_norm - math.log(o + ALPHA) + ok_norm
        return evidence

    # -- storage --------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return {
            "format": "forum.spamfilter.TextModel",
            "version": 1,
            "docs": dict(self._docs),
            "counts": {label: dict(counts) for label, counts in self._counts.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> TextModel:
        if data.get("format") != "forum.spamfilter.TextModel" or data.get("version") != 1:
            raise ValueError("not a version 1 forum.spamfilter.TextModel dictionary")
        model = cls()
        for label in (SPAM, OK):
            counts = {str(k): int(v) for k, v in data["counts"][label].items() if int(v) > 0}
            model._counts[label] = counts
            model._totals[label] = sum(counts.values())
            model._docs[label] = int(data["docs"][label])
        model._vocabulary = len(model._counts[SPAM].keys() | model._counts[OK].keys())
        return model

    def __repr__(self) -> str:
        return (
            f"<TextModel spam={self._docs[SPAM]} ok={self._docs[OK]} features={self._vocabulary}>"
        )


def train_default_model() -> TextModel:
    """Return a model trained on the bundled corpus's "train" split (low_value counts as spam)."""
    model = TextModel()
    for row in load_corpus("train"):
        model.learn(row.get("text") or "", row.get("label") != "ok")
    return model

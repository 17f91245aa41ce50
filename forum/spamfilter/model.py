"""The statistical signal: a naive Bayes text model that moderators can teach.

Binarized multinomial naive Bayes (each feature counts once per text), which is known to do
well on short texts and, unlike logistic regression, learns and unlearns one example at a
time exactly: ``forget`` subtracts what ``learn`` added, so a reversed moderator decision
leaves no trace.

Features are word stems, adjacent word pairs (spinner text has tell-tale function-word
pairs such as "it is", "in it") and a few shape markers (link, number, code). There is no
length feature: in a corpus where no legitimate reply is three words long, the model would
learn "short means spam", which is false on a real forum.

Moderator decisions (``learn``/``forget``) are counted apart from the training corpus and
weighed so that they can never outweigh it: all the decisions of one class together count
as at most ``DECISION_SHARE`` of that class's corpus examples (and at least
``MIN_DECISION_MASS`` examples' worth when the corpus is small). Twenty decisions on a new
kind of spam count in full and teach the model about it; a flood of a thousand one-sided
approvals is scaled down and cannot drown what the corpus says about spinner spam.

Three deliberate departures from the textbook:

* class priors are ignored (equal priors): how much spam the site sees is the combiner's
  business (its bias), not the text model's;
* decisions are weighed as above;
* the summed log-likelihood ratio is divided by the square root of the number of known
  features ("tempering"), because naive Bayes counts correlated words as independent
  evidence and becomes absurdly confident on long texts.
"""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

from .document import Document

ALPHA = 0.5  # additive smoothing
MAX_FEATURES = 600  # per text; the first words decide, like for a human reader
SPAM = "spam"
OK = "ok"


DECISION_SHARE = 0.5
MIN_DECISION_MASS = 40.0
TAIL_FEATURES = 200  # the end of a long text is read too: spam is often appended there


def features(doc: Document) -> set[str]:
    if len(doc.words) > MAX_FEATURES + TAIL_FEATURES:
        words = doc.words[:MAX_FEATURES] + doc.words[-TAIL_FEATURES:]
        stems = doc.stems[:MAX_FEATURES] + doc.stems[-TAIL_FEATURES:]
    else:
        words, stems = doc.words, doc.stems
    found = set(stems)
    found.update(f"{a}_{b}" for a, b in pairwise(words))
    if doc.urls:
        found.add("#link")
    if doc.numbers:
        found.add("#number")
    if doc.code_marks:
        found.add("#code")
    if doc.names:
        found.add("#name")
    return found


class _Counts:
    """Feature counts of one class from one origin (the corpus, or moderator decisions)."""

    def __init__(self) -> None:
        self.features: dict[str, int] = {}
        self.total = 0
        self.docs = 0

    def add(self, found: set[str]) -> None:
        for feature in found:
            self.features[feature] = self.features.get(feature, 0) + 1
        self.total += len(found)
        self.docs += 1

    def remove(self, found: set[str]) -> None:
        """Subtract what ``add`` added; counts never go below zero."""
        if self.docs == 0:
            return
        for feature in found:
            count = self.features.get(feature, 0)
            if count == 0:
                continue  # never learned with this label: nothing to undo
            if count == 1:
                del self.features[feature]
            else:
                self.features[feature] = count - 1
            self.total -= 1
        self.docs -= 1


class TextModel:
    """Naive Bayes over text features; 0.5 until it has learned from both classes."""

    def __init__(self) -> None:
        self._corpus = {SPAM: _Counts(), OK: _Counts()}
        self._decisions = {SPAM: _Counts(), OK: _Counts()}
        self._vocabulary: dict[str, int] = {}  # feature -> count over all four tables

    def _add(self, counts: _Counts, found: set[str]) -> None:
        counts.add(found)
        for feature in found:
            self._vocabulary[feature] = self._vocabulary.get(feature, 0) + 1

    def _remove(self, counts: _Counts, found: set[str]) -> None:
        if counts.docs == 0:
            return
        for feature in found & counts.features.keys():
            left = self._vocabulary.get(feature, 0) - 1
            if left > 0:
                self._vocabulary[feature] = left
            else:
                self._vocabulary.pop(feature, None)
        counts.remove(found)

    # -- teaching -------------------------------------------------------------------------

    def train(self, text: str, is_spam: bool) -> None:
        """Count ``text`` as one more corpus example of spam (low_value counts as spam) or ok."""
        self.train_document(Document.of(text), is_spam)

    def train_document(self, doc: Document, is_spam: bool) -> None:
        """Like ``train`` for an already analysed text."""
        self._add(self._corpus[SPAM if is_spam else OK], features(doc))

    def learn(self, text: str, is_spam: bool) -> None:
        """Count a moderator decision on ``text``: spam (or low value) when ``is_spam``, else ok."""
        self._add(self._decisions[SPAM if is_spam else OK], features(Document.of(text)))

    def forget(self, text: str, is_spam: bool) -> None:
        """Undo an earlier ``learn(text, is_spam)``, e.g. when a moderator reverses a decision.

        Counts never go below zero, but naive Bayes cannot tell which earlier text a shared
        word came from: forget only what was actually learned.
        """
        self._remove(self._decisions[SPAM if is_spam else OK], features(Document.of(text)))

    def corpus_size(self, is_spam: bool) -> int:
        """How many corpus texts of this class the model was trained on."""
        return self._corpus[SPAM if is_spam else OK].docs

    def decision_weight(self, is_spam: bool) -> float:
        """How much one moderator decision of this class counts, relative to a corpus example."""
        taught = self._decisions[SPAM if is_spam else OK].docs
        if not taught:
            return 1.0
        cap = max(MIN_DECISION_MASS, DECISION_SHARE * self.corpus_size(is_spam))
        return min(1.0, cap / taught)

    # -- judging --------------------------------------------------------------------------

    def spam_probability(self, text: str) -> float:
        return self.probability_of(Document.of(text))

    def probability_of(self, doc: Document) -> float:
        """Like ``spam_probability`` for an already analysed text (saves a second analysis)."""
        log_odds = self.log_odds_of(doc)
        return 1.0 / (1.0 + math.exp(-log_odds))

    @property
    def has_decisions(self) -> bool:
        return bool(self._decisions[SPAM].docs or self._decisions[OK].docs)

    def log_odds_of(self, doc: Document, with_decisions: bool = True) -> float:
        """Tempered log-odds of spam: the summed evidence over the square root of its size.

        ``with_decisions=False`` leaves moderator decisions out (the corpus alone).
        """
        evidence = self._evidence(doc, with_decisions)
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

    def _docs(self, label: str, with_decisions: bool = True) -> float:
        weight = self.decision_weight(label == SPAM) if with_decisions else 0.0
        return self._corpus[label].docs + weight * self._decisions[label].docs

    def _evidence(self, doc: Document, with_decisions: bool = True) -> dict[str, float]:
        """Log-likelihood ratio of every feature the model has seen before."""
        if not self._docs(SPAM, with_decisions) or not self._docs(OK, with_decisions):
            return {}
        w_spam, w_ok = self.decision_weight(True), self.decision_weight(False)
        if not with_decisions:
            w_spam = w_ok = 0.0
        spam_c, ok_c = self._corpus[SPAM], self._corpus[OK]
        spam_d, ok_d = self._decisions[SPAM], self._decisions[OK]
        vocabulary = len(self._vocabulary)
        spam_norm = math.log(spam_c.total + w_spam * spam_d.total + ALPHA * vocabulary)
        ok_norm = math.log(ok_c.total + w_ok * ok_d.total + ALPHA * vocabulary)
        evidence: dict[str, float] = {}
        for feature in features(doc):
            s = spam_c.features.get(feature, 0) + w_spam * spam_d.features.get(feature, 0)
            o = ok_c.features.get(feature, 0) + w_ok * ok_d.features.get(feature, 0)
            if s or o:  # a feature never seen says nothing either way
                evidence[feature] = math.log(s + ALPHA) - spam_norm - math.log(o + ALPHA) + ok_norm
        return evidence

    # -- storage --------------------------------------------------------------------------

    def to_dict(self) -> dict:
        def dump(counts: dict[str, _Counts]) -> dict:
            return {
                "docs": {label: c.docs for label, c in counts.items()},
                "counts": {label: dict(c.features) for label, c in counts.items()},
            }

        return {
            "format": "forum.spamfilter.TextModel",
            "version": 2,
            "corpus": dump(self._corpus),
            "decisions": dump(self._decisions),
        }

    @classmethod
    def from_dict(cls, data: dict) -> TextModel:
        if data.get("format") != "forum.spamfilter.TextModel" or data.get("version") not in (1, 2):
            raise ValueError("not a forum.spamfilter.TextModel dictionary (version 1 or 2)")
        model = cls()
        parts = (
            (("corpus", model._corpus),)
            if data["version"] == 1
            else (("corpus", model._corpus), ("decisions", model._decisions))
        )
        for key, target in parts:
            part = data if data["version"] == 1 else data[key]
            for label in (SPAM, OK):
                counts = {str(k): int(v) for k, v in part["counts"][label].items() if int(v) > 0}
                target[label].features = counts
                target[label].total = sum(counts.values())
                target[label].docs = int(part["docs"][label])
                for feature, count in counts.items():
                    model._vocabulary[feature] = model._vocabulary.get(feature, 0) + count
        return model

    def __repr__(self) -> str:
        return (
            f"<TextModel corpus spam={self._corpus[SPAM].docs} ok={self._corpus[OK].docs}, "
            f"decisions spam={self._decisions[SPAM].docs} ok={self._decisions[OK].docs}>"
        )


COUNTS_PATH = Path(__file__).resolve().parent / "data" / "model_counts.tsv"
COUNTS_FORMAT = "forum.spamfilter.TextModel counts"
MIN_SHIPPED_COUNT = 3  # a feature seen once says little and would double the file


def write_counts(model: TextModel, path: Path, fitted_on: str) -> int:
    """Write the model's corpus counts as a small text file; return the features kept.

    One line per feature seen at least ``MIN_SHIPPED_COUNT`` times: ``feature<TAB>spam<TAB>ok``.
    Moderator decisions are not written: they live in the site's database.
    """
    spam, ok = model._corpus[SPAM], model._corpus[OK]
    kept = sorted(
        f
        for f in spam.features.keys() | ok.features.keys()
        if spam.features.get(f, 0) + ok.features.get(f, 0) >= MIN_SHIPPED_COUNT
        and "\t" not in f
        and "\n" not in f
    )
    lines = [
        f"# {COUNTS_FORMAT}, version 1",
        f"# fitted on: {fitted_on}",
        f"# binarized feature counts per class; features seen fewer than {MIN_SHIPPED_COUNT}"
        " times are left out",
        f"docs\t{spam.docs}\t{ok.docs}",
        *(f"{f}\t{spam.features.get(f, 0)}\t{ok.features.get(f, 0)}" for f in kept),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(kept)


def read_counts(path: Path) -> TextModel:
    """The model ``write_counts`` wrote (corpus counts only, no decisions)."""
    model = TextModel()
    spam, ok = model._corpus[SPAM], model._corpus[OK]
    vocabulary = model._vocabulary
    with path.open(encoding="utf-8") as lines:
        header = next(lines, "")
        if COUNTS_FORMAT not in header:
            raise ValueError(f"{path.name}: not a {COUNTS_FORMAT} file")
        for line in lines:
            if line.startswith("#"):
                continue
            feature, s, o = line.rstrip("\n").split("\t")
            if feature == "docs":
                spam.docs, ok.docs = int(s), int(o)
                continue
            s, o = int(s), int(o)
            if s:
                spam.features[feature] = s
                spam.total += s
            if o:
                ok.features[feature] = o
                ok.total += o
            vocabulary[feature] = s + o
    return model


def train_default_model() -> TextModel:
    """Return the model the shipped weights were fitted with.

    That is the counts in ``data/model_counts.tsv``, written by
    ``python -m forum.spamfilter.training.fit``
    (trained on the real labelled sources, which stay outside the repository); without that
    file, a model trained on the invented corpus's "train" split.
    """
    if COUNTS_PATH.exists():
        return read_counts(COUNTS_PATH)
    from .corpus import load_corpus

    model = TextModel()
    for row in load_corpus("train"):
        model.train(row.get("text") or "", row.get("label") != "ok")
    return model

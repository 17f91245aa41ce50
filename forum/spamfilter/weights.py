"""The fitted weights: one coefficient per signal, a bias, read from ``data/weights.json``.

Every signal reports a reason with a *raw* weight on a hand-set scale ("a request to continue
in private is worth about 3"). The shipped weight of a reason is its raw weight times the
coefficient fitted for its code by logistic regression
(``python -m forum.spamfilter.training.fit``),
so each reason still shows its share of the score. The bias also absorbs the chosen operating
point: a reply is held when its score reaches 0.5, whatever precision/recall trade-off the fit
chose (see ``fit.choose_threshold``).

A code the file does not mention keeps coefficient 1 (its hand-set weight), so a signal added
after the last fit still counts until the next one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "weights.json"
FORMAT = "forum.spamfilter.weights"

# Hand-set defaults: the state before any fit (and the fit's prior).
DEFAULT_BIAS = -1.5
MODEL_CAP = 4.0  # the model's raw feature: its tempered log-odds, clipped to MODEL_CAP ...
# ... and, as credit, to -MODEL_CREDIT_CAP: the everyday wording of private text messages in
# the training sources ("call me later", "5 pm") must not clear a reply of a request to go
# private or of contact details. Like its push towards hiding, its credit is circumstantial.
MODEL_CREDIT_CAP = 1.5

# The features the fit knows, in a fixed order: every reason code the signals emit.
FEATURES = (
    "empty",
    "off_topic",
    "relevant",
    "generic_praise",
    "private_contact",
    "contact_details",
    "links",
    "markup_injection",
    "promotion",
    "self_promotion",
    "like_bait",
    "shouting",
    "repetition",
    "keyword_stuffing",
    "duplicate",
    "self_repeat",
    "new_account",
    "new_account_burst",
    "author_record",
    "established_author",
    "model",
    "precedent",
)


@dataclass(frozen=True)
class Weights:
    bias: float = DEFAULT_BIAS
    coefficients: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)  # what it was fitted on and the figures it reached

    def coefficient(self, code: str) -> float:
        return self.coefficients.get(code, 1.0)

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "version": 1,
            "bias": round(self.bias, 6),
            "coefficients": {k: round(v, 6) for k, v in self.coefficients.items()},
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Weights:
        if data.get("format") != FORMAT or data.get("version") != 1:
            raise ValueError(f"not a version 1 {FORMAT} dictionary")
        return cls(
            bias=float(data["bias"]),
            coefficients={str(k): float(v) for k, v in data["coefficients"].items()},
            meta=dict(data.get("meta") or {}),
        )


HAND_SET = Weights()


@lru_cache(maxsize=1)
def shipped_weights() -> Weights:
    """The weights in ``data/weights.json``; the hand-set scale if the file is missing."""
    if not WEIGHTS_PATH.exists():
        return HAND_SET
    return Weights.from_dict(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")))

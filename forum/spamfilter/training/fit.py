"""Re-fit the signal weights, the bias and the operating point.

``python -m forum.spamfilter.training.fit``

Logistic regression over the signals' raw weights (one feature per reason code, see
``weights.FEATURES``), on the real labelled rows in ``data/real/`` (or, while there are none,
on the invented corpus's "train" split, which the written file then says). Writes
``data/weights.json``; the filter applies it in pure Python.

* The text model's feature is cross-fitted: each row's naive-Bayes log-odds come from a model
  that did not see the row's thread, as it will be at run time for a new reply.
* Each coefficient has a Gaussian prior centred on 1, the hand-set scale, and is kept
  non-negative: no signal can flip into its opposite.
* A signal the data barely exercises is not fitted at all (``MIN_SUPPORT``): when fewer than
  that many rows fire it, in the rows that may speak for it (threaded rows for the
  conversational codes, below), a handful of rows would decide its weight: in the real data
  one threaded reply fires ``private_contact`` (a legitimate one), and that single row,
  weighted like a whole source, would all but silence the rule against "continue in PM".
  Such a signal keeps its hand-set weight *relative to the bias*: its coefficient is the fitted
  bias over the hand-set one, so a reason that held a reply alone at the hand-set scale
  (raw weight above 1.5) still does, and one that did not still does not.
* Every source weighs the same in the fit, however many rows it has.
* The operating point favours precision (holding a real reply is the costly error): the
  lowest score threshold whose precision on the training rows reaches ``--precision``
  (0.98 by default); the bias absorbs it so the filter holds at score 0.5.

Needs numpy, scipy and scikit-learn (``requirements-dev.txt``); the filter itself does not.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..corpus import reply_from_row
from ..document import Document
from ..duplicates import DuplicateIndex
from ..filter import SpamFilter, may_hold, once
from ..model import COUNTS_PATH, TextModel, write_counts
from ..records import Reason, Reply
from ..weights import (
    DEFAULT_BIAS,
    FEATURES,
    HAND_SET,
    MODEL_CAP,
    MODEL_CREDIT_CAP,
    WEIGHTS_PATH,
    Weights,
)
from .dataset import (
    DATA_DIR_VARIABLE,
    INVENTED,
    default_data_dir,
    load_invented,
    load_real,
    thread_of,
    training_rows,
)

TARGET_PRECISION = 0.98
PRIOR_SIGMA = 1.0
MODEL_FOLDS = 5
# Fewer rows than this firing a code (in the rows that may speak for it): too few to fit.
MIN_SUPPORT = 30


@dataclass
class Example:
    """One labelled row, analysed once: its reply, document and rule reasons."""

    row: dict
    reply: Reply
    doc: Document
    raw: tuple[Reason, ...]

    @property
    def is_flag(self) -> bool:
        return self.row["label"] != "ok"


def prepare(rows: Sequence[dict]) -> list[Example]:
    """Analyse rows in order, each told of near-duplicates already posted in other threads."""
    index = DuplicateIndex()
    examples = []
    for row in rows:
        thread = thread_of(row)
        reply = reply_from_row(row, index.count_elsewhere(row["text"], thread))
        index.add(row["text"], thread)
        doc = Document.of(reply.text)
        examples.append(Example(row, reply, doc, SpamFilter.raw_reasons(reply, doc)))
    return examples


def train_model(examples: Sequence[Example]) -> TextModel:
    model = TextModel()
    for example in examples:
        model.train_document(example.doc, example.is_flag)
    return model


def model_raw(model: TextModel, doc: Document) -> float:
    return max(-MODEL_CREDIT_CAP, min(MODEL_CAP, model.log_odds_of(doc)))


def cross_fitted_model(examples: Sequence[Example], folds: int = MODEL_FOLDS) -> list[float]:
    """Each example's model feature from a model trained without its thread."""
    from sklearn.model_selection import GroupKFold

    groups = [thread_of(e.row) for e in examples]
    n_groups = len(set(groups))
    scores = [0.0] * len(examples)
    if n_groups < 2:
        return scores
    splitter = GroupKFold(n_splits=min(folds, n_groups))
    for train_idx, test_idx in splitter.split(examples, groups=groups):
        model = train_model([examples[i] for i in train_idx])
        for i in test_idx:
            scores[i] = model_raw(model, examples[i].doc)
    return scores


# Signals of the forum-reply genre: chatter and requests to move a thread's talk into private.
# Rows without a thread (text messages, chat messages) were labelled as messages, not as
# replies: "Thanks!" or "text me later" is ham there, and says nothing about how these codes
# bear on a forum reply, which always has a thread. Their coefficients are fitted on rows
# that have one.
CONVERSATIONAL_CODES = frozenset({"empty", "generic_praise", "private_contact"})


def has_thread(row: dict) -> bool:
    return bool(row.get("thread_title") or row.get("thread_body") or row.get("parent_text"))


def speaks_for(example: Example, code: str) -> bool:
    """May this row's label bear on the coefficient of ``code``? (See ``CONVERSATIONAL_CODES``.)"""
    return code not in CONVERSATIONAL_CODES or has_thread(example.row)


def feature_matrix(examples: Sequence[Example], model_scores: Sequence[float]):
    import numpy as np

    column = {code: j for j, code in enumerate(FEATURES)}
    x = np.zeros((len(examples), len(FEATURES)))
    for i, example in enumerate(examples):
        for reason in example.raw:
            if reason.code in column and speaks_for(example, reason.code):
                x[i, column[reason.code]] += reason.weight
        # Counted once (``filter.once``): an off-topic reply gets the model's credit only.
        off_topic = any(r.code == "off_topic" and r.weight > 0 for r in example.raw)
        x[i, column["model"]] = min(0.0, model_scores[i]) if off_topic else model_scores[i]
    return x


def unsupported_codes(examples: Sequence[Example], min_support: int = MIN_SUPPORT) -> set[str]:
    """The codes fired on fewer than ``min_support`` rows that may speak for them."""
    support = dict.fromkeys(FEATURES, 0)
    for example in examples:
        for code in {r.code for r in example.raw}:
            if code in support and speaks_for(example, code):
                support[code] += 1
    support["model"] = len(examples)  # the text model speaks on every row
    return {code for code, n in support.items() if n < min_support}


def fit_logistic(
    x, y, sample_weight, sigma: float = PRIOR_SIGMA, fixed: Sequence[int] = ()
) -> tuple[float, list[float]]:
    """Bias and coefficients maximising the weighted likelihood with a N(1, sigma²) prior.

    The columns in ``fixed`` are left out (coefficient 0 here); the caller sets them.
    """
    import numpy as np
    from scipy.optimize import minimize

    n_features = x.shape[1]

    def loss(params):
        bias, coef = params[0], params[1:]
        z = bias + x @ coef
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        nll = np.sum(sample_weight * (np.logaddexp(0.0, z) - y * z))
        prior = np.sum((coef - 1.0) ** 2) / (2 * sigma**2)
        residual = sample_weight * (p - y)
        grad = np.concatenate(([residual.sum()], x.T @ residual + (coef - 1.0) / sigma**2))
        return nll + prior, grad

    start = np.concatenate(([HAND_SET.bias], np.ones(n_features)))
    bounds = [(None, None)] + [(0.0, None)] * n_features
    for j in fixed:
        start[1 + j] = 0.0
        bounds[1 + j] = (0.0, 0.0)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return float(result.x[0]), [float(c) for c in result.x[1:]]


def source_weights(examples: Sequence[Example]):
    """Weights giving every source the same total, averaging 1 per row."""
    import numpy as np

    sources = [e.row["source"] for e in examples]
    counts = {s: sources.count(s) for s in set(sources)}
    return np.array([len(sources) / (len(counts) * counts[s]) for s in sources])


def decisions(weights: Weights, examples: Sequence[Example], model_scores: Sequence[float]):
    """(logit before the bias, may the reasons hold it?) for each example."""
    filter_ = SpamFilter(model=TextModel(), weights=weights)
    out = []
    for example, score in zip(examples, model_scores, strict=True):
        raw = example.raw
        if not has_thread(example.row):
            raw = tuple(r for r in raw if r.code not in CONVERSATIONAL_CODES)
        raw += (Reason("model", "", score),) if abs(score) >= 0.05 else ()
        reasons = once(filter_.weigh(raw))
        out.append((sum(r.weight for r in reasons), may_hold(reasons)))
    return out


def choose_threshold(
    logits: Sequence[float], holdable: Sequence[bool], flags: Sequence[bool], target: float
) -> tuple[float, float, float]:
    """The lowest logit threshold whose precision reaches ``target``: (threshold, p, r).

    If no threshold reaches it, the one with the best precision (then recall).
    """
    candidates = sorted(
        ((z, f) for z, h, f in zip(logits, holdable, flags, strict=True) if h), reverse=True
    )
    positives = sum(flags)
    best = (math.inf, 1.0, 0.0)
    best_fallback = (math.inf, 0.0, 0.0)
    tp = fp = 0
    for i, (z, is_flag) in enumerate(candidates):
        tp += is_flag
        fp += not is_flag
        if i + 1 < len(candidates) and candidates[i + 1][0] == z:
            continue  # ties: decide after the last row with this logit
        precision = tp / (tp + fp)
        recall = tp / positives if positives else 0.0
        if precision >= target:
            best = (z, precision, recall)
        if (precision, recall) > best_fallback[1:]:
            best_fallback = (z, precision, recall)
    return best if best[0] != math.inf else best_fallback


@dataclass
class Fitted:
    model: TextModel
    weights: Weights


def fit(
    examples: Sequence[Example],
    target_precision: float = TARGET_PRECISION,
    meta: dict | None = None,
) -> Fitted:
    """Fit the text model, the coefficients, the bias and the operating point on ``examples``."""
    import numpy as np

    model_scores = cross_fitted_model(examples)
    x = feature_matrix(examples, model_scores)
    y = np.array([1.0 if e.is_flag else 0.0 for e in examples])
    unfitted = unsupported_codes(examples)
    bias, coef = fit_logistic(
        x, y, source_weights(examples), fixed=[FEATURES.index(c) for c in sorted(unfitted)]
    )
    coefficients = dict(zip(FEATURES, coef, strict=True))
    flags = [e.is_flag for e in examples]
    # The operating point moves the bias, and the unfitted codes follow the bias: a few rounds
    # settle both (the unfitted codes fire on few rows, so the threshold barely moves).
    threshold, precision, recall = 0.0, 0.0, 0.0
    for _ in range(4):
        unshifted = Weights(bias=0.0, coefficients=coefficients)
        found = decisions(unshifted, examples, model_scores)
        threshold, precision, recall = choose_threshold(
            [bias + z for z, _ in found], [h for _, h in found], flags, target_precision
        )
        if threshold == math.inf:
            threshold = 0.0
        scale = relative_scale(bias - threshold)
        if all(abs(coefficients[c] - scale) < 1e-3 for c in unfitted):
            break
        coefficients.update(dict.fromkeys(unfitted, scale))
    sources = sorted({e.row["source"] for e in examples})
    weights = Weights(
        bias=bias - threshold,
        coefficients=coefficients,
        meta={
            **(meta or {}),
            "sources": sources,
            "rows": len(examples),
            "flags": int(y.sum()),
            "target_precision": target_precision,
            "threshold_logit": round(threshold, 4),
            "training_precision": round(precision, 4),
            "training_recall": round(recall, 4),
            "min_support": MIN_SUPPORT,
            "unfitted": sorted(unfitted),
        },
    )
    return Fitted(model=train_model(examples), weights=weights)


def relative_scale(bias: float) -> float:
    """The coefficient keeping an unfitted code's hand-set weight relative to the bias.

    At the hand-set scale a reason alone holds a reply when its raw weight beats
    ``-DEFAULT_BIAS``; scaled by ``bias / DEFAULT_BIAS`` it beats ``-bias`` exactly then.
    Kept within [0.25, 4] so that an odd fit cannot zero or blow up a rule.
    """
    return max(0.25, min(4.0, bias / DEFAULT_BIAS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m forum.spamfilter.training.fit", description=__doc__
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"folder holding real/*.jsonl (default: ${DATA_DIR_VARIABLE}, else"
        " ../shared/spam-data beside the repository, else the package data/)",
    )
    parser.add_argument("--precision", type=float, default=TARGET_PRECISION)
    parser.add_argument("--output", type=Path, default=WEIGHTS_PATH)
    parser.add_argument(
        "--model-output",
        type=Path,
        default=None,
        help=f"text model counts (default: {COUNTS_PATH.name} next to --output)",
    )
    args = parser.parse_args(argv)

    data_dir = args.data or default_data_dir()
    real = load_real(data_dir)
    # The invented corpus's "train" split joins the real rows: it holds the abuse families
    # (contact requests in disguise, promotion) the real sources have few of; its heldout
    # split stays out as the regression guard.
    rows = real + load_invented("train") if real else training_rows(data_dir)
    if real:
        counts = {
            s: sum(r["source"] == s for r in real) for s in sorted({r["source"] for r in real})
        }
        fitted_on = (
            f"real labelled replies, {len(real)} rows ("
            + ", ".join(f"{s} {n}" for s, n in counts.items())
            + f"), plus the invented corpus's train split ({len(rows) - len(real)} rows);"
            " third-party data kept outside the repository, see data/real/README.md"
        )
    else:
        print(
            f"note: no real data in {data_dir / 'real'} (set ${DATA_DIR_VARIABLE} or put the rows"
            " in ../shared/spam-data); fitting on the invented corpus's train split"
        )
        fitted_on = f"{INVENTED} corpus, train split (no real data yet)"
    fitted = fit(prepare(rows), args.precision, meta={"fitted_on": fitted_on})
    args.output.write_text(
        json.dumps(fitted.weights.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    model_output = args.model_output or args.output.parent / COUNTS_PATH.name
    kept = write_counts(fitted.model, model_output, fitted_on)
    meta = fitted.weights.meta
    print(f"Fitted on {meta['rows']} rows ({fitted_on}); sources: {', '.join(meta['sources'])}")
    print(
        f"Operating point: logit {meta['threshold_logit']:+.3f}, training precision "
        f"{meta['training_precision']:.3f}, recall {meta['training_recall']:.3f}"
    )
    print(f"bias {fitted.weights.bias:+.3f}")
    if meta["unfitted"]:
        print(
            f"Not fitted (fired on fewer than {MIN_SUPPORT} rows that may speak for them; hand-set"
            f" weight relative to the bias): {', '.join(meta['unfitted'])}"
        )
    for code, value in sorted(fitted.weights.coefficients.items(), key=lambda kv: -kv[1]):
        print(f"  {code:<20} {value:6.3f}")
    print(f"Wrote {args.output} and {model_output} ({kept} text-model features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

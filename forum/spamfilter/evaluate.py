"""Measure the filter on the bundled corpus: ``python -m forum.spamfilter.evaluate``.

Trains the model on the "train" split only, then classifies the "heldout" split the way the
site would see it: every corpus row is fed to a ``DuplicateIndex`` in file order (train rows
stand for what the site already holds), and each held-out reply is told how many other
threads already hold a near-duplicate. "Positive" means hidden (spam or low_value).

Latency is measured around ``classify()`` alone, over several rounds, with the per-thread
cache emptied before each round so that thread analysis is included.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter

from .corpus import load_corpus, reply_from_row, thread_key
from .duplicates import DuplicateIndex
from .filter import SpamFilter
from .model import train_default_model
from .records import Reply, Verdict
from .relevance import thread_terms

LABELS = ("ok", "low_value", "spam")
TIMING_ROUNDS = 20


def main() -> int:
    started = time.perf_counter()
    model = train_default_model()
    training_ms = (time.perf_counter() - started) * 1000
    spam_filter = SpamFilter(model=model)

    rows = load_corpus()
    index = DuplicateIndex()
    cases: list[tuple[dict, Reply]] = []
    for row in rows:
        thread = thread_key(row)
        if row.get("split") == "heldout":
            duplicates = index.count_elsewhere(row["text"], thread)
            cases.append((row, reply_from_row(row, duplicates)))
        index.add(row["text"], thread)

    verdicts = [spam_filter.classify(reply) for _, reply in cases]
    timings = _time_calls(spam_filter, [reply for _, reply in cases])

    print(f"Trained on {len(rows) - len(cases)} train rows in {training_ms:.0f} ms")
    print(f"Held-out replies: {len(cases)}\n")
    _print_scores(cases, verdicts)
    _print_confusion(cases, verdicts)
    _print_mistakes(cases, verdicts)
    median = statistics.median(timings)
    p99 = sorted(timings)[int(0.99 * (len(timings) - 1))]
    print(
        f"\nclassify() time over {len(timings)} calls: median {median:.3f} ms, p99 {p99:.3f} ms"
    )
    return 0


def _is_hidden(label: str) -> bool:
    return label != "ok"


def _print_scores(cases: list[tuple[dict, Reply]], verdicts: list[Verdict]) -> None:
    outcome = Counter(
        (_is_hidden(row["label"]), _is_hidden(verdict.label))
        for (row, _), verdict in zip(cases, verdicts)
    )
    tp, fp, fn = outcome[(True, True)], outcome[(False, True)], outcome[(True, False)]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print("spam+low_value vs ok:")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"  (true positives {tp}, false positives {fp}, false negatives {fn})\n")


def _print_confusion(cases: list[tuple[dict, Reply]], verdicts: list[Verdict]) -> None:
    table = Counter((row["label"], verdict.label) for (row, _), verdict in zip(cases, verdicts))
    print("confusion (rows: corpus label, columns: verdict)")
    print(f"  {'':>10}" + "".join(f"{label:>11}" for label in LABELS))
    for truth in LABELS:
        cells = "".join(f"{table[(truth, guess)]:>11}" for guess in LABELS)
        print(f"  {truth:>10}{cells}")


def _print_mistakes(cases: list[tuple[dict, Reply]], verdicts: list[Verdict]) -> None:
    mistakes = [
        (row, verdict)
        for (row, _), verdict in zip(cases, verdicts)
        if _is_hidden(row["label"]) != _is_hidden(verdict.label)
    ]
    print(f"\nmisclassified held-out replies: {len(mistakes)}")
    for row, verdict in mistakes:
        text = " ".join(row["text"].split())
        print(f"  {row['id']} [{row['label']}/{row.get('category', '')}] -> {verdict.label}")
        print(f"      {text[:200]}")
        reasons = ", ".join(f"{r.code} {r.weight:+.2f}" for r in verdict.reasons)
        print(f"      score {verdict.score:.2f}: {reasons}")


def _time_calls(spam_filter: SpamFilter, replies: list[Reply]) -> list[float]:
    timings: list[float] = []
    for _ in range(TIMING_ROUNDS):
        thread_terms.cache_clear()
        for reply in replies:
            started = time.perf_counter_ns()
            spam_filter.classify(reply)
            timings.append((time.perf_counter_ns() - started) / 1e6)
    return timings


if __name__ == "__main__":
    sys.exit(main())

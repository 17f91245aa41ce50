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
from dataclasses import dataclass

from .corpus import load_corpus, reply_from_row, thread_key
from .duplicates import DuplicateIndex
from .filter import SpamFilter
from .model import train_default_model
from .records import Reply, Verdict
from .relevance import thread_terms

LABELS = ("ok", "low_value", "spam")
TIMING_ROUNDS = 20


@dataclass(frozen=True)
class Report:
    training_ms: float
    rows: list[dict]  # the held-out rows, in corpus order
    verdicts: list[Verdict]
    timings_ms: list[float]

    def count(self, hidden_truth: bool, hidden_verdict: bool) -> int:
        return sum(
            1
            for row, verdict in zip(self.rows, self.verdicts, strict=True)
            if _is_hidden(row["label"]) == hidden_truth
            and _is_hidden(verdict.label) == hidden_verdict
        )

    @property
    def precision(self) -> float:
        tp, fp = self.count(True, True), self.count(False, True)
        return tp / (tp + fp) if tp + fp else 0.0

    @property
    def recall(self) -> float:
        tp, fn = self.count(True, True), self.count(True, False)
        return tp / (tp + fn) if tp + fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def mistakes(self) -> list[tuple[dict, Verdict]]:
        return [
            (row, verdict)
            for row, verdict in zip(self.rows, self.verdicts, strict=True)
            if _is_hidden(row["label"]) != _is_hidden(verdict.label)
        ]


def evaluate(timing_rounds: int = TIMING_ROUNDS) -> Report:
    """Train on "train", classify "heldout" and time ``timing_rounds`` passes of classify()."""
    started = time.perf_counter()
    model = train_default_model()
    training_ms = (time.perf_counter() - started) * 1000
    spam_filter = SpamFilter(model=model)

    index = DuplicateIndex()
    rows: list[dict] = []
    replies: list[Reply] = []
    for row in load_corpus():
        thread = thread_key(row)
        if row.get("split") == "heldout":
            rows.append(row)
            replies.append(reply_from_row(row, index.count_elsewhere(row["text"], thread)))
        index.add(row["text"], thread)

    verdicts = [spam_filter.classify(reply) for reply in replies]
    timings: list[float] = []
    for _ in range(timing_rounds):
        thread_terms.cache_clear()
        for reply in replies:
            started_ns = time.perf_counter_ns()
            spam_filter.classify(reply)
            timings.append((time.perf_counter_ns() - started_ns) / 1e6)
    return Report(training_ms, rows, verdicts, timings)


def main() -> int:
    report = evaluate(TIMING_ROUNDS)
    print(f"Trained the model on the train split in {report.training_ms:.0f} ms")
    print(f"Held-out replies: {len(report.rows)}\n")
    print("spam+low_value (hidden) vs ok:")
    print(f"  precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}")
    tp, fp = report.count(True, True), report.count(False, True)
    fn, tn = report.count(True, False), report.count(False, False)
    print(
        f"  true positives {tp}, false positives {fp}, false negatives {fn}, true negatives {tn}\n"
    )
    _print_confusion(report)
    _print_mistakes(report)
    timings = sorted(report.timings_ms)
    median = statistics.median(timings)
    p99 = timings[int(0.99 * (len(timings) - 1))]
    print(f"\nclassify() time over {len(timings)} calls: median {median:.3f} ms, p99 {p99:.3f} ms")
    return 0


def _is_hidden(label: str) -> bool:
    return label != "ok"


def _print_confusion(report: Report) -> None:
    table = Counter(
        (row["label"], v.label) for row, v in zip(report.rows, report.verdicts, strict=True)
    )
    print("confusion (rows: corpus label, columns: verdict)")
    print(f"  {'':>10}" + "".join(f"{label:>11}" for label in LABELS))
    for truth in LABELS:
        print(f"  {truth:>10}" + "".join(f"{table[(truth, guess)]:>11}" for guess in LABELS))


def _print_mistakes(report: Report) -> None:
    print(f"\nmisclassified held-out replies: {len(report.mistakes)}")
    for row, verdict in report.mistakes:
        text = " ".join(row["text"].split())
        print(f"  {row['id']} [{row['label']}/{row.get('category', '')}] -> {verdict.label}")
        print(f"      {text[:200]}")
        reasons = ", ".join(f"{r.code} {r.weight:+.2f}" for r in verdict.reasons)
        print(f"      score {verdict.score:.2f}: {reasons}")


if __name__ == "__main__":
    sys.exit(main())

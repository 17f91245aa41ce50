"""Measure the filter so that it cannot fool itself: ``python -m forum.spamfilter.evaluate``.

Three sets of figures, never mixed:

1. **Leave one source out** (real data, ``data/real/*.jsonl``): for each source, fit the text
   model, the weights and the operating point on all the *other* sources, then classify that
   one. This is the figure that says how the filter does on replies from a site it never saw.
2. **Pooled cross-validation** (real data): five folds over all real rows, grouped by thread,
   fitted the same way on four folds and tested on the fifth. Usually kinder than (1).
3. **Invented corpus**: written by the project, so a regression guard for the rules, not
   evidence. Classified by the shipped weights and model; when those were themselves fitted on
   the invented "train" split (no real data yet), only its "heldout" split is reported.

"Flag" means held (``low_value`` or ``spam``). Timing: ``classify()`` alone over normal replies
(median, p99) and over 30,000-character adversarial bodies (confusables, zero-width and
bidirectional characters, mixed scripts, spam at the very end).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import DATA_DIR, load_invented, load_real, thread_of
from .filter import SpamFilter
from .records import Reply
from .relevance import thread_terms
from .weights import shipped_weights

TIMING_ROUNDS = 5
CV_FOLDS = 5
INVENTED_NOTE = "written by the project: a regression guard, not evidence"


@dataclass
class Tally:
    """Confusion counts for flags; ``mistakes`` keeps the misclassified rows for the report."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    mistakes: list[tuple[dict, str]] = field(default_factory=list)

    def add(self, row: dict, verdict_label: str) -> None:
        truth, held = row["label"] != "ok", verdict_label != "ok"
        if truth and held:
            self.tp += 1
        elif held:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1
        if truth != held:
            self.mistakes.append((row, verdict_label))

    def __iadd__(self, other: Tally) -> Tally:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        self.mistakes += other.mistakes
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def held_ok_rate(self) -> float:
        """Share of legitimate replies held: the costly error."""
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def line(self, name: str) -> str:
        rows = self.tp + self.fp + self.fn + self.tn
        return (
            f"  {name:<28} rows {rows:>5}  flags {self.tp + self.fn:>5}  precision "
            f"{self.precision:.3f}  recall {self.recall:.3f}  ok held {self.held_ok_rate:.3f}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def run_fold(train_rows: Sequence[dict], test_rows: Sequence[dict], precision: float) -> Tally:
    """Fit on ``train_rows`` (as ``fit`` does) and classify ``test_rows``."""
    from .fit import fit, prepare

    # Analyse both together, in order, so duplicates count as the site would see them.
    examples = prepare([*train_rows, *test_rows])
    fitted = fit(examples[: len(train_rows)], precision)
    spam_filter = SpamFilter(model=fitted.model, weights=fitted.weights)
    tally = Tally()
    for example in examples[len(train_rows) :]:
        tally.add(example.row, spam_filter.classify(example.reply).label)
    return tally


def leave_one_source_out(rows: Sequence[dict], precision: float) -> dict[str, Tally]:
    sources = sorted({row["source"] for row in rows})
    if len(sources) < 2:
        return {}
    return {
        source: run_fold(
            [r for r in rows if r["source"] != source],
            [r for r in rows if r["source"] == source],
            precision,
        )
        for source in sources
    }


def pooled_cross_validation(rows: Sequence[dict], precision: float, folds: int = CV_FOLDS):
    from sklearn.model_selection import GroupKFold

    groups = [thread_of(row) for row in rows]
    n_splits = min(folds, len(set(groups)))
    total = Tally()
    if n_splits < 2:
        return total
    for train_idx, test_idx in GroupKFold(n_splits=n_splits).split(rows, groups=groups):
        total += run_fold([rows[i] for i in train_idx], [rows[i] for i in test_idx], precision)
    return total


def invented_regression(fitted_on_invented: bool) -> tuple[Tally, str]:
    from .fit import prepare

    rows = load_invented()
    if fitted_on_invented:
        keep = {row["id"] for row in rows if row.get("split") == "heldout"}
        scope = 'the "heldout" split (the shipped weights were fitted on its "train" split)'
    else:
        keep = {row["id"] for row in rows}
        scope = "all rows"
    spam_filter = SpamFilter()
    tally = Tally()
    for example in prepare(rows):
        if example.row["id"] in keep:
            tally.add(example.row, spam_filter.classify(example.reply).label)
    return tally, scope


def adversarial_bodies(count: int = 20, length: int = 30_000, seed: int = 11) -> list[Reply]:
    """Long hostile bodies with spam hidden at the end (for timing and for tests)."""
    rng = random.Random(seed)
    pieces = [
        "The Soviet tanks at Khalkhin Gol outnumbered the Japanese armour. ",
        "Wr\u200b1te t0 m3 1n Р.М ",
        "\u202eretteb si siht\u202c ",
        "Цепь chain 链条 سلسلة ",
        "ｆｕｌｌｗｉｄｔｈ ",
        "a." * 20,
        "@" * 30 + " ",
        "www." * 10 + " ",
    ]
    bodies = []
    for _ in range(count):
        text = "".join(rng.choice(pieces) for _ in range(length // 20))[: length - 80]
        bodies.append(
            Reply(
                text=text + " Cheap essays: visit best-essays . com, whatsapp +44 7700 900123",
                kind="answer",
                thread_title="How did the Soviets win at Khalkhin Gol?",
                thread_body="The Red Army was weak in 1939; how then did it win?",
            )
        )
    return bodies


def timings(replies: Sequence[Reply], rounds: int) -> list[float]:
    spam_filter = SpamFilter()
    found: list[float] = []
    for _ in range(rounds):
        thread_terms.cache_clear()
        for reply in replies:
            started = time.perf_counter_ns()
            spam_filter.classify(reply)
            found.append((time.perf_counter_ns() - started) / 1e6)
    return sorted(found)


def percentile(values: Sequence[float], q: float) -> float:
    return values[int(q * (len(values) - 1))] if values else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m forum.spamfilter.evaluate")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="folder holding real/*.jsonl")
    parser.add_argument("--precision", type=float, default=0.98, help="operating point target")
    parser.add_argument("--rounds", type=int, default=TIMING_ROUNDS, help="timing rounds")
    parser.add_argument("--mistakes", type=int, default=10, help="mistakes shown per set")
    args = parser.parse_args(argv)

    weights = shipped_weights()
    real = load_real(args.data)
    print("Flags = replies held (low_value or spam); ok held = share of legitimate replies held.")
    print(f"Shipped weights fitted on: {weights.meta.get('fitted_on', 'hand-set scale')}\n")
    if real:
        sources = sorted({row["source"] for row in real})
        print(f"REAL DATA: {len(real)} rows from {len(sources)} sources ({args.data / 'real'})")
        loso = leave_one_source_out(real, args.precision)
        print("1. Leave one source out (fit on the others, test on this one):")
        total = Tally()
        for source, tally in loso.items():
            print(tally.line(source))
            total += tally
        if loso:
            print(total.line("all held-out sources"))
        else:
            print("  needs at least two sources")
        print(f"2. Pooled {CV_FOLDS}-fold cross-validation, grouped by thread:")
        pooled = pooled_cross_validation(real, args.precision)
        print(pooled.line("pooled"))
        _print_mistakes(total if loso else pooled, args.mistakes)
    else:
        print(f"REAL DATA: none in {args.data / 'real'}; no figure below is evidence.")

    fitted_on_invented = not str(weights.meta.get("fitted_on", "")).startswith("real")
    tally, scope = invented_regression(fitted_on_invented)
    print(f"\n3. Invented corpus ({INVENTED_NOTE}), {scope}:")
    print(tally.line("invented"))
    _print_mistakes(tally, args.mistakes)

    normal = [_reply(row) for row in (real or load_invented())[:2000]]
    normal_ms = timings(normal, args.rounds)
    hostile_ms = timings(adversarial_bodies(), max(1, args.rounds))
    print(
        f"\nclassify() time, {len(normal_ms)} calls on replies: median "
        f"{statistics.median(normal_ms):.3f} ms, p99 {percentile(normal_ms, 0.99):.3f} ms"
    )
    print(
        f"classify() time, {len(hostile_ms)} calls on 30,000-character adversarial bodies: "
        f"median {statistics.median(hostile_ms):.3f} ms, p99 {percentile(hostile_ms, 0.99):.3f} ms"
    )
    return 0


def _reply(row: dict) -> Reply:
    from .corpus import reply_from_row

    return reply_from_row(row)


def _print_mistakes(tally: Tally, limit: int) -> None:
    if not tally.mistakes or limit <= 0:
        return
    print(f"  first {min(limit, len(tally.mistakes))} of {len(tally.mistakes)} mistakes:")
    for row, label in tally.mistakes[:limit]:
        text = " ".join(row["text"].split())[:110]
        print(f"    {row['source']}:{row['id']} [{row['label']} -> {label}] {text}")


if __name__ == "__main__":
    sys.exit(main())

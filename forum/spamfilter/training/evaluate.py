"""Measure the filter so that it cannot fool itself.

``python -m forum.spamfilter.training.evaluate``

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

from ..filter import SpamFilter
from ..records import Reply
from ..relevance import thread_terms
from ..weights import shipped_weights
from .dataset import DATA_DIR_VARIABLE, default_data_dir, load_invented, load_real, thread_of
from .fit import Example, prepare

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


def fold_verdicts(
    train: Sequence[Example], test: Sequence[Example], precision: float
) -> list[tuple[dict, str]]:
    """Fit on ``train`` (as ``fit`` does) and label each row of ``test``."""
    from .fit import fit

    fitted = fit(train, precision)
    spam_filter = SpamFilter(model=fitted.model, weights=fitted.weights)
    return [
        (example.row, spam_filter.classify_analysed(example.doc, example.raw).label)
        for example in test
    ]


def run_fold(train: Sequence[Example], test: Sequence[Example], precision: float) -> Tally:
    tally = Tally()
    for row, label in fold_verdicts(train, test, precision):
        tally.add(row, label)
    return tally


def leave_one_source_out(examples: Sequence[Example], precision: float) -> dict[str, Tally]:
    sources = sorted({e.row["source"] for e in examples})
    if len(sources) < 2:
        return {}
    return {
        source: run_fold(
            [e for e in examples if e.row["source"] != source],
            [e for e in examples if e.row["source"] == source],
            precision,
        )
        for source in sources
    }


def pooled_cross_validation(
    examples: Sequence[Example], precision: float, folds: int = CV_FOLDS
) -> dict[str, Tally]:
    """Per-source tallies of grouped k-fold cross-validation over every source at once."""
    from sklearn.model_selection import GroupKFold

    groups = [thread_of(e.row) for e in examples]
    n_splits = min(folds, len(set(groups)))
    per_source: dict[str, Tally] = {}
    if n_splits < 2:
        return per_source
    for train_idx, test_idx in GroupKFold(n_splits=n_splits).split(examples, groups=groups):
        train, test = [examples[i] for i in train_idx], [examples[i] for i in test_idx]
        for row, label in fold_verdicts(train, test, precision):
            per_source.setdefault(row["source"], Tally()).add(row, label)
    return dict(sorted(per_source.items()))


def invented_regression(fitted_on_invented: bool) -> tuple[Tally, str]:
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
            verdict = spam_filter.classify_analysed(example.doc, example.raw)
            tally.add(example.row, verdict.label)
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


def timings(replies: Sequence[Reply], rounds: int, clock=time.perf_counter_ns) -> list[float]:
    """Milliseconds per ``classify()``, sorted; ``clock=time.thread_time_ns`` counts CPU time.

    Wall-clock time on a shared machine includes other processes' turns; CPU time does not,
    so the report gives both.
    """
    spam_filter = SpamFilter()
    found: list[float] = []
    for _ in range(rounds):
        thread_terms.cache_clear()
        for reply in replies:
            started = clock()
            spam_filter.classify(reply)
            found.append((clock() - started) / 1e6)
    return sorted(found)


def percentile(values: Sequence[float], q: float) -> float:
    return values[int(q * (len(values) - 1))] if values else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m forum.spamfilter.training.evaluate")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"folder holding real/*.jsonl (default: ${DATA_DIR_VARIABLE}, else the package data/)",
    )
    parser.add_argument("--precision", type=float, default=0.98, help="operating point target")
    parser.add_argument("--rounds", type=int, default=TIMING_ROUNDS, help="timing rounds")
    parser.add_argument("--mistakes", type=int, default=10, help="mistakes shown per set")
    args = parser.parse_args(argv)
    data_dir = args.data or default_data_dir()

    weights = shipped_weights()
    real = load_real(data_dir)
    print("Flags = replies held (low_value or spam); ok held = share of legitimate replies held.")
    print(f"Shipped weights fitted on: {weights.meta.get('fitted_on', 'hand-set scale')}\n")
    if real:
        sources = sorted({row["source"] for row in real})
        print(f"REAL DATA: {len(real)} rows from {len(sources)} sources ({data_dir / 'real'})")
        # Each row is analysed once, in file order, so that near-duplicates count as the
        # site would have seen them; every fold reuses the analysis.
        examples = prepare(real)
        loso = leave_one_source_out(examples, args.precision)
        print("1. Leave one source out (fit on the others, test on this one):")
        total = Tally()
        for source, tally in loso.items():
            print(tally.line(source))
            total += tally
        if loso:
            print(total.line("all held-out sources"))
        else:
            print("  needs at least two sources")
        print(
            f"2. Pooled {CV_FOLDS}-fold cross-validation, grouped by thread (rows of every source):"
        )
        pooled = Tally()
        for source, tally in pooled_cross_validation(examples, args.precision).items():
            print(tally.line(source))
            pooled += tally
        print(pooled.line("pooled"))
        _print_mistakes(total if loso else pooled, args.mistakes)
    else:
        print(
            f"REAL DATA: none in {data_dir / 'real'} (set ${DATA_DIR_VARIABLE} or pass --data);"
            " only the invented regression set is measured and no figure below is evidence."
        )

    fitted_on_invented = not str(weights.meta.get("fitted_on", "")).startswith("real")
    tally, scope = invented_regression(fitted_on_invented)
    print(f"\n3. Invented corpus ({INVENTED_NOTE}), {scope}:")
    print(tally.line("invented"))
    _print_mistakes(tally, args.mistakes)

    sample = real or load_invented()
    normal = [_reply(row) for row in sample[:: max(1, len(sample) // 2000)][:2000]]
    print()
    hostile = adversarial_bodies()
    for name, replies, rounds in (
        (f"{len(normal)} replies", normal, args.rounds),
        ("30,000-character adversarial bodies", hostile, max(1, args.rounds)),
    ):
        wall = timings(replies, rounds)
        cpu = timings(replies, rounds, clock=time.thread_time_ns)
        print(
            f"classify() time, {len(wall)} calls on {name}: median {statistics.median(wall):.3f}"
            f" ms, p99 {percentile(wall, 0.99):.3f} ms (CPU time: median"
            f" {statistics.median(cpu):.3f} ms, p99 {percentile(cpu, 0.99):.3f} ms)"
        )
    return 0


def _reply(row: dict) -> Reply:
    from ..corpus import reply_from_row

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

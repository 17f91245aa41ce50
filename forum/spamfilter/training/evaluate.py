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

Every set is reported **by outcome**, as the forum would treat each reply (``outcome.decide``,
the rule ``forum/moderation/outcomes.py`` calls, minus the campaign check, which needs the
database): *publish*, *fold* (chatter, shown collapsed), *hold*, *hide*. "Held" below
means hold or hide (out of everyone's view until a moderator acts). "Flag" in the confusion
counts means held. ``--quick`` (CI) samples each source and fits fewer folds.

Timing: ``classify()`` alone over normal replies (median, p99) and over 30,000-character
adversarial bodies (confusables, zero-width and bidirectional characters, mixed scripts, spam at
the very end).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..filter import SpamFilter
from ..outcome import decide
from ..records import RecordRule, Reply, Thresholds, Verdict
from ..relevance import thread_terms
from ..weights import shipped_weights
from .dataset import DATA_DIR_VARIABLE, default_data_dir, load_invented, load_real, thread_of
from .fit import Example, prepare

TIMING_ROUNDS = 5
CV_FOLDS = 5
INVENTED_NOTE = "written by the project: a regression guard, not evidence"
OUTCOMES = ("publish", "fold", "hold", "hide")
# The site's settings (forum/settings/base.py SPAM_FILTER_THRESHOLDS and FORUM_MEMBER_RECORD),
# repeated here because the filter's package never reads Django settings; a test keeps them equal.
SITE_THRESHOLDS = Thresholds(low_value=0.5, spam=0.8)
SITE_RECORD_RULE = RecordRule(min_account_days=30, min_reputation=10, min_approved_posts=3)
QUICK_ROWS_PER_SOURCE = 400
QUICK_CV_FOLDS = 2


def _decided(reply: Reply, verdict: Verdict) -> str:
    """The outcome posting would give ``reply`` (``outcome.decide``), campaign check aside."""
    return decide(
        verdict, reply.author, SITE_RECORD_RULE, may_fold=reply.kind != "question"
    ).outcome


@dataclass
class Tally:
    """Confusion counts for flags; ``mistakes`` keeps the misclassified rows for the report."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    mistakes: list[tuple[dict, str]] = field(default_factory=list)
    # (true label, outcome) -> rows; true label is "ok" or "flag".
    outcomes: Counter = field(default_factory=Counter)

    def add(self, row: dict, verdict_label: str, outcome: str | None = None) -> None:
        """Count one verdict; ``outcome`` (default: held when flagged) for the outcome table."""
        truth, held = row["label"] != "ok", verdict_label != "ok"
        if outcome is None:
            outcome = "hide" if verdict_label == "spam" else "hold" if held else "publish"
        self.outcomes[("flag" if truth else "ok", outcome)] += 1
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
        self.outcomes += other.outcomes
        return self

    def share(self, truth: str, outcomes: tuple[str, ...]) -> tuple[float, int]:
        """The share of ``truth`` rows ("ok" or "flag") whose outcome is one of ``outcomes``."""
        total = sum(self.outcomes[(truth, o)] for o in OUTCOMES)
        hits = sum(self.outcomes[(truth, o)] for o in outcomes)
        return (hits / total if total else 0.0), total

    def outcome_line(self, name: str) -> str:
        ok_held, ok_rows = self.share("ok", ("hold", "hide"))
        ok_folded, _ = self.share("ok", ("fold",))
        flag_held, flag_rows = self.share("flag", ("hold", "hide"))
        flag_out, _ = self.share("flag", ("fold", "hold", "hide"))
        counts = " ".join(
            f"{t}:{'/'.join(str(self.outcomes[(t, o)]) for o in OUTCOMES)}" for t in ("ok", "flag")
        )
        return (
            f"  {name:<22} {ok_rows:>5} {ok_held:>7.1%} {ok_folded:>7.1%}  {flag_rows:>5}"
            f" {flag_held:>7.1%} {flag_out:>7.1%}   {counts}"
        )

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
) -> list[tuple[dict, str, str]]:
    """Fit on ``train`` (as ``fit`` does); each row of ``test`` with its label and outcome."""
    from .fit import fit

    fitted = fit(train, precision)
    spam_filter = SpamFilter(model=fitted.model, weights=fitted.weights, thresholds=SITE_THRESHOLDS)
    found = []
    for example in test:
        verdict = spam_filter.classify_analysed(example.doc, example.raw)
        found.append((example.row, verdict.label, _decided(example.reply, verdict)))
    return found


def run_fold(train: Sequence[Example], test: Sequence[Example], precision: float) -> Tally:
    tally = Tally()
    for row, label, outcome in fold_verdicts(train, test, precision):
        tally.add(row, label, outcome)
    return tally


def leave_one_source_out(
    examples: Sequence[Example], precision: float, extra_train: Sequence[Example] = ()
) -> dict[str, Tally]:
    """Per held-out source; ``extra_train`` (the invented train split) joins every training
    side, as in ``fit``'s shipped fit, and is never tested."""
    sources = sorted({e.row["source"] for e in examples})
    if len(sources) < 2:
        return {}
    return {
        source: run_fold(
            [e for e in examples if e.row["source"] != source] + list(extra_train),
            [e for e in examples if e.row["source"] == source],
            precision,
        )
        for source in sources
    }


def pooled_cross_validation(
    examples: Sequence[Example],
    precision: float,
    folds: int = CV_FOLDS,
    extra_train: Sequence[Example] = (),
) -> dict[str, Tally]:
    """Per-source tallies of grouped k-fold cross-validation over every source at once."""
    from sklearn.model_selection import GroupKFold

    groups = [thread_of(e.row) for e in examples]
    n_splits = min(folds, len(set(groups)))
    per_source: dict[str, Tally] = {}
    if n_splits < 2:
        return per_source
    for train_idx, test_idx in GroupKFold(n_splits=n_splits).split(examples, groups=groups):
        train = [examples[i] for i in train_idx] + list(extra_train)
        test = [examples[i] for i in test_idx]
        for row, label, outcome in fold_verdicts(train, test, precision):
            per_source.setdefault(row["source"], Tally()).add(row, label, outcome)
    return dict(sorted(per_source.items()))


def invented_regression(fitted_on_invented: bool) -> tuple[Tally, str]:
    rows = load_invented()
    if fitted_on_invented:
        keep = {row["id"] for row in rows if row.get("split") == "heldout"}
        scope = 'the "heldout" split (the shipped weights were fitted on its "train" split)'
    else:
        keep = {row["id"] for row in rows}
        scope = "all rows"
    spam_filter = SpamFilter(thresholds=SITE_THRESHOLDS)
    tally = Tally()
    for example in prepare(rows):
        if example.row["id"] in keep:
            verdict = spam_filter.classify_analysed(example.doc, example.raw)
            tally.add(example.row, verdict.label, _decided(example.reply, verdict))
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


HEADER = """\
By outcome, as the forum would treat each reply (forum/spamfilter/outcome.py's decide, which
posting calls too, without the campaign check, which needs the database; site thresholds
low_value 0.5, spam 0.8; a member with a record = account 30+ days old with 10+ reputation or 3+
approved posts, from each row's author facts; rows without author facts are judged on their
text alone, as from an account with no record):
  strong evidence of abuse (spam) -> hide; clear evidence of abuse, or weaker evidence when
  flagged -> hold; chatter or flagged text that nothing ties to the thread, from an account with
  no record and nothing approved -> hold (spinner text); chatter or text flagged on wording alone
  from a member, an account with approved posts, or tied to the thread -> fold; a reply that
  only acknowledges someone (got it, sorry, congrats, see my edit) from a member or an account
  with approved posts -> fold (never held for it); else publish.
Columns: ok = real replies labelled ok: share held (hold or hide), share folded.
  flag = rows labelled flag: share held; share kept out of the default view (held or folded).
  On the Stack Exchange sources (se_*) "flag" rows are chatter (thanks, +1, bare praise);
  on tg_spam and sms_spam they are spam. Counts: publish/fold/hold/hide per label."""


def _table_head() -> str:
    return (
        f"  {'source':<22} {'ok':>5} {'held':>7} {'folded':>7}  {'flag':>5} {'held':>7}"
        f" {'out':>7}   counts ok:p/f/h/x flag:p/f/h/x"
    )


def quick_sample(rows: Sequence[dict], per_source: int) -> list[dict]:
    """Up to ``per_source`` rows of each source, the same ones every run, in file order.

    Whole threads are kept or dropped together (by a stable hash of the thread), so that
    near-duplicates within a thread stay as the site saw them.
    """
    import zlib

    threads: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        threads.setdefault(row["source"], {}).setdefault(thread_of(row), []).append(row)
    keep: set[int] = set()
    for by_thread in threads.values():
        taken = 0
        for thread in sorted(by_thread, key=lambda t: zlib.crc32(t.encode())):
            if taken + len(by_thread[thread]) <= per_source:
                keep.update(id(row) for row in by_thread[thread])
                taken += len(by_thread[thread])
    return [row for row in rows if id(row) in keep]


def shipped_on(examples: Sequence[Example]) -> dict[str, Tally]:
    """Per-source tallies of the shipped weights and model, as the site runs them today."""
    spam_filter = SpamFilter(thresholds=SITE_THRESHOLDS)
    per_source: dict[str, Tally] = {}
    for example in examples:
        verdict = spam_filter.classify_analysed(example.doc, example.raw)
        per_source.setdefault(example.row["source"], Tally()).add(
            example.row, verdict.label, _decided(example.reply, verdict)
        )
    return dict(sorted(per_source.items()))


def _print_set(tallies: dict[str, Tally], total_name: str) -> Tally:
    print(_table_head())
    total = Tally()
    for source, tally in tallies.items():
        print(tally.outcome_line(source))
        total += tally
    if tallies:
        print(total.outcome_line(total_name))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m forum.spamfilter.training.evaluate")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"folder holding real/*.jsonl (default: ${DATA_DIR_VARIABLE}, else"
        " ../shared/spam-data beside the repository, else the package data/)",
    )
    parser.add_argument("--precision", type=float, default=0.98, help="operating point target")
    parser.add_argument("--rounds", type=int, default=TIMING_ROUNDS, help="timing rounds")
    parser.add_argument("--mistakes", type=int, default=10, help="mistakes shown per set")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"CI mode: {QUICK_ROWS_PER_SOURCE} rows per source (whole threads), pooled"
        f" {QUICK_CV_FOLDS}-fold, one timing round",
    )
    args = parser.parse_args(argv)
    data_dir = args.data or default_data_dir()
    folds = QUICK_CV_FOLDS if args.quick else CV_FOLDS
    rounds = 1 if args.quick else args.rounds

    weights = shipped_weights()
    real = load_real(data_dir)
    print(HEADER)
    print(f"Shipped weights fitted on: {weights.meta.get('fitted_on', 'hand-set scale')}\n")
    if real:
        sources = sorted({row["source"] for row in real})
        print(f"REAL DATA: {len(real)} rows from {len(sources)} sources ({data_dir / 'real'})")
        # Each row is analysed once, in file order, so that near-duplicates count as the
        # site would have seen them; every fold reuses the analysis.
        examples = prepare(real)
        print("0. Shipped weights and text model as the site runs them, on every real row:")
        _print_set(shipped_on(examples), "all real rows")
        if args.quick:
            sample = {id(row) for row in quick_sample(real, QUICK_ROWS_PER_SOURCE)}
            examples = [e for e in examples if id(e.row) in sample]
            print(
                f"QUICK: sections 1 and 2 fit on a sample of {len(examples)} rows (up to"
                f" {QUICK_ROWS_PER_SOURCE} per source, whole threads); run without --quick"
                " for the figures that decide."
            )
        invented_train = prepare(load_invented("train"))
        loso = leave_one_source_out(examples, args.precision, invented_train)
        print("1. Leave one source out (fit on the others, test on this one):")
        total = _print_set(loso, "all held-out sources")
        if not loso:
            print("  needs at least two sources")
        print(f"2. Pooled {folds}-fold cross-validation, grouped by thread (rows of every source):")
        pooled = _print_set(
            pooled_cross_validation(examples, args.precision, folds, invented_train), "pooled"
        )
        print("Confusion counts (flag = held):")
        print(total.line("leave one source out"))
        print(pooled.line("pooled"))
        _print_mistakes(total if loso else pooled, args.mistakes)
    else:
        print(
            f"REAL DATA: none in {data_dir / 'real'} (set ${DATA_DIR_VARIABLE}, pass --data, or"
            " put the rows in ../shared/spam-data); only the invented regression set is"
            " measured and no figure below is evidence."
        )

    # The fit uses the invented "train" split alone (no real data) or beside the real rows.
    fitted_on_invented = "invented" in weights.meta.get("sources", ()) or not str(
        weights.meta.get("fitted_on", "")
    ).startswith("real")
    tally, scope = invented_regression(fitted_on_invented)
    print(f"\n3. Invented corpus ({INVENTED_NOTE}), {scope}:")
    print("   Not evidence: the project wrote these rows itself; a change here means a rule moved.")
    print(_table_head())
    print(tally.outcome_line("invented"))
    print(tally.line("invented"))
    _print_mistakes(tally, args.mistakes)

    sample_rows = real or load_invented()
    count = 500 if args.quick else 2000
    normal = [_reply(row) for row in sample_rows[:: max(1, len(sample_rows) // count)][:count]]
    print()
    hostile = adversarial_bodies(5 if args.quick else 20)
    for name, replies in (
        (f"{len(normal)} replies", normal),
        ("30,000-character adversarial bodies", hostile),
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

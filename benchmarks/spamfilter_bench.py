"""Latency of the spam filter: ``python benchmarks/spamfilter_bench.py``.

Prints median and p99 time per ``classify()`` call for short, medium and long replies, the time
to train the default model, and the cost of ``fingerprint_keys`` (which the site computes for
every reply it stores). Figures only, no assertions: compare runs on the same machine.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forum.spamfilter import (
    AuthorFacts,
    Reply,
    SpamFilter,
    fingerprint_keys,
    train_default_model,
)
from forum.spamfilter.relevance import thread_terms
from forum.spamfilter.training.evaluate import adversarial_bodies

TITLE = "How to explain the Khalkhin Gol outcome in view of Soviet weakness?"
BODY = (
    "Conventional wisdom says that the USSR was very weak in 1939-41, in large part due to the "
    "purges, ideological interference in the armed forces and lack of equipment. So how then "
    "to explain the defeat of Japan at Khalkhin Gol in 1939?"
) * 3
SHORT = "Splendid post, bravo!"
MEDIUM = (
    "Zhukov concentrated 500 tanks against 135 Japanese ones and closed a double envelopment; "
    "the Japanese infantry had almost no anti-tank training. Source: Coox, Nomonhan (1985)."
)
LONG = (
    "The Soviets suffered mainly in comparison to the German forces, which were the best "
    "trained and led in the world. The Japanese distinguished themselves against poorly armed "
    "opponents, but when they met a modern, mechanised army with good tanks and a commander "
    "free to use them, the result was predictable. See https://en.wikipedia.org/wiki/Battles_of_Khalkhin_Gol.\n\n"
) * 12  # about 1,000 words

CALLS = 2000


def measure(label: str, spam_filter: SpamFilter, text: str, fresh_thread: bool) -> None:
    reply = Reply(
        text=text,
        kind="answer",
        thread_title=TITLE,
        thread_body=BODY,
        author=AuthorFacts(account_age_days=3, approved_posts=0, posts_last_hour=2),
    )
    spam_filter.classify(reply)  # warm-up
    timings = []
    for _ in range(CALLS):
        if fresh_thread:
            thread_terms.cache_clear()
        started = time.perf_counter_ns()
        spam_filter.classify(reply)
        timings.append((time.perf_counter_ns() - started) / 1e6)
    timings.sort()
    p99 = timings[int(0.99 * (len(timings) - 1))]
    cache = "thread analysed every call" if fresh_thread else "thread analysis cached"
    print(
        f"  {label:<7} {len(text):>6} chars  median {statistics.median(timings):7.3f} ms"
        f"  p99 {p99:7.3f} ms  ({cache})"
    )


def main() -> None:
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        model = train_default_model()
        runs.append((time.perf_counter() - started) * 1000)
    print(f"train_default_model(): median {statistics.median(runs):.1f} ms over {len(runs)} runs")

    spam_filter = SpamFilter(model=model)
    print(f"classify(), {CALLS} calls each:")
    for label, text in (("short", SHORT), ("medium", MEDIUM), ("long", LONG)):
        for fresh in (False, True):
            measure(label, spam_filter, text, fresh)

    spam_filter = SpamFilter(model=model)
    hostile = adversarial_bodies(20)
    timings = []
    for _ in range(5):
        for reply in hostile:
            started = time.perf_counter_ns()
            spam_filter.classify(reply)
            timings.append((time.perf_counter_ns() - started) / 1e6)
    timings.sort()
    print(
        f"  hostile 30,000 chars  median {statistics.median(timings):7.3f} ms"
        f"  p99 {timings[int(0.99 * (len(timings) - 1))]:7.3f} ms  (confusables, leetspeak, "
        "zero-width and RTL characters, spam at the end)"
    )

    for label, text in (("short", SHORT), ("long", LONG)):
        started = time.perf_counter()
        for _ in range(200):
            fingerprint_keys(text)
        per_call = (time.perf_counter() - started) / 200 * 1000
        print(f"fingerprint_keys() {label}: {per_call:.3f} ms per call")


if __name__ == "__main__":
    main()

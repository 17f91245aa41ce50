"""The seed thread's comments are a held-back test: no list or other test may be tuned to them.

Only ``test_seed.py`` may hold their wording (it reads them from the seed file). Their words may
sit in the package's word lists only where a named general source lists them
(``vocabulary.SOURCED_WORDS``).
"""

from __future__ import annotations

import re
from pathlib import Path

from forum.spamfilter.vocabulary import CUE_WORDS, GENERIC_WORDS, SOURCED_WORDS, STOPWORDS

from .test_seed import read_seed

ROOT = Path(__file__).resolve().parents[2]
CHECKED = [
    *sorted((ROOT / "forum" / "spamfilter").rglob("*.py")),
    *sorted((ROOT / "forum" / "spamfilter" / "data").glob("*.md")),
    *sorted(p for p in (ROOT / "tests" / "spamfilter").glob("*.py") if p.name != "test_seed.py"),
    ROOT / "benchmarks" / "spamfilter_bench.py",
]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:'[^\W_]+)?", text.lower().replace("’", "'"))


def seed_phrases() -> set[tuple[str, ...]]:
    """Every three-word sequence of a seed comment that holds a word other than grammar."""
    found = set()
    for _, text in read_seed()["comments"]:
        tokens = words(text)
        for i in range(len(tokens) - 2):
            phrase = tuple(tokens[i : i + 3])
            if any(token not in STOPWORDS for token in phrase):
                found.add(phrase)
    return found


def test_no_source_or_test_file_quotes_a_seed_comment():
    phrases = seed_phrases()
    quoting = {}
    for path in CHECKED:
        tokens = words(path.read_text(encoding="utf-8"))
        shared = {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)} & phrases
        if shared:
            quoting[path.name] = sorted(" ".join(p) for p in shared)
    assert not quoting


def test_seed_words_in_the_word_lists_come_from_named_sources():
    seed_words = {w for _, text in read_seed()["comments"] for w in words(text)}
    listed = {w for w in seed_words if w in CUE_WORDS or w in GENERIC_WORDS}
    assert listed <= SOURCED_WORDS, sorted(listed - SOURCED_WORDS)

"""Labelled replies for fitting and evaluation: real sources and the invented corpus.

Real data lives in ``data/real/*.jsonl``, one reply per line with the fields ``id``,
``source``, ``label`` (``flag`` or ``ok``), ``kind``, ``text``, ``thread_title``,
``thread_body``, ``parent_text``, ``lang`` and ``author`` (an object of ``AuthorFacts`` fields,
or null). Any number of files and sources may be there; ``source`` says where each row came
from, so evaluation can hold a whole source out.

The invented corpus (``data/corpus.jsonl``) was written by the project: it is a regression set
for the rules, never evidence of how the filter does on real replies. Its labels map to the
same two classes: ``spam`` and ``low_value`` are ``flag``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..corpus import load_corpus, read_json_lines

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DATA_DIR_VARIABLE = "SPAM_DATA_DIR"
# Beside the repository, never inside it: the real rows are third-party data (their LICENSES.md).
SHARED_DATA_DIR = Path(__file__).resolve().parents[4] / "shared" / "spam-data"
REAL_GLOB = "real/*.jsonl"
FLAG = "flag"
OK = "ok"
INVENTED = "invented"


def load_rows(paths: list[Path]) -> list[dict]:
    """Read labelled rows from JSON-lines files, normalised; bad lines raise with their place."""
    return [
        normalise(raw, default_source=path.stem) for path in paths for raw in read_json_lines(path)
    ]


def normalise(raw: dict, default_source: str = "unknown") -> dict:
    """A row with every field the filter reads, and ``label`` reduced to ``flag``/``ok``."""
    label = str(raw.get("label") or "")
    if label not in (FLAG, OK, "spam", "low_value"):
        raise ValueError(f"row {raw.get('id')!r}: unknown label {label!r}")
    row = {
        "id": str(raw.get("id") or ""),
        "source": str(raw.get("source") or default_source),
        "label": OK if label == OK else FLAG,
        "kind": raw.get("kind") or "comment",
        "text": raw.get("text") or "",
        "thread_title": raw.get("thread_title") or "",
        "thread_body": raw.get("thread_body") or "",
        "parent_text": raw.get("parent_text") or "",
        "lang": raw.get("lang") or "",
        "author": raw.get("author") if isinstance(raw.get("author"), dict) else None,
    }
    for extra in ("category", "split", "thread"):
        if extra in raw:
            row[extra] = raw[extra]
    return row


def default_data_dir() -> Path:
    """Where fitting and evaluation look for ``real/*.jsonl``.

    ``$SPAM_DATA_DIR`` when set; else ``shared/spam-data`` beside the repository (where the
    third-party rows live on the project's machines and in CI) when it holds real rows; else the
    package ``data/``, which holds none, so the caller says it measures the invented set alone.
    """
    configured = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if configured:
        return Path(configured)
    return SHARED_DATA_DIR if real_paths(SHARED_DATA_DIR) else DATA_DIR


def real_paths(data_dir: Path = DATA_DIR) -> list[Path]:
    return sorted(data_dir.glob(REAL_GLOB))


def load_real(data_dir: Path = DATA_DIR) -> list[dict]:
    """Every real labelled row, in file order (files sorted by name)."""
    return load_rows(real_paths(data_dir))


def load_invented(split: str | None = None) -> list[dict]:
    """The invented corpus as two-class rows, source ``invented``."""
    return [normalise({**row, "source": INVENTED}) for row in load_corpus(split)]


def training_rows(data_dir: Path = DATA_DIR) -> list[dict]:
    """What the shipped model and weights are fitted on: real rows, or else invented "train"."""
    return load_real(data_dir) or load_invented("train")


def thread_of(row: dict) -> str:
    """A row's thread: its ``thread`` field, else its source and title.

    A row with neither (a text message, a chat message) is a thread of its own: otherwise a
    whole threadless source would be one "thread", cross-fitting by thread would never let the
    text model see that source, and no copy within it would count as posted elsewhere.
    """
    if row.get("thread"):
        return str(row["thread"])
    if not row.get("thread_title"):
        return f"{row.get('source', '')}\x1f#{row.get('id', '')}"
    return f"{row.get('source', '')}\x1f{row['thread_title']}"

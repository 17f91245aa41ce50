"""The bundled labelled corpus (``data/corpus.jsonl``): the only file this package reads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .records import AuthorFacts, Reply

CORPUS_PATH = Path(__file__).resolve().parent / "data" / "corpus.jsonl"


def load_corpus(split: str | None = None) -> list[dict]:
    """Return the corpus rows, in file order, optionally only one split ("train" or "heldout")."""
    return [
        row for row in read_json_lines(CORPUS_PATH) if split is None or row.get("split") == split
    ]


def read_json_lines(path: Path) -> Iterator[dict]:
    """Yield each object of a JSON-lines file; a bad line raises with its place."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path.name}, line {number}: {error}") from error
            yield row


def reply_from_row(row: dict, duplicates_elsewhere: int = 0) -> Reply:
    """Build the ``Reply`` a corpus row describes (author ``null`` means nothing is known)."""
    author = row.get("author") if isinstance(row.get("author"), dict) else {}
    return Reply(
        text=row.get("text") or "",
        kind=row.get("kind") or "comment",
        thread_title=row.get("thread_title") or "",
        thread_body=row.get("thread_body") or "",
        parent_text=row.get("parent_text") or "",
        author=AuthorFacts(
            account_age_days=author.get("account_age_days"),
            approved_posts=author.get("approved_posts"),
            rejected_posts=author.get("rejected_posts"),
            posts_last_hour=author.get("posts_last_hour"),
            threads_last_hour=author.get("threads_last_hour"),
            reputation=author.get("reputation"),
        ),
        duplicates_elsewhere=duplicates_elsewhere,
    )

"""Classify replies from the command line, without Django.

One reply::

    python -m forum.spamfilter "Splendid post, bravo!" --title "Why is the sky blue?"

Many replies, one JSON object per input line (the corpus format: text, kind, thread_title,
thread_body, parent_text, author with any of the ``AuthorFacts`` fields: account_age_days,
approved_posts, rejected_posts, posts_last_hour, threads_last_hour), one verdict per output
line; its "used" entry says which of that context the verdict could draw on::

    python -m forum.spamfilter < replies.jsonl

In batch mode a ``DuplicateIndex`` remembers every reply read so far, keyed by thread title
(or a "thread" field), so copies pasted into several threads are caught as on the site.
"""

from __future__ import annotations

import argparse
import json
import sys

from .corpus import reply_from_row
from .duplicates import DuplicateIndex
from .filter import SpamFilter
from .records import Reply


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m forum.spamfilter", description=__doc__)
    parser.add_argument("text", nargs="?", help="the reply; omit to read JSON lines from stdin")
    parser.add_argument("--kind", default="comment", choices=("comment", "answer"))
    parser.add_argument("--title", default="", help="thread title")
    parser.add_argument("--body", default="", help="question body")
    parser.add_argument("--parent", default="", help="the post a comment is attached to")
    args = parser.parse_args(argv)

    spam_filter = SpamFilter()
    if args.text is not None:
        reply = Reply(
            text=args.text,
            kind=args.kind,
            thread_title=args.title,
            thread_body=args.body,
            parent_text=args.parent,
        )
        print(json.dumps(spam_filter.classify(reply).as_dict(), ensure_ascii=False, indent=2))
        return 0

    index = DuplicateIndex()
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"line {number}: {error}", file=sys.stderr)
            return 2
        text = row.get("text") or ""
        thread = str(row.get("thread") or row.get("thread_title") or "")
        verdict = spam_filter.classify(reply_from_row(row, index.count_elsewhere(text, thread)))
        index.add(text, thread)
        result = {"id": row.get("id", number), **verdict.as_dict(), "used": used(row)}
        print(json.dumps(result, ensure_ascii=False))
    return 0


def used(row: dict) -> list[str]:
    """The context fields of an input line that were present and could inform the verdict."""
    found = [key for key in ("thread_title", "thread_body", "parent_text") if row.get(key)]
    author = row.get("author")
    if isinstance(author, dict):
        found += [
            f"author.{key}"
            for key in (
                "account_age_days",
                "approved_posts",
                "rejected_posts",
                "posts_last_hour",
                "threads_last_hour",
            )
            if author.get(key) is not None
        ]
    return found


if __name__ == "__main__":
    sys.exit(main())

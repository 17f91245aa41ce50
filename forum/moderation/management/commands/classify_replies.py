"""Classify replies from a JSON Lines file with the same filter posting uses.

Exists for offline evaluation and for trying threshold changes: one JSON object in per line
(`text`, optional `thread_title`, `thread_body`, `parent_text`, `kind`, and `author` with
`account_age_days`, `approved_posts`, `posts_last_hour`), one verdict out per line, in order.
A bad line gets an `error` object naming its line number, and the run carries on;
blank lines are skipped. Each output object carries its input `line` number.

Each verdict also says what the forum would do with the reply: `outcome` (`publish`, `fold`,
`hold` or `hide`, as posting decides it with `forum/spamfilter/outcome.py`, less the
spam-campaign check, which needs the site's database), `outcome_reason` (what the author would
be told; empty when published) and `outcome_reasons` (the codes that decided it). A line without
`author` facts is judged on its text alone, as from an account with no record (chatter or
flagged text that nothing ties to the thread is held as spinner text), and says so:
`judged_on` is `"text alone"`, else `"text and author"`.
"""

import json
import sys
from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from forum.moderation.outcomes import Outcome, describe_for_author
from forum.moderation.spam import AuthorFacts, DuplicateIndex, Reply, decide_for, get_filter
from forum.posts.kinds import RULES

TEXT_FIELDS = ("thread_title", "thread_body", "parent_text")
AUTHOR_FIELDS = (
    "account_age_days",
    "approved_posts",
    "rejected_posts",
    "posts_last_hour",
    "threads_last_hour",
    "reputation",
)

FOLDED = "Shown folded with the other thanks and +1 under its post: it reads as chatter."


def parse_reply(line: str) -> Reply:
    """The Reply a line describes; ValueError with a readable message when it describes none."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(row, dict):
        raise ValueError("expected a JSON object")
    if not isinstance(row.get("text"), str):
        raise ValueError('"text" must be a string')
    for name in TEXT_FIELDS:
        if not isinstance(row.get(name, ""), str):
            raise ValueError(f'"{name}" must be a string')
    kind = row.get("kind", "comment")
    if kind not in ("question", "answer", "comment"):
        raise ValueError('"kind" must be "question", "answer" or "comment"')
    author = row.get("author") or {}
    if not isinstance(author, dict):
        raise ValueError('"author" must be an object')
    facts = {}
    for name in AUTHOR_FIELDS:
        value = author.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValueError(f'"author.{name}" must be a number')
        facts[name] = value
    return Reply(
        text=row["text"],
        kind=kind,
        author=AuthorFacts(**facts),
        **{name: row.get(name, "") for name in TEXT_FIELDS},
    )


class Command(BaseCommand):
    help = "Classify replies from a JSON Lines file (or - for stdin); one verdict per line."

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON Lines file, or - for standard input")

    def handle(self, *, path, **options):
        try:
            lines = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            spam_filter = get_filter()
        except DatabaseError as error:
            # The filter starts from the site's saved model and decisions: an unmigrated
            # database has neither, and a traceback would not say what to do.
            raise CommandError(
                f"The database is not ready ({error}); run `python manage.py migrate` first."
            ) from error
        # Copies pasted into several threads of the file count as duplicates, as on the site.
        seen = DuplicateIndex()
        bad = 0
        with lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    reply = parse_reply(line)
                except ValueError as error:
                    bad += 1
                    self.stderr.write(f"line {number}: {error}")
                    self.stdout.write(json.dumps({"line": number, "error": str(error)}))
                    continue
                thread = reply.thread_title
                duplicates = seen.count_elsewhere(reply.text, thread)
                seen.add(reply.text, thread)
                verdict = spam_filter.classify(replace(reply, duplicates_elsewhere=duplicates))
                result = {"line": number, **verdict.as_dict(), **_outcome(reply, verdict)}
                self.stdout.write(json.dumps(result, ensure_ascii=False))
        if bad:
            raise CommandError(f"{bad} line{'s' if bad != 1 else ''} could not be classified.")


def _outcome(reply: Reply, verdict) -> dict:
    """What posting would do with the reply, why, and what it was judged on."""
    outcome, decision = decide_for(
        verdict, author=reply.author, folds_as_chatter=RULES[reply.kind].folds_as_chatter
    )
    if outcome == Outcome.FOLD:
        reason = FOLDED
    elif outcome.is_visible:
        reason = ""
    else:
        reason = describe_for_author(verdict, outcome == Outcome.HOLD)
    return {
        "outcome": str(outcome),
        "outcome_reason": reason,
        "outcome_reasons": [r.code for r in decision.reasons],
        "judged_on": decision.judged_on,
    }

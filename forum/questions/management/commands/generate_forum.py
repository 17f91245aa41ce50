"""Fill an empty database with a synthetic forum of a given size, for benchmarks: the same
rows for the same seed, written with bulk inserts (a million posts take minutes)."""

import time

from django.core.management.base import BaseCommand, CommandError

from forum.questions.generating import Plan, generate_forum


class Command(BaseCommand):
    help = "Generate a synthetic forum (threads, answers, comments, votes, tags, members, spam)."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000, help="posts of every kind")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, posts, seed, **options):
        if posts < 1:
            raise CommandError("--posts must be at least 1.")
        started = time.monotonic()

        def report(counts):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {counts}")

        try:
            counts = generate_forum(Plan(posts=posts, seed=seed), report=report)
        except ValueError as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{value} {name}" for name, value in counts.items())
        self.stdout.write(f"Generated {summary} in {elapsed:.1f} s.")

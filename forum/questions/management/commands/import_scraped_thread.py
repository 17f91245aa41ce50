"""Import a scraped Q&A page (title, question, answers, numbered comments) as a thread.

Exists so real threads can seed a forum: every answer and comment passes the same spam filter
as a new reply, so the scraped spam lands in the moderation queue, not in front of readers.
"""

from datetime import datetime, timezone
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.questions.importing import import_thread
from forum.questions.scraped import parse_scraped_thread


class Command(BaseCommand):
    help = "Import a scraped Q&A page as a thread, screening every reply."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--answer-start",
            action="append",
            required=True,
            dest="answer_starts",
            help="Opening words of an answer, in page order; repeat once per answer.",
        )
        parser.add_argument("--tag", action="append", default=[], dest="tags")
        parser.add_argument("--author-prefix", default="imported")
        parser.add_argument(
            "--started-at",
            default="2020-01-01T00:00:00",
            help="Timestamp for the question (UTC); replies follow an hour apart.",
        )

    def handle(self, *, path, answer_starts, tags, author_prefix, started_at, **options):
        try:
            thread = parse_scraped_thread(
                path.read_text(encoding="utf-8"), answer_starts=answer_starts
            )
            started = datetime.fromisoformat(started_at).replace(tzinfo=timezone.utc)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        question = import_thread(
            thread, author_prefix=author_prefix, tag_names=tags, started_at=started
        )
        replies = [*question.answers.all(), *question.comments.all()]
        visible = sum(reply.is_visible for reply in replies)
        self.stdout.write(
            f"Imported “{question.title}”: {len(thread.answers)} answers, "
            f"{len(thread.comments)} comments; {visible} visible, "
            f"{len(replies) - visible} held or hidden by the spam filter."
        )

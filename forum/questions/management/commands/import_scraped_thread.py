"""Import a scraped Q&A page (title, question, answers, numbered comments) as a thread.

Exists so real threads can seed a forum: the question and every answer and comment pass the
same spam filter as new posts, so the scraped spam lands in the moderation queue, not in
front of readers.
"""

from datetime import datetime, timezone
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from forum.posts.models import Post
from forum.questions.importing import import_thread
from forum.questions.scraped import parse_scraped_thread


def _utc(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


class Command(BaseCommand):
    help = "Import a scraped Q&A page as a thread, screening every post."

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
        parser.add_argument(
            "--imported-at",
            default=None,
            help="When the imported authors join (UTC); now unless given. Fix it for "
            "reproducible output.",
        )

    def handle(self, *, path, answer_starts, tags, author_prefix, started_at, imported_at, **_):
        try:
            thread = parse_scraped_thread(
                path.read_text(encoding="utf-8"), answer_starts=answer_starts
            )
            started = _utc(started_at)
            joined = _utc(imported_at) if imported_at else datetime.now(timezone.utc)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        question = import_thread(
            thread,
            author_prefix=author_prefix,
            tag_names=tags,
            started_at=started,
            imported_at=joined,
        )
        replies = list(Post.objects.filter(thread=question))
        visible = sum(reply.is_visible for reply in replies)
        self.stdout.write(
            f"Imported “{question.title}”: {len(thread.answers)} answers, "
            f"{len(thread.comments)} comments; {visible} visible, "
            f"{len(replies) - visible} held or hidden by the spam filter."
        )

"""Score every stored answer and comment again with the current spam filter.

Exists for after the filter or its thresholds change: replies nobody decided on move to the
status the filter now gives them; replies a moderator decided are never touched.
"""

from collections import Counter

from django.core.management.base import BaseCommand

from forum.moderation.posts import REPLY_MODELS
from forum.moderation.services import rescan_reply


class Command(BaseCommand):
    help = "Re-score stored replies; moderator-decided ones are left alone."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, change nothing."
        )

    def handle(self, *, dry_run, **options):
        moves: Counter[tuple[str, str]] = Counter()
        skipped = 0
        for model in REPLY_MODELS.values():
            replies = model.objects.select_related("author", "question").order_by("pk")
            for reply in replies.iterator(chunk_size=500):
                if reply.moderated_at is not None:
                    skipped += 1
                    continue
                moves[rescan_reply(reply, dry_run=dry_run)] += 1
        changed = {move: n for move, n in moves.items() if move[0] != move[1]}
        prefix = "Would move" if dry_run else "Moved"
        for (before, after), n in sorted(changed.items()):
            self.stdout.write(f"{prefix} {n} repl{'y' if n == 1 else 'ies'}: {before} → {after}")
        self.stdout.write(
            f"Rescanned {sum(moves.values())} replies: {sum(changed.values())} changed, "
            f"{skipped} moderator-decided left alone."
        )

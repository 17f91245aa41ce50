"""Score every stored post again with the current spam filter.

Exists for after the filter or its thresholds change: posts nobody decided on move to the
status the filter now gives them; posts a moderator decided are never touched.
"""

from collections import Counter

from django.core.management.base import BaseCommand

from forum.moderation.decisions import rescan_post
from forum.posts.models import Post


class Command(BaseCommand):
    help = "Re-score stored posts; moderator-decided ones are left alone."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change, change nothing."
        )

    def handle(self, *, dry_run, **options):
        moves: Counter[tuple[str, str]] = Counter()
        posts = Post.objects.filter(moderated_at__isnull=True).select_related(
            "author", "thread", "parent"
        )
        for post in posts.order_by("pk").iterator(chunk_size=500):
            moves[rescan_post(post, dry_run=dry_run)] += 1
        skipped = Post.objects.filter(moderated_at__isnull=False).count()
        changed = {move: n for move, n in moves.items() if move[0] != move[1]}
        prefix = "Would move" if dry_run else "Moved"
        for (before, after), n in sorted(changed.items()):
            self.stdout.write(f"{prefix} {n} post{'s' if n != 1 else ''}: {before} → {after}")
        self.stdout.write(
            f"Rescanned {sum(moves.values())} posts: {sum(changed.values())} changed, "
            f"{skipped} moderator-decided left alone."
        )

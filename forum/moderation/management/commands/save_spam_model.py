"""Store the spam filter's model with every standing moderator decision, so app servers start
by loading it instead of re-learning every decision (run after deploys and, say, hourly)."""

from django.core.management.base import BaseCommand

from forum.moderation.spam import save_model_snapshot


class Command(BaseCommand):
    help = "Save the spam filter's model for workers to start from."

    def handle(self, *args, **options):
        snapshot = save_model_snapshot()
        self.stdout.write(f"Saved the spam model through decision {snapshot.through}.")

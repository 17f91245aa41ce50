"""Review every recent voter and author against the voting-ring rules (forum/votes/rings.py)
and take back what linked votes earned. Each vote is reviewed once it is committed, and a
flagger before their flag is weighed; run this periodically (cron) to catch links that
appear later, e.g. an address two accounts only share in a later vote."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from forum.votes import rings
from forum.votes.models import Vote


class Command(BaseCommand):
    help = "Take back reputation earned by votes between linked accounts (voting rings)."

    def handle(self, *args, **options):
        since = timezone.now() - timedelta(days=settings.FORUM_VOTE_RINGS["pair_days"])
        recent = Vote.objects.filter(created_at__gte=since, value=Vote.Value.UP, earns=True)
        members = set(recent.values_list("user_id", flat=True))
        members |= set(recent.values_list("post__author_id", flat=True))
        found = sum(rings.review_member(member_id) for member_id in sorted(members))
        self.stdout.write(f"Reviewed {len(members)} members: {found} votes taken back.")

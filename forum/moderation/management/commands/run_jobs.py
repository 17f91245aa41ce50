"""Run every unfinished moderation job here, to the end: for when no worker can be reached
(the broker is down) or none runs. Batches already done are never repeated, so this is safe
beside running workers."""

from django.core.management.base import BaseCommand

from forum.moderation import jobs
from forum.moderation.models import Job


class Command(BaseCommand):
    help = "Run waiting or unfinished moderation jobs in this process."

    def handle(self, *args, **options):
        waiting = Job.objects.exclude(state__in=(Job.State.DONE, Job.State.FAILED))
        for job_id in waiting.order_by("pk").values_list("pk", flat=True):
            jobs.run_to_end(job_id)
            job = Job.objects.get(pk=job_id)
            self.stdout.write(f"{job}: {job.get_state_display()}. {job.error}".strip())

"""Run the periodic jobs (reminders, and purging expired data where installed) for ever."""

import logging
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from training_site.scheduling import SchedulerLock, jobs, jobs_due

logger = logging.getLogger(__name__)

TICK_SECONDS = 60


class Command(BaseCommand):
    """Once a minute, run each job that is due; only the scheduler holding the lock runs any."""

    help = "Run send_reminders and other periodic jobs when due. One instance at a time."

    def add_arguments(self, parser):
        """Offer a single pass, for deploy checks and tests."""
        parser.add_argument("--once", action="store_true", help="Run the due jobs once and exit.")

    def handle(self, *args, once=False, **options):
        """Loop: take the lock if free, run what is due, wait a minute."""
        lock = SchedulerLock()
        scheduled = jobs(get_commands())
        last_runs = {}
        try:
            while True:
                close_old_connections()
                if lock.acquire():
                    self.run_due(scheduled, last_runs)
                else:
                    logger.warning("Another scheduler holds the lock; waiting")
                if once:
                    return
                time.sleep(TICK_SECONDS)
        finally:
            lock.release()

    def run_due(self, scheduled, last_runs):
        """Run every due job, recording when; one job failing does not stop the others."""
        now = timezone.now()
        for job in jobs_due(scheduled, last_runs, now):
            last_runs[job.command] = now
            self.stdout.write(f"Running {job.command}")
            try:
                call_command(job.command, stdout=self.stdout, stderr=self.stderr)
            except Exception:
                logger.exception("Scheduled job %s failed", job.command)

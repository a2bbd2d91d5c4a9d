"""Send the reminders that are due; meant to be run by a scheduler every few minutes."""

from django.core.management.base import BaseCommand

from training_site.reminders import reminders_send


class Command(BaseCommand):
    """Send every due reminder that has not been sent before."""

    help = "Send due reminders (workshops, evaluations, development plan reviews). Safe to rerun."

    def handle(self, *args, **options):
        """Send and say how many went."""
        sent = reminders_send()
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")

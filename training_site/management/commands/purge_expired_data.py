"""Purge personal data past its retention period: one count per category."""

from django.core.management.base import BaseCommand

from training_site.retention import purge_expired_data


class Command(BaseCommand):
    help = "Remove personal data whose retention period is over, and print what was removed."

    def handle(self, *args, **options):
        """Run every purge and print its count."""
        for category, count in purge_expired_data().items():
            self.stdout.write(f"{category}: {count}")

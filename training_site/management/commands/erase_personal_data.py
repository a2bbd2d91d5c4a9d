"""Erase a person's personal data: delete or anonymise every row the privacy registry names."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from training_site.erasure import erasure_plan, person_erase


class Command(BaseCommand):
    help = "Erase the personal data of the person with the given email (cannot be undone)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--yes", action="store_true", help="Confirm the erasure.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would change; change nothing."
        )

    def handle(self, *args, email, yes=False, dry_run=False, **options):
        """Find the person by email, then list or make the changes."""
        person = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"No account has the email {email}; nothing was changed.")
        if dry_run:
            for step in erasure_plan(person):
                self.stdout.write(str(step))
            self.stdout.write(f"Dry run: nothing was changed for account {person.pk}.")
            return
        if not yes:
            raise CommandError(
                "Erasure cannot be undone. Add --yes to erase, or --dry-run to list what "
                "would change; nothing was changed."
            )
        for step in person_erase(person=person):
            self.stdout.write(str(step))
        self.stdout.write(
            f"Erased the personal data of account {person.pk}; it is now "
            f"'{person.get_full_name()}'."
        )

"""Write a person's subject access export: a zip of their personal data as JSON and PDF."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from training_site.audit import audit_record
from training_site.models import AuditAction
from training_site.subject_access import export_zip


class Command(BaseCommand):
    help = "Write the subject access export of the person with the given email."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--out", help="The zip file to write (default personal-data-<id>.zip).")

    def handle(self, *args, email, out=None, **options):
        """Find the person by email and write their export."""
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the email {email}; nothing was written.")
        path = Path(out or f"personal-data-{user.pk}.zip")
        path.write_bytes(export_zip(user))
        audit_record(None, AuditAction.PRIVACY_EXPORT, user, summary="Subject access export")
        self.stdout.write(f"Wrote the personal data of account {user.pk} to {path}.")

"""Build the demo network and its people; safe to run again."""

import secrets

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from training_site.demo import DEMO_ACCOUNTS, build_demo_network
from training_site.models import User
from training_site.second_factor import confirmed_app_device, second_factor_required, secret_of


class Command(BaseCommand):
    """Create or update the demo organisations, people and roles."""

    help = "Create the demo network with fixed sign-ins; running it again changes nothing."

    def add_arguments(self, parser):
        """Accept the demo password."""
        parser.add_argument(
            "--password",
            help="Password for every demo account. Without it, new accounts get a random one, "
            "which is printed, and existing accounts keep theirs.",
        )

    def handle(self, *args, password=None, **options):
        """Build the network and print the sign-ins; emails the demo's steps write are not sent."""
        chosen = password or secrets.token_urlsafe(12)
        emails = [account.email for account in DEMO_ACCOUNTS]
        existed = User.objects.filter(email__in=emails).count() == len(emails)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            accounts = build_demo_network(
                password=chosen, reset_passwords=bool(password), stdout=self.stdout
            )
        self.stdout.write(
            self.style.SUCCESS("Demo network ready. Sign in at /account/sign-in/ as:")
        )
        for account in accounts:
            self.stdout.write(f"  {account.email:24} {account.role.label}")
        if password:
            self.stdout.write("with the password you gave.")
        elif existed:
            self.stdout.write(
                "with the password they already had. To set a new one for every demo account, "
                "run: python manage.py seed_demo --password <new password>"
            )
        else:
            self.stdout.write(f"with the password {chosen}")
        self.print_app_secrets(accounts)

    def print_app_secrets(self, accounts):
        """Give each demo account that must use two-step sign-in an app, and print its key."""
        for account in accounts:
            user = User.objects.get(email=account.email)
            if second_factor_required(user):
                secret = secret_of(confirmed_app_device(user))
                self.stdout.write(f"TOTP secret for {account.email}: {secret}")

"""Sign-in lockout: an account after a few failures, an address only after many more."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum


class SignInLockoutHandler(AxesDatabaseHandler):
    """Count failed sign-ins (wrong passwords and wrong codes) per account and per address.

    django-axes compares one count with one limit. The account's count is that count; an
    address that reaches SIGN_IN_ADDRESS_FAILURE_LIMIT counts as at the limit for every
    account, so many people behind one proxy are refused only after many failures there.
    """

    def get_failures(self, request, credentials=None):
        """Return the account's recent failures, or the limit once the address is at its own."""
        failures = {
            parameter: attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for parameter, attempts in zip(
                get_lockout_parameters(request, credentials),
                self.get_user_attempts(request, credentials),
                strict=True,
            )
        }
        by_account = failures["username"]
        if failures["ip_address"] >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT:
            return max(by_account, get_failure_limit(request, credentials))
        return by_account

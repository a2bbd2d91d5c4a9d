"""Retention: each category of personal data is purged once its period in settings is over.

Apps register their own categories as ``register_retention_purges``; this module purges the
site's own (sessions, lockout records, prepared downloads) and runs them all, as
``purge_expired_data`` does daily.
"""

from collections.abc import Callable
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from wagtail import hooks

HOOK_NAME = "register_retention_purges"


@dataclass(frozen=True)
class Purge:
    """One category of data: its name, and a function of the moment that purges it."""

    category: str
    run: Callable


def purge_sessions(now):
    """Delete sessions past their expiry; return how many."""
    return Session.objects.filter(expire_date__lt=now).delete()[0]


def purge_lockout_records(now):
    """Delete sign-in attempts past the cool-off, and sign-in logs past their period."""
    attempts = AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME)
    logged_before = now - timezone.timedelta(days=settings.RETENTION_SIGN_IN_LOG_DAYS)
    count = attempts.delete()[0]
    count += AccessFailureLog.objects.filter(attempt_time__lt=logged_before).delete()[0]
    count += AccessLog.objects.filter(attempt_time__lt=logged_before).delete()[0]
    return count


def site_purges():
    """The categories the site itself keeps."""
    from training_site.prepared_downloads import purge_prepared_downloads

    return [
        Purge("expired sessions", purge_sessions),
        Purge("lockout records", purge_lockout_records),
        Purge("prepared downloads", purge_prepared_downloads),
    ]


def all_purges():
    """Every category, the site's and those the apps register."""
    purges = site_purges()
    for registered in hooks.get_hooks(HOOK_NAME):
        purges.extend(registered())
    return purges


def purge_expired_data(*, now=None):
    """Purge every category whose period is over; return {category: rows or files purged}."""
    now = now or timezone.now()
    return {purge.category: purge.run(now) for purge in all_purges()}

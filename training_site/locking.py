"""Optimistic version locking: a write based on an out-of-date page is refused, not merged."""

from django.core.exceptions import ValidationError


class StaleVersion(ValidationError):
    """Someone else saved the record after the page the person was editing was read."""


def lock_current(queryset, pk, expected_version, message, error=StaleVersion):
    """Re-read a row under a row lock; refuse with ``error(message)`` if its version moved on."""
    current = queryset.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        raise error(message)
    return current

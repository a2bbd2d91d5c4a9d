"""Locking: a write based on an out-of-date page is refused, and so is a second run at once."""

from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.db.models import F


class StaleVersion(ValidationError):
    """Someone else saved the record after the page the person was editing was read."""


class RowsBusy(Exception):
    """Another transaction holds the rows a write needs; the write is refused, not queued."""


def lock_current(queryset, pk, expected_version, message, error=StaleVersion):
    """Re-read a row under a row lock; refuse with ``error(message)`` if its version moved on."""
    current = queryset.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        raise error(message)
    return current


def lock_rows_or_refuse(queryset, message):
    """Lock rows until the transaction ends, or raise ``RowsBusy(message)`` if another holds one.

    PostgreSQL locks the rows and refuses at once (NOWAIT). SQLite has no row locks, so an
    empty update takes its database-wide write lock instead; it refuses once its timeout ends.
    """
    try:
        if connection.features.has_select_for_update_nowait:
            list(queryset.select_for_update(nowait=True).values_list("pk", flat=True))
        else:
            queryset.update(**{queryset.model._meta.pk.attname: F("pk")})
    except OperationalError as error:
        raise RowsBusy(message) from error

"""Periodic jobs and the lock that lets only one scheduler run them, however many are started.

On PostgreSQL the lock is a session advisory lock held on a connection of its own, so it is
shared by every machine using the database and freed when the process dies. On SQLite, which
only one machine can use, it is an exclusive lock on a file beside the database.
"""

import fcntl
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend

# The advisory lock's number: any fixed 64-bit value no other part of the system uses.
ADVISORY_LOCK_KEY = 7_284_113_013


@dataclass(frozen=True)
class Job:
    """A management command run every ``every``."""

    command: str
    every: timedelta


def jobs(commands):
    """The scheduled jobs whose commands exist among ``commands``."""
    scheduled = [
        Job("send_reminders", timedelta(minutes=settings.REMINDER_INTERVAL_MINUTES)),
        Job("purge_expired_data", timedelta(days=1)),
        Job("prune_db_task_results", timedelta(days=1)),
    ]
    return [job for job in scheduled if job.command in commands]


def jobs_due(scheduled, last_runs, now):
    """The jobs never run, or last run at least their interval before ``now``."""
    return [
        job
        for job in scheduled
        if job.command not in last_runs or now - last_runs[job.command] >= job.every
    ]


def lock_connection(settings_dict):
    """A new database connection of its own, outside Django's per-thread connections."""
    own = {**settings_dict, "OPTIONS": dict(settings_dict.get("OPTIONS", {}))}
    own["OPTIONS"].pop("pool", None)
    own = connections.configure_settings({DEFAULT_DB_ALIAS: own})[DEFAULT_DB_ALIAS]
    return load_backend(own["ENGINE"]).DatabaseWrapper(own, "scheduler-lock")


class SchedulerLock:
    """Held by at most one scheduler at a time; ``acquire`` says whether this one holds it."""

    def __init__(self, settings_dict=None, lock_file=None):
        self.settings_dict = settings_dict or connections[DEFAULT_DB_ALIAS].settings_dict
        self.lock_file = lock_file or settings.SCHEDULER_LOCK_FILE
        self._held = None

    def acquire(self):
        """Take the lock if it is free; return whether this scheduler holds it."""
        if self._held is None:
            if self.settings_dict["ENGINE"].endswith("postgresql"):
                self._held = self._advisory_lock()
            else:
                self._held = self._file_lock()
        return self._held is not None

    def release(self):
        """Give the lock up."""
        if self._held is not None:
            self._held.close()
            self._held = None

    def _advisory_lock(self):
        connection = lock_connection(self.settings_dict)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
            [held] = cursor.fetchone()
        if held:
            return connection
        connection.close()
        return None

    def _file_lock(self):
        handle = open(self.lock_file, "a")  # noqa: SIM115 - held open as long as the lock
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return None
        return handle

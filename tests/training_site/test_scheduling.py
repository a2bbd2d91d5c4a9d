"""The scheduler runs due jobs, and only one scheduler runs them however many are started."""

import logging
from datetime import timedelta
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.utils import timezone

from training_site.env import env_database
from training_site.management.commands import run_scheduler
from training_site.scheduling import Job, SchedulerLock, jobs, jobs_due

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"


def test_the_scheduler_runs_reminders_once_and_exits(db, tmp_path, settings, monkeypatch):
    # The scheduler closes its connection each minute, which would end the test's transaction.
    monkeypatch.setattr(run_scheduler, "close_old_connections", lambda: None)
    settings.SCHEDULER_LOCK_FILE = str(tmp_path / "scheduler.lock")
    out = StringIO()

    call_command("run_scheduler", once=True, stdout=out)

    assert "Running send_reminders" in out.getvalue()
    assert "Sent 0 reminders." in out.getvalue()


def test_a_second_scheduler_waits_and_runs_nothing(db, tmp_path, settings, caplog):
    settings.SCHEDULER_LOCK_FILE = str(tmp_path / "scheduler.lock")
    first = SchedulerLock()
    assert first.acquire()
    out = StringIO()

    with caplog.at_level(logging.WARNING):
        call_command("run_scheduler", once=True, stdout=out)

    assert "Another scheduler holds the lock; waiting" in caplog.text
    assert "send_reminders" not in out.getvalue()
    first.release()


def test_the_file_lock_is_free_again_once_released(tmp_path):
    lock_file = str(tmp_path / "scheduler.lock")
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
    first = SchedulerLock(sqlite, lock_file)
    second = SchedulerLock(sqlite, lock_file)

    assert first.acquire()
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def postgres_reachable():
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


@pytest.mark.skipif(not postgres_reachable(), reason="PostgreSQL is not reachable")
def test_the_advisory_lock_is_held_by_one_scheduler_only(db):
    postgres = env_database("SCHEDULER_TEST_DATABASE_URL", POSTGRES_URL)
    first = SchedulerLock(postgres)
    second = SchedulerLock(postgres)

    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_purging_is_scheduled_only_where_the_command_exists(settings):
    settings.REMINDER_INTERVAL_MINUTES = 15

    assert [job.command for job in jobs({"send_reminders": "training_site"})] == ["send_reminders"]
    assert [job.command for job in jobs({"send_reminders": "a", "purge_expired_data": "b"})] == [
        "send_reminders",
        "purge_expired_data",
    ]


def test_a_job_is_due_again_after_its_interval():
    now = timezone.now()
    reminders = Job("send_reminders", timedelta(minutes=15))

    assert jobs_due([reminders], {}, now) == [reminders]
    assert jobs_due([reminders], {"send_reminders": now - timedelta(minutes=14)}, now) == []
    assert jobs_due([reminders], {"send_reminders": now - timedelta(minutes=15)}, now) == [
        reminders
    ]

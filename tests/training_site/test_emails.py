"""Every email goes through the task queue, is retried when sending fails, then recorded."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from tests.factories.training_site import UserFactory
from training_site.emails import email_deliver, email_queue
from training_site.models import FailedEmail

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
MESSAGE = {
    "to": "hcp@example.org",
    "subject": "Your booking",
    "body": "You have a place.",
    "html": "<p>You have a place.</p>",
    "attachments": [],
}


class RefusingBackend(BaseEmailBackend):
    """An email server that refuses every connection."""

    def send_messages(self, email_messages):
        """Refuse to send."""
        raise ConnectionRefusedError("The mail server refused the connection")


@pytest.fixture
def refusing_server(settings):
    settings.EMAIL_BACKEND = "tests.training_site.test_emails.RefusingBackend"
    settings.EMAIL_MAX_ATTEMPTS = 3
    settings.EMAIL_RETRY_SECONDS = 60


def test_a_queued_email_is_sent_with_its_html_and_attachment(db):
    email_queue(
        to="hcp@example.org",
        subject="Your booking",
        body="You have a place.",
        html="<p>You have a place.</p>",
        attachments=[("workshop.ics", "BEGIN:VCALENDAR", "text/calendar")],
    )

    [sent] = mail.outbox
    assert sent.to == ["hcp@example.org"]
    assert sent.alternatives[0][0] == "<p>You have a place.</p>"
    assert sent.attachments[0][:2] == ("workshop.ics", "BEGIN:VCALENDAR")


def test_a_failed_attempt_is_queued_again_after_the_first_delay(db, settings, refusing_server):
    settings.TASKS = DATABASE_TASKS
    before = timezone.now()

    assert email_deliver.call(message=MESSAGE, attempt=1) == "retrying"

    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after >= before + timedelta(seconds=60)
    assert not FailedEmail.objects.exists()


def test_the_delay_doubles_with_each_attempt(db, settings, refusing_server):
    settings.TASKS = DATABASE_TASKS
    before = timezone.now()

    email_deliver.call(message=MESSAGE, attempt=2)

    assert DBTaskResult.objects.get().run_after >= before + timedelta(seconds=120)


def test_the_last_failed_attempt_is_recorded_for_the_administrators(db, settings, refusing_server):
    settings.TASKS = DATABASE_TASKS

    with pytest.raises(ConnectionRefusedError):
        email_deliver.call(message=MESSAGE, attempt=3)

    failed = FailedEmail.objects.get()
    assert (failed.recipient, failed.subject, failed.attempts) == (
        "hcp@example.org",
        "Your booking",
        3,
    )
    assert "refused the connection" in failed.error
    assert not DBTaskResult.objects.exists()


def test_an_email_that_never_goes_is_tried_every_time_then_recorded(db, refusing_server):
    email_queue(to="hcp@example.org", subject="Your booking", body="You have a place.")

    assert mail.outbox == []
    assert FailedEmail.objects.get().attempts == 3


def test_the_worker_sends_what_the_database_queue_holds(db, settings, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    # The worker closes its connection between tasks, which would end the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    email_queue(to="hcp@example.org", subject="Your booking", body="You have a place.")

    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    assert [sent.subject for sent in mail.outbox] == ["Your booking"]
    assert DBTaskResult.objects.successful().count() == 1


def test_failed_emails_are_listed_for_an_administrator_and_cannot_be_added(client, db):
    FailedEmail.objects.create(
        recipient="hcp@example.org", subject="Your booking", attempts=5, error="Refused"
    )
    client.force_login(UserFactory(is_superuser=True))

    listing = client.get("/cms/failed_emails/")
    assert listing.status_code == 200
    assert "Your booking" in listing.text
    assert client.get("/cms/failed_emails/new/").status_code == 302


def test_failed_emails_are_not_shown_to_people_without_admin_access(client, hcp):
    FailedEmail.objects.create(
        recipient="hcp@example.org", subject="Your booking", attempts=5, error="Refused"
    )
    client.force_login(hcp)

    assert "Your booking" not in client.get("/cms/failed_emails/").text

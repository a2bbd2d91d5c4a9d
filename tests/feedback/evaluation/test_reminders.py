"""Evaluation reminders: before four days ahead, after one and seven days on, each sent once."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from feedback.evaluation.services import evaluation_submit
from feedback.models import InstrumentVersion
from tests.factories.evaluation import after_version, before_version, booking, targeting_workshop
from training_site.reminders import reminders_send
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db

STARTS = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def versions(db):
    """The published questionnaires."""
    return before_version(), after_version()


@pytest.fixture
def workshop(site_a):
    """A workshop on 10 March 2026, 09:30 to 15:30."""
    return targeting_workshop(site_a, starts_at=STARTS, title="Care planning day")


def subjects():
    return [message.subject for message in mail.outbox]


def test_before_reminder_goes_two_days_ahead_once(workshop, hcp):
    place = booking(workshop, hcp)

    assert reminders_send(now=STARTS - timedelta(days=5)) == 0
    assert reminders_send(now=STARTS - timedelta(days=4)) == 1
    assert reminders_send(now=STARTS - timedelta(days=3)) == 0

    [message] = mail.outbox
    assert message.to == ["hcp@example.org"]
    assert message.subject == "Before Care planning day: how confident are you?"
    assert "Dear Hana," in message.body
    assert f"/feedback/evaluations/workshops/{place.workshop_id}/before/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<p>Dear Hana,</p>" in html
    assert ">Answer the questions before the workshop</a>" in html


def test_no_before_reminder_once_answered(workshop, hcp):
    place = booking(workshop, hcp)
    version = InstrumentVersion.objects.get(instrument__purpose="workshop_before")
    item = version.items.get(code="conf_agenda")
    evaluation_submit(
        booking=place,
        stage="before",
        version=version,
        values={item.pk: (5, "", False)},
        now=STARTS - timedelta(days=4),
    )

    assert reminders_send(now=STARTS - timedelta(days=4)) == 0


def test_after_reminders_go_one_and_seven_days_after(workshop, hcp, second_hcp):
    booking(workshop, hcp, BookingStatus.ATTENDED)
    booking(workshop, second_hcp, BookingStatus.DID_NOT_ATTEND)
    ends = workshop.ends_at

    assert reminders_send(now=ends + timedelta(hours=12)) == 0
    assert reminders_send(now=ends + timedelta(days=1)) == 1
    assert reminders_send(now=ends + timedelta(days=3)) == 0
    assert reminders_send(now=ends + timedelta(days=7)) == 1
    assert reminders_send(now=ends + timedelta(days=8)) == 0

    assert subjects() == ["After Care planning day: how confident are you now?"] * 2
    assert all(message.to == ["hcp@example.org"] for message in mail.outbox)
    assert "Thank you for coming to Care planning day on 10 March 2026." in mail.outbox[0].body
    assert "Answer the questions after the workshop</a>" in mail.outbox[0].alternatives[0][0]


def test_a_late_first_run_sends_one_after_reminder(workshop, hcp):
    booking(workshop, hcp, BookingStatus.ATTENDED)

    assert reminders_send(now=workshop.ends_at + timedelta(days=10)) == 1


def test_no_after_reminder_once_answered(workshop, hcp):
    place = booking(workshop, hcp, BookingStatus.ATTENDED)
    version = InstrumentVersion.objects.get(instrument__purpose="workshop_after")
    item = version.items.get(code="conf_agenda")
    evaluation_submit(
        booking=place,
        stage="after",
        version=version,
        values={item.pk: (8, "", False)},
        now=workshop.ends_at,
    )

    assert reminders_send(now=workshop.ends_at + timedelta(days=1)) == 0


def test_the_command_run_twice_sends_nothing_more(site_a, hcp):
    soon = targeting_workshop(site_a, starts_at=timezone.now() + timedelta(days=1))
    booking(soon, hcp)

    call_command("send_reminders", stdout=StringIO())
    call_command("send_reminders", stdout=StringIO())

    assert sorted(subjects()) == [
        "Before Care planning workshop: how confident are you?",
        f"Reminder: {soon.title}, {timezone.localtime(soon.starts_at):%A}",
    ]

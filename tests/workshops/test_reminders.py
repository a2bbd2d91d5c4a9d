"""Reminders two days before a workshop: sent once, again only if the workshop moves."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from tests.factories.workshops import booking, workshop
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


def test_booked_hcps_are_reminded_once(ws_programme, site_a, hcp, second_hcp, hcp_b, mailoutbox):
    soon = workshop(ws_programme, site_a, days=1)
    later = workshop(ws_programme, site_a, days=5)
    booking(soon, hcp)
    booking(soon, second_hcp, BookingStatus.WAITING)
    booking(later, hcp_b)
    call_command("send_reminders")
    call_command("send_reminders")
    assert [m.to for m in mailoutbox] == [["hcp@example.org"]]
    assert mailoutbox[0].subject.startswith("Reminder: Care planning workshop")
    assert "Training room 1" in mailoutbox[0].body
    assert "<strong>Care planning workshop</strong>" in mailoutbox[0].alternatives[0][0]


def test_a_moved_workshop_reminds_again(ws_programme, site_a, hcp, mailoutbox):
    soon = workshop(ws_programme, site_a, days=1)
    booking(soon, hcp)
    call_command("send_reminders")
    soon.starts_at += timedelta(hours=2)
    soon.ends_at += timedelta(hours=2)
    soon.save()
    call_command("send_reminders")
    assert len(mailoutbox) == 2


def test_cancelled_workshops_and_past_ones_send_nothing(ws_programme, site_a, hcp, mailoutbox):
    cancelled = workshop(ws_programme, site_a, days=1, status="cancelled")
    past = workshop(ws_programme, site_a, days=-1)
    booking(cancelled, hcp)
    booking(past, hcp)
    call_command("send_reminders")
    assert mailoutbox == []

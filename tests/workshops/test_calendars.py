"""Calendar files that stay true: one UID per workshop, updates and cancellations."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pytest_django.asserts import assertContains

from tests.factories.training_site import person_with_role
from tests.factories.workshops import booking
from training_site.models import Role
from workshops import services
from workshops.models import Booking, BookingStatus

pytestmark = pytest.mark.django_db


def calendar_of(email):
    """Return the method and the one event of an email's calendar file."""
    (attachment,) = [a for a in email.attachments if a[0].endswith(".ics")]
    calendar = Calendar.from_ical(attachment[1])
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


@pytest.mark.parametrize("by", ["hcp", "trainer"])
def test_cancelling_a_place_sends_a_calendar_cancel_with_the_booking_uid(
    by, a_workshop, hcp, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_book(workshop=a_workshop, hcp=hcp)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(
            booking=Booking.objects.get(hcp=hcp), actor=hcp if by == "hcp" else trainer
        )
    confirmed, cancelled = mailoutbox
    assert cancelled.to == [hcp.email]
    assert cancelled.subject == f"Your place is cancelled: {a_workshop.title}"
    booked_method, booked_event = calendar_of(confirmed)
    method, event = calendar_of(cancelled)
    assert booked_method == "PUBLISH"
    assert method == "CANCEL"
    assert event["UID"] == booked_event["UID"]
    assert str(event["STATUS"]) == "CANCELLED"
    said = "You have cancelled your place" if by == "hcp" else "Your trainer has cancelled"
    assert said in cancelled.body
    assert said in cancelled.alternatives[0][0]


def test_cancelling_a_workshop_sends_a_calendar_cancel(
    a_workshop, hcp, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    booking(a_workshop, hcp)
    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_cancel(workshop=a_workshop, actor=trainer)
    (email,) = mailoutbox
    method, event = calendar_of(email)
    assert method == "CANCEL"
    assert str(event["UID"]).startswith(f"workshop-{a_workshop.pk}@")
    assert event["SEQUENCE"] == 1


def _update(workshop, actor, **fields):
    """Save a workshop through the service with some fields changed."""
    return services.workshop_update(
        workshop=workshop,
        actor=actor,
        modules=list(workshop.modules.all()),
        trainers=list(workshop.trainers.all()),
        **fields,
    )


def test_moving_a_workshop_sends_everyone_booked_or_waiting_an_update(
    a_workshop,
    hcp,
    second_hcp,
    hcp_b,
    outsider,
    trainer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_book(workshop=a_workshop, hcp=hcp)
    booking(a_workshop, second_hcp, BookingStatus.WAITING)
    booking(a_workshop, hcp_b, BookingStatus.DECLINED)
    booking(a_workshop, outsider, BookingStatus.INVITED)
    _, first_event = calendar_of(mailoutbox[0])
    mailoutbox.clear()
    later = a_workshop.starts_at + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        _update(a_workshop, trainer, starts_at=later, ends_at=later + timedelta(hours=6))
    assert sorted(m.to[0] for m in mailoutbox) == sorted([hcp.email, second_hcp.email])
    for email in mailoutbox:
        assert email.subject == f"Changed: {a_workshop.title}"
        assert timezone.localtime(later).strftime("%-d %B %Y") in email.body
        assert "has changed" in email.alternatives[0][0]
        method, event = calendar_of(email)
        assert method == "PUBLISH"
        assert event["UID"] == first_event["UID"]
        assert event["SEQUENCE"] > first_event["SEQUENCE"]
        assert event.decoded("DTSTART") == later


def test_a_new_venue_is_an_update_too_and_other_changes_tell_nobody(
    a_workshop, hcp, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    booking(a_workshop, hcp)
    with django_capture_on_commit_callbacks(execute=True):
        _update(a_workshop, trainer, title="Care planning day")
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        _update(a_workshop, trainer, venue="Room 2")
    (email,) = mailoutbox
    assert "Venue: Room 2" in email.body
    a_workshop.refresh_from_db()
    assert a_workshop.calendar_sequence == 1


def test_the_trainer_and_the_site_manager_download_the_workshop_calendar(
    client, a_workshop, trainer, manager
):
    url = reverse("workshops:workshop-calendar", args=[a_workshop.pk])
    for person in (trainer, manager):
        client.force_login(person)
        assertContains(client.get(reverse("workshops:detail", args=[a_workshop.pk])), url)
        response = client.get(url)
        assert response["Content-Type"] == "text/calendar"
        assert f'filename="workshop-{a_workshop.pk}.ics"' in response["Content-Disposition"]
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["SUMMARY"]) == a_workshop.title
        assert str(event["URL"]).endswith(f"/workshops/{a_workshop.pk}/")


def test_nobody_else_downloads_the_workshop_calendar(
    client, a_workshop, site_a, hcp, other_manager, outsider, hcp_b
):
    booking(a_workshop, hcp)
    other_trainer = person_with_role(Role.TRAINER, site_a, email="t2@example.org")
    url = reverse("workshops:workshop-calendar", args=[a_workshop.pk])
    for person in (hcp, other_manager, outsider, hcp_b, other_trainer):
        client.force_login(person)
        assert client.get(url).status_code == 404

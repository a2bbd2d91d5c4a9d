"""Calendar files that stay true: one UID per workshop, updates and cancellations."""

import pytest
from icalendar import Calendar

from tests.factories.workshops import booking
from workshops import services
from workshops.models import Booking

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

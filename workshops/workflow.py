"""What each state of a workshop and of a booking allows: read by services, views and templates."""

from django.utils import timezone

from training_site.workflow import workflow_rules
from workshops.models import BookingStatus, WorkshopStatus

HOLDS_PLACE = (BookingStatus.BOOKED, BookingStatus.WAITING)
MARKS = (BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND)


def workshop_may_be_booked(workshop):
    """A place may be booked while the workshop is open for booking and has not begun."""
    return workshop.is_open_for_booking()


def workshop_may_open(workshop):
    """A planned workshop that has not begun may still open for booking."""
    return workshop.status == WorkshopStatus.PLANNED and not workshop.has_started()


def workshop_may_change(workshop):
    """A workshop's details and register may be changed until it is cancelled."""
    return workshop.status != WorkshopStatus.CANCELLED


def workshop_may_be_cancelled(workshop):
    """A workshop may be cancelled until it is cancelled or delivered."""
    return workshop.status not in (WorkshopStatus.CANCELLED, WorkshopStatus.DELIVERED)


def workshop_may_invite(workshop):
    """People may be invited to a workshop still to come that is neither cancelled nor delivered."""
    return workshop_may_be_cancelled(workshop) and workshop.ends_at >= timezone.now()


def booking_may_be_declined(booking):
    """Only an invitation not yet answered may be declined, until the workshop begins."""
    return booking.status == BookingStatus.INVITED and not booking.workshop.has_started()


def booking_may_be_cancelled(booking):
    """A place or a place on the waiting list may be cancelled."""
    return booking.status in HOLDS_PLACE


def booking_may_be_promoted(booking):
    """Someone on the waiting list may be given a place."""
    return booking.status == BookingStatus.WAITING


def booking_may_be_rebooked(booking):
    """Booking again is refused once the register has marked the person."""
    return booking.status not in MARKS


def booking_has_calendar(booking):
    """Someone with a place, or who came, may download the workshop's calendar file."""
    return booking.status in (BookingStatus.BOOKED, BookingStatus.ATTENDED)


def booking_has_certificate(booking):
    """Only an attendee may download a certificate of attendance, unless it was withdrawn."""
    if booking.status != BookingStatus.ATTENDED:
        return False
    certificate = getattr(booking, "certificate", None)
    return certificate is None or not certificate.is_withdrawn


workflow_rules(
    "workshops.Workshop",
    {
        "book": workshop_may_be_booked,
        "open": workshop_may_open,
        "change": workshop_may_change,
        "cancel": workshop_may_be_cancelled,
        "invite": workshop_may_invite,
    },
)
workflow_rules(
    "workshops.Booking",
    {
        "decline": booking_may_be_declined,
        "cancel": booking_may_be_cancelled,
        "promote": booking_may_be_promoted,
        "rebook": booking_may_be_rebooked,
        "calendar": booking_has_calendar,
        "certificate": booking_has_certificate,
    },
)

"""The booking page offers exactly what the booking services accept, in every state."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.factories.workshops import booking as make_booking
from workshops import services
from workshops.models import Booking, BookingStatus, WorkshopStatus

pytestmark = pytest.mark.django_db

WHEN = {
    "open, to come": (WorkshopStatus.OPEN, 10),
    "open, started": (WorkshopStatus.OPEN, 0),
    "planned": (WorkshopStatus.PLANNED, 10),
    "cancelled": (WorkshopStatus.CANCELLED, 10),
    "delivered": (WorkshopStatus.DELIVERED, -1),
}
BUTTONS = {
    "book": ("Book a place",),
    "decline": ("Decline the invitation",),
    "cancel": ("Cancel my place", "Leave the waiting list"),
}


class Refused(Exception):
    """Raised to roll back a service call that succeeded."""


def _accepted(action, workshop, booking, hcp):
    """Say whether a booking service accepts the action, leaving nothing changed."""
    calls = {
        "book": lambda: services.booking_book(workshop=workshop, hcp=hcp),
        "decline": lambda: services.booking_decline(booking=booking, actor=hcp),
        "cancel": lambda: services.booking_cancel(booking=booking, actor=hcp),
    }
    if booking is None and action != "book":
        return False
    try:
        with transaction.atomic():
            calls[action]()
            raise Refused
    except ValidationError:
        return False
    except Refused:
        return True


def _set_when(workshop, when):
    status, days = WHEN[when]
    starts = timezone.now() + timedelta(days=days, minutes=-30 if days <= 0 else 0)
    workshop.status = status
    workshop.starts_at = starts
    workshop.ends_at = starts + timedelta(hours=6)
    workshop.save()


HOLDING = (BookingStatus.INVITED, BookingStatus.BOOKED, BookingStatus.WAITING)


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("status", [None, *BookingStatus.values])
def test_the_booking_page_offers_what_the_services_accept(client, a_workshop, hcp, when, status):
    if when == "cancelled" and status in HOLDING:
        pytest.skip("Cancelling a workshop cancels every invitation, place and waiting place.")
    _set_when(a_workshop, when)
    booking = make_booking(a_workshop, hcp, status) if status else None
    client.force_login(hcp)
    page = client.get(reverse("workshops:booking", args=[a_workshop.pk])).content.decode()
    for action, labels in BUTTONS.items():
        offered = any(f">{label}</button>" in page for label in labels)
        accepted = _accepted(action, a_workshop, booking, hcp)
        if (
            action == "book"
            and booking
            and booking.status
            in (
                BookingStatus.BOOKED,
                BookingStatus.WAITING,
            )
        ):
            accepted = False
        assert offered == accepted, (action, when, status)
    assert Booking.objects.filter(hcp=hcp).count() == (1 if status else 0)


@pytest.mark.parametrize("when", list(WHEN))
def test_the_trainer_is_offered_cancel_and_invite_only_when_the_services_accept(
    client, a_workshop, trainer, second_hcp, when
):
    _set_when(a_workshop, when)
    client.force_login(trainer)
    page = client.get(reverse("workshops:detail", args=[a_workshop.pk])).content.decode()
    calls = {
        "Cancel the workshop": lambda: services.workshop_cancel(workshop=a_workshop, actor=trainer),
        "Invite people": lambda: services.booking_invite(
            workshop=a_workshop, hcps=[second_hcp], actor=trainer
        ),
    }
    for label, call in calls.items():
        try:
            with transaction.atomic():
                call()
                raise Refused
        except ValidationError:
            accepted = False
        except Refused:
            accepted = True
        assert (label in page) == accepted, (label, when)

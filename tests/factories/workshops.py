"""Workshops and bookings, as if the services had written them."""

from datetime import timedelta

from django.utils import timezone

from workshops.models import Booking, BookingStatus, Workshop, WorkshopStatus


def workshop(programme, site, *, modules=(), trainers=(), days=10, capacity=10, **fields):
    """Create a workshop some days from now, or at ``starts_at``, open unless told otherwise."""
    starts = fields.pop("starts_at", None) or timezone.now().replace(
        hour=9, minute=30, second=0, microsecond=0
    ) + timedelta(days=days)
    fields.setdefault("title", "Care planning workshop")
    fields.setdefault("venue", "Training room 1")
    fields.setdefault("status", WorkshopStatus.OPEN)
    created = Workshop.objects.create(
        programme=programme,
        site=site,
        starts_at=starts,
        ends_at=fields.pop("ends_at", starts + timedelta(hours=6)),
        capacity=capacity,
        **fields,
    )
    created.modules.set(modules)
    created.trainers.set(trainers)
    return created


def booking(workshop, hcp, status=BookingStatus.BOOKED):
    """Create a booking in a given state, as if the services had written it."""
    return Booking.objects.create(
        workshop=workshop,
        hcp=hcp,
        status=status,
        queued_at=timezone.now() if status == BookingStatus.WAITING else None,
    )

"""The steps every workshop write shares: locking, moving a booking, history and email."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from training_site.emails import email_send
from workshops.calendars import ics_filename, workshop_ics
from workshops.models import BookingEvent, BookingStatus, Workshop, WorkshopEvent

ICS_MIMETYPE = "text/calendar"


def booking_record(booking, *, actor, from_status, note=""):
    """Append one change to the booking's history."""
    BookingEvent.objects.create(
        booking=booking,
        actor=actor,
        from_status=from_status or "",
        to_status=booking.status,
        note=note,
    )


def workshop_history(workshop, actor, action, lines):
    """Append one change to the workshop's history."""
    WorkshopEvent.objects.create(
        workshop=workshop, actor=actor, action=action, changes="\n".join(lines)
    )


def booking_move(booking, status, *, actor, note=""):
    """Change a booking's status and record who did it."""
    from_status = booking.status
    booking.status = status
    booking.queued_at = timezone.now() if status == BookingStatus.WAITING else None
    booking.full_clean()
    booking.save()
    booking_record(booking, actor=actor, from_status=from_status, note=note)
    return booking


def workshop_lock(workshop):
    """Re-read the workshop under a row lock, so places are counted one booking at a time."""
    return Workshop.objects.select_for_update().get(pk=workshop.pk)


def booking_email(booking, template, subject, *, calendar=None, **context):
    """Email the HCP about its booking once the change is committed.

    ``calendar`` is the method of the attached calendar file, PUBLISH or CANCEL, or None.
    """
    workshop = booking.workshop
    attachments = []
    if calendar:
        ics = workshop_ics(workshop, method=calendar)
        attachments.append((ics_filename(workshop), ics, ICS_MIMETYPE))
    path = reverse("workshops:booking", args=[workshop.pk])
    context = {"booking": booking, "workshop": workshop, "path": path, **context}

    def send():
        email_send(
            to=booking.hcp.email,
            subject=subject,
            template=f"workshops/emails/{template}",
            context=context,
            attachments=attachments,
        )

    transaction.on_commit(send, robust=True)

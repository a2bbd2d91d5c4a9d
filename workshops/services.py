"""Every write to workshops and bookings: one function per change, atomic, validated, recorded.

Booking a place locks the workshop row (``select_for_update``) before counting the places
taken, so two people booking the last place at the same moment are served one after the
other: one gets the place, the other joins the waiting list.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from competences.models import Competence, EvidenceKind
from competences.services import evidence_record, evidence_withdraw
from training_site.workflow import may, workflow_require
from workshops.calendars import CANCEL, PUBLISH
from workshops.certificate_services import issue_on_attendance, withdraw_on_correction
from workshops.history import workshop_details
from workshops.models import (
    Booking,
    BookingStatus,
    Workshop,
    WorkshopAction,
    WorkshopStatus,
    WorkshopWave,
)
from workshops.recording import (
    booking_email,
    booking_move,
    booking_record,
    workshop_history,
    workshop_lock,
)
from workshops.workflow import HOLDS_PLACE, MARKS

MOVING_FIELDS = ("starts_at", "ends_at", "venue", "online_url")


def _save_workshop(workshop, modules, trainers):
    """Validate and save a workshop with its modules and trainers."""
    workshop.full_clean()
    foreign = [m for m in modules if m.get_parent().pk != workshop.programme_id]
    if foreign:
        raise ValidationError({"modules": "Choose modules of the chosen programme only."})
    workshop.save()
    workshop.modules.set(modules)
    workshop.trainers.set(trainers)
    return workshop


@transaction.atomic
def workshop_create(*, actor, modules=(), trainers=(), **fields):
    """Schedule a workshop; the person scheduling it is one of its trainers."""
    workshop = Workshop(**fields)
    _save_workshop(workshop, list(modules), {*trainers, actor})
    lines = [f"{name}: {value}" for name, value in workshop_details(workshop).items() if value]
    workshop_history(workshop, actor, WorkshopAction.CREATED, lines)
    return workshop


@transaction.atomic
def workshop_update(*, workshop, actor, modules=(), trainers=(), **fields):
    """Change a workshop's details; a cancelled workshop stays cancelled."""
    workshop = workshop_lock(workshop)
    workshop_message = "This workshop has been cancelled and can no longer be changed."
    workflow_require(workshop, "change", workshop_message)
    before = {name: getattr(workshop, name) for name in MOVING_FIELDS}
    details = workshop_details(workshop)
    for name, value in fields.items():
        setattr(workshop, name, value)
    moved = any(getattr(workshop, name) != value for name, value in before.items())
    if moved:
        workshop.calendar_sequence += 1
    _save_workshop(workshop, list(modules), list(trainers) or [actor])
    lines = [
        f"{name}: {details[name] or 'none'} to {value or 'none'}"
        for name, value in workshop_details(workshop).items()
        if details[name] != value
    ]
    if lines:
        workshop_history(workshop, actor, WorkshopAction.CHANGED, lines)
    if moved:
        _tell_moved(workshop)
    return workshop


def _tell_moved(workshop):
    """Email everyone booked or waiting the workshop's new details and calendar file."""
    affected = workshop.bookings.with_status(*HOLDS_PLACE).select_related("hcp")
    for booking in affected:
        booking.workshop = workshop
        booking_email(booking, "workshop_moved", f"Changed: {workshop.title}", calendar=PUBLISH)


@transaction.atomic
def workshop_cancel(*, workshop, actor):
    """Cancel a workshop and tell everyone invited, booked or waiting."""
    workshop = workshop_lock(workshop)
    if not may(workshop, "cancel"):
        raise ValidationError(
            "This workshop is already cancelled."
            if workshop.is_cancelled
            else "This workshop has been delivered and cannot be cancelled."
        )
    workshop.status = WorkshopStatus.CANCELLED
    workshop.calendar_sequence += 1
    workshop.save(update_fields=["status", "calendar_sequence"])
    workshop_history(workshop, actor, WorkshopAction.CANCELLED, [])
    affected = workshop.bookings.with_status(
        BookingStatus.INVITED, BookingStatus.BOOKED, BookingStatus.WAITING
    ).select_related("hcp", "workshop__programme")
    for booking in affected:
        booking_move(
            booking, BookingStatus.CANCELLED, actor=actor, note="The workshop was cancelled."
        )
        booking_email(
            booking, "workshop_cancelled", f"Cancelled: {workshop.title}", calendar=CANCEL
        )
    return workshop


@transaction.atomic
def wave_create(*, name, site, practices):
    """Start a wave of workshops for a cohort of practices at a site."""
    wave = WorkshopWave(name=(name or "").strip(), site=site)
    wave.full_clean()
    outside = [p for p in practices if not p.path.startswith(site.path)]
    if outside:
        raise ValidationError({"practices": "Choose practices in the wave's site only."})
    wave.save()
    wave.practices.set(practices)
    return wave


@transaction.atomic
def booking_invite(*, workshop, hcps, actor):
    """Invite people to a workshop; anyone already invited or booked is left as they are."""
    workshop = workshop_lock(workshop)
    workflow_require(
        workshop, "invite", "Invitations can only be sent for a workshop still to come."
    )
    already = set(workshop.bookings.values_list("hcp_id", flat=True))
    invited = []
    for hcp in hcps:
        if hcp.pk in already:
            continue
        already.add(hcp.pk)
        booking = Booking(workshop=workshop, hcp=hcp, status=BookingStatus.INVITED)
        booking.full_clean()
        booking.save()
        booking_record(booking, actor=actor, from_status="")
        booking_email(booking, "invitation", f"You are invited: {workshop.title}")
        invited.append(booking)
    return invited


@transaction.atomic
def booking_book(*, workshop, hcp, actor=None):
    """Book a place if one is left, otherwise join the waiting list."""
    workshop = workshop_lock(workshop)
    workflow_require(workshop, "book", "This workshop is not open for booking.")
    booking = Booking.objects.filter(workshop=workshop, hcp=hcp).first()
    if booking and booking.status in HOLDS_PLACE:
        return booking
    if booking:
        workflow_require(
            booking, "rebook", "The register for this workshop has already been taken."
        )
    taken = workshop.bookings.with_status(BookingStatus.BOOKED).count()
    status = BookingStatus.BOOKED if taken < workshop.capacity else BookingStatus.WAITING
    if booking is None:
        booking = Booking(workshop=workshop, hcp=hcp)
    booking.workshop = workshop
    booking_move(booking, status, actor=actor or hcp)
    booked_by = actor if actor and actor.pk != hcp.pk else None
    if status == BookingStatus.BOOKED:
        subject = f"Booked: {workshop.title}"
        booking_email(booking, "booking_confirmed", subject, calendar=PUBLISH, booked_by=booked_by)
    else:
        subject = f"On the waiting list: {workshop.title}"
        booking_email(booking, "booking_waiting", subject, booked_by=booked_by)
    return booking


@transaction.atomic
def booking_decline(*, booking, actor):
    """Say no to an invitation."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    workflow_require(
        booking, "decline", "Only an invitation not yet answered can be declined, before the day."
    )
    return booking_move(booking, BookingStatus.DECLINED, actor=actor)


@transaction.atomic
def booking_cancel(*, booking, actor, note=None):
    """Cancel a place or a waiting-list entry; a freed place goes to the first one waiting."""
    workshop = workshop_lock(booking.workshop)
    booking = Booking.objects.select_related("hcp").get(pk=booking.pk)
    booking.workshop = workshop
    workflow_require(
        booking, "cancel", "Only a place or a place on the waiting list can be cancelled."
    )
    freed = booking.status == BookingStatus.BOOKED
    by_hcp = actor.pk == booking.hcp_id
    note = note or ("" if by_hcp else "By the trainer.")
    booking_move(booking, BookingStatus.CANCELLED, actor=actor, note=note)
    subject = f"Your place is cancelled: {workshop.title}"
    booking_email(booking, "booking_cancelled", subject, calendar=CANCEL, by_hcp=by_hcp)
    if freed and workshop.starts_at > timezone.now():
        promoted = workshop.bookings.waiting_list().select_related("hcp").first()
        if promoted is not None:
            promoted.workshop = workshop
            booking_move(
                promoted, BookingStatus.BOOKED, actor=actor, note="Moved up the waiting list."
            )
            subject = f"You have a place: {workshop.title}"
            booking_email(promoted, "booking_promoted", subject, calendar=PUBLISH)
    return booking


@transaction.atomic
def booking_promote(*, booking, actor):
    """Give someone on the waiting list a place, if one is free; they are emailed."""
    workshop = workshop_lock(booking.workshop)
    booking = Booking.objects.select_related("hcp").get(pk=booking.pk)
    booking.workshop = workshop
    workflow_require(booking, "promote", "This person is no longer on the waiting list.")
    workflow_require(workshop, "book", "This workshop is not open for booking.")
    if workshop.bookings.with_status(BookingStatus.BOOKED).count() >= workshop.capacity:
        raise ValidationError("Every place is taken. Cancel a place or raise the capacity first.")
    booking_move(
        booking, BookingStatus.BOOKED, actor=actor, note="Given a place from the waiting list."
    )
    subject = f"You have a place: {workshop.title}"
    booking_email(booking, "booking_promoted", subject, calendar=PUBLISH)
    return booking


@transaction.atomic
def booking_reorder(*, booking, actor, up=True):
    """Move someone one place up, or down, the waiting list."""
    workshop = workshop_lock(booking.workshop)
    queue = list(workshop.bookings.waiting_list())
    index = next((n for n, waiting in enumerate(queue) if waiting.pk == booking.pk), None)
    if index is None:
        raise ValidationError("This person is no longer on the waiting list.")
    other = index - 1 if up else index + 1
    if not 0 <= other < len(queue):
        end = "first" if up else "last"
        raise ValidationError(f"This person is already {end} on the waiting list.")
    first, second = sorted((queue[index], queue[other]), key=lambda b: (b.queued_at, b.pk))
    first.queued_at, second.queued_at = second.queued_at, first.queued_at
    if first.queued_at == second.queued_at:
        first.queued_at += timedelta(microseconds=1)
    for moved in (first, second):
        moved.save(update_fields=["queued_at", "updated_at"])
    moved = queue[index]
    booking_record(
        moved,
        actor=actor,
        from_status=moved.status,
        note=f"Moved {'up' if up else 'down'} the waiting list, to number {other + 1}.",
    )
    return moved


@transaction.atomic
def booking_transfer(*, booking, to, actor):
    """Move a place or waiting-list entry to another date of the same programme."""
    booking = Booking.objects.select_related("hcp", "workshop").get(pk=booking.pk)
    if to.pk == booking.workshop_id:
        raise ValidationError({"workshop": "Choose another date than this one."})
    if to.programme_id != booking.workshop.programme_id:
        raise ValidationError({"workshop": "Choose a date of the same programme."})
    workflow_require(booking, "cancel", "Only a place or a place on the waiting list can be moved.")
    if Booking.objects.filter(workshop=to, hcp=booking.hcp, status__in=HOLDS_PLACE).exists():
        raise ValidationError({"workshop": "This person already has a place on that date."})
    moved = booking_book(workshop=to, hcp=booking.hcp, actor=actor)
    day = timezone.localtime(to.starts_at)
    booking_cancel(booking=booking, actor=actor, note=f"Moved to {to.title}, {day:%d %b %Y}.")
    return moved


@transaction.atomic
def workshop_message(*, workshop, actor, subject, body, include_waiting=False):
    """Email everyone booked, and if asked everyone waiting, and keep the message in the history."""
    subject, body = (subject or "").strip(), (body or "").strip()
    asked = (("subject", subject, "Enter a subject."), ("body", body, "Enter the message."))
    if errors := {name: text for name, value, text in asked if not value}:
        raise ValidationError(errors)
    statuses = HOLDS_PLACE if include_waiting else (BookingStatus.BOOKED,)
    recipients = list(workshop.bookings.with_status(*statuses).select_related("hcp"))
    if not recipients:
        raise ValidationError(
            "Nobody is booked or waiting yet." if include_waiting else "Nobody is booked yet."
        )
    for booking in recipients:
        booking_email(booking, "message", f"{subject}: {workshop.title}", message=body)
    who = "booked and waiting" if include_waiting else "booked"
    lines = [f"To the {len(recipients)} people {who}", f"Subject: {subject}", *body.splitlines()]
    workshop_history(workshop, actor, WorkshopAction.MESSAGED, lines)
    return recipients


@transaction.atomic
def register_mark(*, workshop, marks, actor):
    """Take the register: attended or did not attend; attending counts as evidence.

    ``marks`` maps booking ids to a status. Attendance is recorded as workshop evidence
    for every competence the workshop's modules develop.
    """
    workshop = workshop_lock(workshop)
    workflow_require(workshop, "change", "This workshop was cancelled.")
    if not workshop.register_opens():
        raise ValidationError("The register opens on the day of the workshop.")
    if any(status not in MARKS for status in marks.values()):
        raise ValidationError("Mark each person as attended or did not attend.")
    bookings = workshop.bookings.on_register().select_related("hcp").in_bulk(list(marks))
    if len(bookings) != len(marks):
        raise ValidationError("Someone on this register is no longer booked. Reload the page.")
    competences = list(_competences_of(workshop))
    for pk, status in marks.items():
        booking = bookings[pk]
        if booking.status != status:
            booking.workshop = workshop
            note = "Register."
            if booking.status == BookingStatus.ATTENDED:
                evidence_withdraw(hcp=booking.hcp, source=booking)
                withdraw_on_correction(booking, actor)
                note = (
                    "Register. The workshop evidence for this attendance is removed "
                    "and its certificate withdrawn."
                )
            booking_move(booking, status, actor=actor, note=note)
            if status == BookingStatus.ATTENDED:
                issue_on_attendance(booking)
        if status == BookingStatus.ATTENDED:
            for competence in competences:
                evidence_record(
                    hcp=booking.hcp,
                    competence=competence,
                    kind=EvidenceKind.WORKSHOP,
                    description=f"Attended the workshop {workshop}.",
                    source=booking,
                    actor=actor,
                )
    if workshop.status != WorkshopStatus.DELIVERED:
        workshop.status = WorkshopStatus.DELIVERED
        workshop.save(update_fields=["status"])
    return workshop


def _competences_of(workshop):
    """Return the competences the workshop's modules develop."""
    return Competence.objects.filter(modules__workshops=workshop).distinct()

"""Filling a workshop: booking or inviting one named person, the waiting list, moving a place."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from training_site.access import role_required
from training_site.forms import form_add_service_error
from training_site.scoping import RUNNING_ROLES
from workshops import queries, services
from workshops.forms import BookingTransferForm, PersonSearchForm, WorkshopMessageForm
from workshops.models import Booking, BookingStatus, Workshop
from workshops.views import run_by_or_404

BOOKED_MESSAGES = {
    BookingStatus.BOOKED: "{name} is booked and has been emailed the details.",
    BookingStatus.WAITING: "The workshop is full: {name} is on the waiting list and has been told.",
}


def _run_booking_or_404(request, pk):
    """Return a booking on a workshop the person trains or manages, or answer 404."""
    bookings = Booking.objects.filter(workshop__in=Workshop.objects.run_by(request.user))
    return get_object_or_404(bookings.select_related("hcp", "workshop"), pk=pk)


def _done(request, workshop_pk, change, success):
    """Make a change, say how it went, and go back to the workshop."""
    try:
        change()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("workshops:detail", workshop_pk)


@role_required(*RUNNING_ROLES)
def book_person(request, pk):
    """Find one HCP of the workshop's site by name or email, then book or invite them."""
    workshop = run_by_or_404(request, pk)
    if request.method == "POST":
        person_pk = request.POST.get("person", "")
        people = queries.hcps_in(workshop.site)
        person = get_object_or_404(people, pk=person_pk if person_pk.isdigit() else None)
        name = person.get_full_name()
        if request.POST.get("action") == "invite":
            return _done(
                request,
                workshop.pk,
                lambda: services.booking_invite(
                    workshop=workshop, hcps=[person], actor=request.user
                ),
                f"{name} is invited and has been emailed.",
            )
        try:
            booking = services.booking_book(workshop=workshop, hcp=person, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, BOOKED_MESSAGES[booking.status].format(name=name))
        return redirect("workshops:detail", workshop.pk)
    form = PersonSearchForm(request.GET or None)
    found = queries.hcps_matching(workshop, form.cleaned_data["query"]) if form.is_valid() else None
    context = {"workshop": workshop, "form": form, "found": found}
    return render(request, "workshops/book_person.html", context)


@require_POST
@role_required(*RUNNING_ROLES)
def booking_promote(request, pk):
    """Give someone on the waiting list a free place."""
    booking = _run_booking_or_404(request, pk)
    return _done(
        request,
        booking.workshop_id,
        lambda: services.booking_promote(booking=booking, actor=request.user),
        f"{booking.hcp.get_full_name()} has a place and has been emailed.",
    )


@require_POST
@role_required(*RUNNING_ROLES)
def booking_reorder(request, pk):
    """Move someone one place up or down the waiting list."""
    booking = _run_booking_or_404(request, pk)
    up = request.POST.get("direction") != "down"
    return _done(
        request,
        booking.workshop_id,
        lambda: services.booking_reorder(booking=booking, actor=request.user, up=up),
        f"{booking.hcp.get_full_name()} is moved {'up' if up else 'down'} the waiting list.",
    )


@role_required(*RUNNING_ROLES)
def booking_transfer(request, pk):
    """Move someone's place, or waiting-list entry, to another date of the same programme."""
    booking = _run_booking_or_404(request, pk)
    form = BookingTransferForm(
        request.POST or None, dates=queries.transfer_dates(request.user, booking)
    )
    if request.method == "POST" and form.is_valid():
        to = form.cleaned_data["workshop"]
        try:
            moved = services.booking_transfer(booking=booking, to=to, actor=request.user)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            where = "has a place" if moved.status == BookingStatus.BOOKED else "is waiting"
            name = booking.hcp.get_full_name()
            messages.success(request, f"{name} {where} on {to.title} and has been emailed.")
            return redirect("workshops:detail", booking.workshop_id)
    return render(request, "workshops/booking_transfer.html", {"booking": booking, "form": form})


@role_required(*RUNNING_ROLES)
def workshop_message(request, pk):
    """Email everyone booked on a workshop, or waiting too; the message joins its history."""
    workshop = run_by_or_404(request, pk)
    form = WorkshopMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.workshop_message(
                workshop=workshop, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            count = len(sent)
            messages.success(
                request, f"Your message is sent to {count} {'person' if count == 1 else 'people'}."
            )
            return redirect("workshops:detail", workshop.pk)
    return render(request, "workshops/message.html", {"workshop": workshop, "form": form})

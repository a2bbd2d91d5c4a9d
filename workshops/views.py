"""Workshop pages: the trainer's dashboard and day, the HCP's bookings and certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from curriculum.models import ProgrammePage
from training_site.access import role_required
from training_site.forms import form_add_service_error
from training_site.models import Organisation, OrganisationKind, Role
from training_site.record_links import record_links
from training_site.scoping import (
    MANAGING_ROLES,
    RUNNING_ROLES,
    has_role,
    organisations_with_role,
)
from training_site.workflow import may
from workshops import queries, services
from workshops.forms import (
    PostInviteForm,
    PracticeInviteForm,
    ProgrammeChoiceForm,
    RegisterForm,
    WaveForm,
    WorkshopForm,
)
from workshops.models import Booking, BookingStatus, Workshop
from workshops.tables import (
    BookingTable,
    ComingWorkshopTable,
    MyBookingTable,
    OpenWorkshopTable,
    PastBookingTable,
    RegisterTable,
)

WORKSHOPS_PER_PAGE = 25


def run_by_or_404(request, pk):
    """Return a workshop the person trains or manages, or answer 404."""
    return get_object_or_404(
        Workshop.objects.run_by(request.user).select_related("site", "programme", "wave"), pk=pk
    )


def _sites_for(user):
    """Return the sites where a person may schedule workshops."""
    if user.is_superuser:
        return Organisation.objects.filter(kind=OrganisationKind.SITE)
    return organisations_with_role(user, *RUNNING_ROLES).filter(kind=OrganisationKind.SITE)


@login_required
def index(request):
    """The trainer's dashboard; HCPs go to their own workshops."""
    if not (request.user.is_superuser or has_role(request.user, *RUNNING_ROLES)):
        if has_role(request.user, Role.HCP):
            return redirect("workshops:mine")
        raise Http404("Page not found.")
    table = ComingWorkshopTable(queries.trainer_dashboard(request.user))
    RequestConfig(request, paginate={"per_page": WORKSHOPS_PER_PAGE}).configure(table)
    return render(
        request,
        "workshops/dashboard.html",
        {
            "table": table,
            "links": record_links("register_workshop_dashboard_links", request, request.user),
            "registers_due": list(queries.registers_due(request.user)),
            "may_report": request.user.is_superuser or has_role(request.user, *MANAGING_ROLES),
            "is_hcp": has_role(request.user, Role.HCP),
        },
    )


def _chosen_programme(request, default=None):
    """Return the live programme named in the form or the address, or the default."""
    pk = request.POST.get("programme") or request.GET.get("programme")
    if pk and str(pk).isdigit():
        return ProgrammePage.objects.live().filter(pk=pk).first() or default
    return default


@role_required(*RUNNING_ROLES)
def workshop_create(request):
    """Schedule a workshop: choose the programme, then the details."""
    programme = _chosen_programme(request)
    if programme is None:
        form = ProgrammeChoiceForm(request.GET or None)
        return render(request, "workshops/choose_programme.html", {"form": form})
    form = WorkshopForm(
        request.POST or None,
        sites=_sites_for(request.user),
        programme=programme,
        initial={"status": "planned", "programme": programme.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(actor=request.user, **form.workshop_fields())
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, f"{workshop.title} is scheduled. Now invite people to it.")
            return redirect("workshops:detail", workshop.pk)
    return render(request, "workshops/form.html", {"form": form, "workshop": None})


@role_required(*RUNNING_ROLES)
def workshop_edit(request, pk):
    """Change a workshop's details."""
    workshop = run_by_or_404(request, pk)
    form = WorkshopForm(
        request.POST or None,
        sites=_sites_for(request.user) | Organisation.objects.filter(pk=workshop.site_id),
        programme=_chosen_programme(request, default=workshop.programme),
        initial=WorkshopForm.initial_for(workshop),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_update(
                workshop=workshop, actor=request.user, **form.workshop_fields()
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "The workshop's details are saved.")
            return redirect("workshops:detail", workshop.pk)
    return render(request, "workshops/form.html", {"form": form, "workshop": workshop})


def _booking_tables(request, workshop):
    """Return a sortable table of the workshop's bookings for each status it has."""
    groups = []
    for status, bookings in queries.bookings_by_status(workshop):
        table = BookingTable(bookings, status=status, workshop=workshop)
        RequestConfig(request, paginate=False).configure(table)
        groups.append((status, table))
    return groups


@role_required(*RUNNING_ROLES)
def workshop_detail(request, pk, practice_form=None, post_form=None):
    """The workshop page: details, bookings against capacity, invitations, links."""
    workshop = run_by_or_404(request, pk)
    counted = queries.workshops_with_counts(Workshop.objects.filter(pk=workshop.pk)).get()
    return render(
        request,
        "workshops/detail.html",
        {
            "workshop": counted,
            "groups": _booking_tables(request, workshop),
            "modules": workshop.modules.order_by("path"),
            "trainers": workshop.trainers.order_by("last_name", "first_name"),
            "practice_form": practice_form or PracticeInviteForm(workshop=workshop),
            "post_form": post_form or PostInviteForm(workshop=workshop),
            "links": record_links("register_workshop_links", request, workshop),
            "history": workshop.events.select_related("actor"),
        },
    )


INVITEES = {
    "needs": queries.hcps_with_gap,
    "wave": queries.hcps_in_wave,
}


@require_POST
@role_required(*RUNNING_ROLES)
def workshop_invite(request, pk):
    """Invite a practice, a post, the wave's practices or the people with a gap."""
    workshop = run_by_or_404(request, pk)
    by = request.POST.get("by")
    practice_form = PracticeInviteForm(
        request.POST if by == "practice" else None, workshop=workshop
    )
    post_form = PostInviteForm(request.POST if by == "post" else None, workshop=workshop)
    if by == "practice" and practice_form.is_valid():
        people = queries.hcps_in(practice_form.cleaned_data["practice"])
    elif by == "post" and post_form.is_valid():
        people = queries.hcps_in_post(workshop, post_form.cleaned_data["profile"])
    elif by in INVITEES:
        people = INVITEES[by](workshop)
    else:
        return workshop_detail(request, pk, practice_form=practice_form, post_form=post_form)
    try:
        invited = services.booking_invite(workshop=workshop, hcps=people, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = len(invited)
        messages.success(
            request,
            f"{count} {'person' if count == 1 else 'people'} invited."
            if count
            else "Nobody new to invite: everyone there is already invited.",
        )
    return redirect("workshops:detail", workshop.pk)


@role_required(*RUNNING_ROLES)
def workshop_cancel(request, pk):
    """Cancel a workshop, after saying who will be told."""
    workshop = run_by_or_404(request, pk)
    if request.method == "POST":
        try:
            services.workshop_cancel(workshop=workshop, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The workshop is cancelled and everyone has been told.")
        return redirect("workshops:detail", workshop.pk)
    return render(request, "workshops/cancel.html", {"workshop": workshop})


@require_POST
@role_required(*RUNNING_ROLES)
def booking_cancel_by_trainer(request, pk):
    """Cancel someone's place; the first on the waiting list moves up."""
    booking = get_object_or_404(
        Booking.objects.filter(workshop__in=Workshop.objects.run_by(request.user)), pk=pk
    )
    try:
        services.booking_cancel(booking=booking, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{booking.hcp.get_full_name()}'s place is cancelled.")
    return redirect("workshops:detail", booking.workshop_id)


@role_required(*RUNNING_ROLES)
def workshop_register(request, pk):
    """The register on the day: attended or did not attend for each booked HCP."""
    workshop = run_by_or_404(request, pk)
    bookings = (
        workshop.bookings.on_register()
        .select_related("hcp")
        .order_by("hcp__last_name", "hcp__first_name", "pk")
    )
    form = RegisterForm(request.POST or None, bookings=bookings)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_mark(workshop=workshop, marks=form.marks(), actor=request.user)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, "The register is saved.")
            return redirect("workshops:register", workshop.pk)
    table = RegisterTable(form)
    RequestConfig(request, paginate=False).configure(table)
    context = {"workshop": workshop, "form": form, "attendance_table": table}
    return render(request, "workshops/register.html", context)


@role_required(*RUNNING_ROLES)
def wave_create(request):
    """Start a wave of workshops for a cohort of practices."""
    form = WaveForm(request.POST or None, sites=_sites_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            wave = services.wave_create(**form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, f"{wave.name} is started. Choose it when you schedule.")
            return redirect("workshops:index")
    return render(request, "workshops/wave_form.html", {"form": form})


def _open_to_or_404(request, pk):
    """Return a workshop the HCP is invited to or may book at its site, or answer 404."""
    return get_object_or_404(
        Workshop.objects.open_to(request.user).select_related("site", "programme"), pk=pk
    )


@role_required(Role.HCP)
def my_workshops(request):
    """My invitations, places, waiting lists, past workshops and those I may book."""
    mine = queries.hcp_workshops(request.user)
    tables = {
        "invitations": MyBookingTable(mine.invitations, columns=["site"], prefix="invited-"),
        "booked": MyBookingTable(mine.booked, columns=["calendar"], prefix="booked-"),
        "waiting": MyBookingTable(mine.waiting, columns=[], prefix="waiting-"),
        "open_to_book": OpenWorkshopTable(mine.open_to_book, prefix="open-"),
        "past": PastBookingTable(
            mine.past, columns=["status", "certificate"], prefix="past-", order_by="-starts_at"
        ),
    }
    config = RequestConfig(request, paginate={"per_page": WORKSHOPS_PER_PAGE})
    for table in tables.values():
        config.configure(table)
    return render(request, "workshops/mine.html", {"mine": mine, "tables": tables})


BOOKING_ACTIONS = {
    "book": lambda workshop, booking, user: services.booking_book(workshop=workshop, hcp=user),
    "decline": lambda workshop, booking, user: services.booking_decline(
        booking=booking, actor=user
    ),
    "cancel": lambda workshop, booking, user: services.booking_cancel(booking=booking, actor=user),
}
BOOKING_MESSAGES = {
    BookingStatus.BOOKED: "You are booked. We have emailed you the details and a calendar file.",
    BookingStatus.WAITING: "The workshop is full: you are on the waiting list. "
    "If a place comes free, it is yours and we will email you.",
    BookingStatus.DECLINED: "You have declined the invitation.",
    BookingStatus.CANCELLED: "Your place is cancelled.",
}


@role_required(Role.HCP)
def workshop_booking(request, pk):
    """The HCP's page for one workshop: book, decline or cancel."""
    workshop = _open_to_or_404(request, pk)
    booking = workshop.bookings.filter(hcp=request.user).first()
    action = BOOKING_ACTIONS.get(request.POST.get("action"))
    if request.method == "POST" and action:
        try:
            booking = action(workshop, booking, request.user)
        except (ValidationError, AttributeError) as error:
            messages.error(request, " ".join(getattr(error, "messages", ["Nothing to change."])))
        else:
            messages.success(request, BOOKING_MESSAGES[booking.status])
        return redirect("workshops:booking", workshop.pk)
    return render(
        request,
        "workshops/booking.html",
        {
            "workshop": workshop,
            "booking": booking,
            "may_book": may(workshop, "book") and (booking is None or may(booking, "rebook")),
            "modules": workshop.modules.order_by("path"),
        },
    )

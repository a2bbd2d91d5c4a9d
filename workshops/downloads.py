"""Workshop files to download: calendar files for the HCP and the trainer, certificates."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from training_site.access import role_required
from training_site.models import Role
from training_site.scoping import RUNNING_ROLES
from training_site.workflow import may
from workshops.calendars import ics_filename, workshop_ics
from workshops.certificate_services import certificate_issue
from workshops.certificates import certificate_filename, certificate_pdf
from workshops.models import Booking
from workshops.views import run_by_or_404


def _calendar_response(workshop, path=None):
    """Answer with the workshop's calendar file as an attachment."""
    response = HttpResponse(workshop_ics(workshop, path=path), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(workshop)}"'
    return response


@role_required(Role.HCP)
def booking_calendar(request, pk):
    """Download the calendar file of a workshop I am booked on."""
    booking = get_object_or_404(
        Booking.objects.select_related("workshop__programme"), workshop_id=pk, hcp=request.user
    )
    if not may(booking, "calendar"):
        raise Http404("No place on this workshop.")
    return _calendar_response(booking.workshop)


@role_required(*RUNNING_ROLES)
def workshop_calendar(request, pk):
    """Download the calendar file of a workshop I train or whose site I manage."""
    workshop = run_by_or_404(request, pk)
    return _calendar_response(workshop, path=reverse("workshops:detail", args=[workshop.pk]))


@login_required
def certificate(request, pk):
    """Download my certificate of attendance; nobody else's."""
    booking = get_object_or_404(
        Booking.objects.select_related("workshop__programme", "workshop__site", "hcp"),
        workshop_id=pk,
        hcp=request.user,
    )
    if not may(booking, "certificate"):
        raise Http404("No attendance at this workshop.")
    certificate = certificate_issue(booking)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    return response

"""Pages for CPD activity done elsewhere and the appraisal pack, for the HCP and its manager."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from portfolio import appraisal, appraisal_pdf
from portfolio.appraisal_forms import AppraisalPackForm, CpdActivityForm
from portfolio.models import CpdActivity
from training_site.access import role_required
from training_site.models import Role
from training_site.scoping import get_visible_person_or_404


def _own_activity_or_404(user, pk):
    """Return one of the person's CPD activities, or 404 as if it did not exist."""
    return get_object_or_404(CpdActivity, pk=pk, hcp=user)


@role_required(Role.HCP)
def cpd_list(request):
    """List the CPD I did elsewhere."""
    activities = CpdActivity.objects.filter(hcp=request.user)
    return render(request, "portfolio/cpd_list.html", {"activities": activities})


@role_required(Role.HCP)
def cpd_new(request):
    """Record CPD I did elsewhere."""
    return _cpd_form(request, CpdActivity(hcp=request.user))


@role_required(Role.HCP)
def cpd_edit(request, pk):
    """Change CPD I recorded."""
    return _cpd_form(request, _own_activity_or_404(request.user, pk))


def _cpd_form(request, activity):
    """Save a CPD activity, or show the form with its messages."""
    form = CpdActivityForm(request.POST or None, request.FILES or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        form.instance.hcp = request.user
        activity = form.save()
        messages.success(request, f"“{activity.title}” has been saved.")
        return redirect("portfolio:cpd")
    return render(request, "portfolio/cpd_form.html", {"form": form, "activity": activity})


@require_POST
@role_required(Role.HCP)
def cpd_delete(request, pk):
    """Delete CPD I recorded, with its evidence file."""
    activity = _own_activity_or_404(request.user, pk)
    if activity.evidence:
        activity.evidence.delete(save=False)
    activity.delete()
    messages.success(request, f"“{activity.title}” has been deleted.")
    return redirect("portfolio:cpd")


@role_required(Role.HCP)
def cpd_evidence(request, pk):
    """Download the evidence of CPD I recorded."""
    activity = _own_activity_or_404(request.user, pk)
    if not activity.evidence:
        raise Http404
    name = f"cpd-evidence-{activity.pk}{Path(activity.evidence.name).suffix}"
    return FileResponse(activity.evidence.open("rb"), as_attachment=True, filename=name)


@role_required(Role.HCP)
def my_appraisal_pack(request):
    """Choose the year and reflections of my appraisal pack, and download it."""
    return _pack(request, request.user)


@login_required
def person_appraisal_pack(request, pk):
    """Download the appraisal pack of a person I manage, with only what it shares with me."""
    person = get_visible_person_or_404(request.user, pk)
    if person.pk == request.user.pk:
        return redirect("portfolio:appraisal")
    return _pack(request, person)


def _pack(request, person):
    """Show the pack's form, or answer the pack as a PDF or a JSON file."""
    reflections = appraisal.pack_reflections(person, request.user)
    form = AppraisalPackForm(request.POST or None, reflections=reflections)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pack = appraisal.appraisal_pack(
            hcp=person,
            start_year=data["year"],
            starts_month=data["starts"],
            reflections=data["reflections"],
            prepared_for=request.user,
        )
        name = f"appraisal-pack-{slugify(person.get_full_name())}-{data['year']}"
        if data["file_format"] == "json":
            body, kind, name = appraisal.json_document(pack), "application/json", f"{name}.json"
        else:
            body, kind, name = appraisal_pdf.pdf_document(pack), "application/pdf", f"{name}.pdf"
        response = HttpResponse(body, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    own = person.pk == request.user.pk
    context = {"form": form, "person": person, "own": own, "today": timezone.localdate()}
    return render(request, "portfolio/appraisal_pack.html", context)

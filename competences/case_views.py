"""Pages for a framework as a CASE package: download it, and import a new version."""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from competences.case import CaseError, case_import, case_json, case_plan, read_case
from competences.models import Framework
from training_site.access import role_required
from training_site.audit import audit_record
from training_site.models import AuditAction, Role

SESSION_KEY = "case_import"


class CaseUploadForm(forms.Form):
    """The CASE package to import."""

    file = forms.FileField(
        label="CASE package", help_text="A CASE 1.1 JSON file: a CFDocument with its CFItems."
    )

    def clean_file(self):
        """Read the file as a CASE package, or say why it is not one."""
        upload = self.cleaned_data["file"]
        try:
            self.package = read_case(upload.read())
        except CaseError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


@login_required
def framework_case_export(request, pk):
    """Download a framework and its KSF crosswalk as a CASE package."""
    framework = get_object_or_404(Framework, pk=pk)
    response = HttpResponse(case_json(framework), content_type="application/json")
    name = slugify(f"{framework.name} {framework.version}")
    response["Content-Disposition"] = f'attachment; filename="{name}-case.json"'
    return response


def _forget(request):
    """Delete the package waiting to be confirmed, if there is one."""
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        default_storage.delete(pending)


@role_required(Role.NETWORK_ADMIN)
def framework_case_upload(request):
    """Upload a CASE package and see what importing it would create, or why it cannot be."""
    form = CaseUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "competences/case_import.html", {"form": form}, status=status)
    plan = case_plan(form.package)
    _forget(request)
    if plan.ok:
        raw = ContentFile(form.cleaned_data["file"].open().read())
        path = f"imports/{secrets.token_urlsafe(16)}.json"
        request.session[SESSION_KEY] = default_storage.save(path, raw)
    context = {"form": CaseUploadForm(), "plan": plan}
    return render(request, "competences/case_import.html", context, status=200 if plan.ok else 400)


@role_required(Role.NETWORK_ADMIN)
@require_POST
def framework_case_confirm(request):
    """Create the framework version the previewed package describes."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not default_storage.exists(pending):
        messages.info(request, "Upload the CASE package first.")
        return redirect("competences:case-import")
    with default_storage.open(pending, "rb") as stored:
        package = read_case(stored.read())
    plan = case_import(package)
    _forget(request)
    if not plan.ok:
        context = {"form": CaseUploadForm(), "plan": plan}
        return render(request, "competences/case_import.html", context, status=409)
    summary = f"CASE package: {len(plan.items)} competences, {plan.links} crosswalk links"
    audit_record(request, AuditAction.FRAMEWORK_IMPORT, plan.framework, summary)
    counts = f"{len(plan.items)} competences, {plan.links} KSF links"
    messages.success(request, f"Imported {plan.framework}: {counts}.")
    return redirect("competences:frameworks")

"""Pages for importing an HR extract (managers) and a framework (content admin)."""

import secrets
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from competences.imports import (
    STAFF_FIELDS,
    framework_from_fields,
    framework_import,
    guess_staff_mapping,
    staff_import,
)
from competences.models import Framework
from competences.tables import ImportPreviewTable, ImportProblemTable
from training_site.access import role_required
from training_site.audit import audit_record
from training_site.forms import NHSUKFormMixin
from training_site.models import AuditAction
from training_site.scoping import MANAGING_ROLES
from training_site.tabular import TableError, read_table

SESSION_KEY = "staff_import"


class UploadForm(NHSUKFormMixin, forms.Form):
    """Choose a CSV or XLSX file."""

    file = forms.FileField(
        label="HR extract",
        help_text="A CSV file or an Excel workbook (.xlsx) with a row for each person in post.",
        error_messages={"required": "Choose the file to import."},
    )

    def clean_file(self):
        """Read the file as a table now, so a bad file is refused with a reason."""
        upload = self.cleaned_data["file"]
        try:
            self.table = read_table(upload)
        except TableError as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload


class MappingForm(NHSUKFormMixin, forms.Form):
    """Say which column of the file holds each field."""

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this file")] + [(h, h) for h in headers]
        for name, (label, required, _) in STAFF_FIELDS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=required,
                error_messages={"required": f"Choose the column that holds '{label}'."},
            )


@role_required(*MANAGING_ROLES)
def staff_import_upload(request):
    """First step of an HR import: upload the file."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        previous = request.session.get(SESSION_KEY)
        if previous:
            default_storage.delete(previous["path"])
        name = f"imports/{secrets.token_urlsafe(16)}{Path(upload.name).suffix.lower()}"
        stored = default_storage.save(name, ContentFile(upload.read()))
        request.session[SESSION_KEY] = {"path": stored, "name": upload.name}
        return redirect("competences:staff-import-map")
    return render(request, "competences/staff_import_upload.html", {"form": form})


@role_required(*MANAGING_ROLES)
def staff_import_map(request):
    """Second step: match the columns, then import everything or nothing."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not default_storage.exists(pending["path"]):
        messages.info(request, "Upload the HR extract first.")
        return redirect("competences:staff-import")
    with default_storage.open(pending["path"], "rb") as stored:
        stored.name = pending["path"]
        table = read_table(stored)
    form = MappingForm(
        request.POST or None, headers=table.headers, initial=guess_staff_mapping(table.headers)
    )
    report = None
    if request.method == "POST" and form.is_valid():
        report = staff_import(table=table, mapping=form.cleaned_data, importer=request.user)
        if report.ok:
            default_storage.delete(pending["path"])
            del request.session[SESSION_KEY]
            messages.success(
                request,
                f"Imported {len(table.rows)} row{'s' if len(table.rows) != 1 else ''}: "
                f"{report.created} new {'person' if report.created == 1 else 'people'}, "
                f"{report.updated} updated.",
            )
            return redirect("people-list")
    context = {
        "form": form,
        "report": report,
        "file_name": pending["name"],
        "preview": ImportPreviewTable(table.rows[:5], headers=table.headers),
        "problems": ImportProblemTable(report.bad_rows) if report else None,
        "row_count": len(table.rows),
    }
    return render(
        request, "competences/staff_import_map.html", context, status=400 if report else 200
    )


class FrameworkImportForm(forms.Form):
    """Choose a framework to add to, or name a new one, and the file."""

    framework = forms.ModelChoiceField(
        queryset=Framework.objects.all(),
        required=False,
        empty_label="A new framework",
        help_text="Competences already in the framework are updated by their code.",
    )
    name = forms.CharField(required=False, max_length=200, help_text="For a new framework.")
    publisher = forms.CharField(required=False, max_length=200)
    version = forms.CharField(required=False, max_length=50)
    file = forms.FileField(
        help_text="CSV or XLSX with columns code, title, and optionally description, "
        "ksf_dimension, ksf_level and scope (core or specialist)."
    )

    def clean(self):
        """Require a name and publisher for a new framework and a readable file."""
        cleaned = super().clean()
        if not cleaned.get("framework"):
            for name in ("name", "publisher"):
                if not cleaned.get(name):
                    self.add_error(name, "Give this for a new framework.")
            if (
                cleaned.get("name")
                and Framework.objects.filter(
                    name=cleaned["name"], version=cleaned.get("version", "")
                ).exists()
            ):
                self.add_error("name", "A framework with this name and version already exists.")
        upload = cleaned.get("file")
        if upload:
            try:
                self.table = read_table(upload)
            except TableError as error:
                self.add_error("file", str(error))
        return cleaned


class FrameworkImportView(WagtailAdminTemplateMixin, FormView):
    """Import a framework's competences from CSV or XLSX in the content admin."""

    form_class = FrameworkImportForm
    template_name = "competences/admin/framework_import.html"
    page_title = "Import a framework"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        """Allow only staff who may add competences."""
        if not request.user.has_perm("competences.add_competence"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        """Place the page under the admin home."""
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        """Import all rows or none, and show every bad row."""
        framework = form.cleaned_data["framework"] or framework_from_fields(
            name=form.cleaned_data["name"],
            publisher=form.cleaned_data["publisher"],
            version=form.cleaned_data["version"],
        )
        report = framework_import(table=form.table, framework=framework)
        if not report.ok:
            return self.render_to_response(self.get_context_data(form=form, report=report))
        summary = f"{report.created} new, {report.updated} updated"
        audit_record(self.request, AuditAction.FRAMEWORK_IMPORT, framework, summary)
        messages.success(
            self.request,
            f"Imported {framework}: {report.created} new competences, {report.updated} updated.",
        )
        return redirect(reverse("competence_items:index"))

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

from competences.import_forms import (
    ImportChoicesForm,
    MappingForm,
    RememberedMappingsForm,
    UploadForm,
)
from competences.imports import framework_from_fields, framework_import
from competences.models import Framework, PlaceMapping, PostTitleMapping
from competences.services import import_choices_remember, import_mappings_change
from competences.staff_columns import guess_staff_mapping
from competences.staff_imports import staff_import
from competences.staff_lookup import ImportLookup
from competences.tables import ImportPreviewTable, ImportProblemTable
from training_site.access import role_required
from training_site.audit import audit_record
from training_site.models import AuditAction
from training_site.scoping import MANAGING_ROLES, organisations_managed_by
from training_site.tabular import TableError, read_table

SESSION_KEY = "staff_import"


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


def _pending_table(request):
    """Return the uploaded file waiting to be imported, read as a table, or None."""
    pending = request.session.get(SESSION_KEY)
    if not pending or not default_storage.exists(pending["path"]):
        return None
    with default_storage.open(pending["path"], "rb") as stored:
        stored.name = pending["path"]
        return read_table(stored)


def _import_with_choices(request, table, mapping):
    """Import the file; first remember what the manager chose for unknown titles and places."""
    report = staff_import(table=table, mapping=mapping, importer=request.user)
    if not report.needs_choices:
        return report, None
    lookup = ImportLookup(request.user, set())
    answered = request.POST if "choosing" in request.POST else None
    choices = ImportChoicesForm(answered, report=report, lookup=lookup)
    if answered and choices.is_valid():
        import_choices_remember(**choices.chosen())
        report = staff_import(table=table, mapping=mapping, importer=request.user)
        choices = ImportChoicesForm(report=report, lookup=lookup) if report.needs_choices else None
    return report, choices


def _imported_message(request, table, report):
    """Tell the manager what the import did, skipped rows included."""
    rows = len(table.rows) - report.skipped
    text = (
        f"Imported {rows} row{'s' if rows != 1 else ''}: "
        f"{report.created} new {'person' if report.created == 1 else 'people'}, "
        f"{report.updated} updated."
    )
    messages.success(request, f"{text} {skipped_message(report)}".strip())


def skipped_message(report):
    """Say how many rows were for organisations the manager does not manage, and nothing more."""
    if not report.skipped:
        return ""
    rows, verb = ("rows", "were") if report.skipped != 1 else ("row", "was")
    return f"{report.skipped} {rows} for other sites {verb} skipped."


@role_required(*MANAGING_ROLES)
def staff_import_map(request):
    """Second step: match the columns, say what unknown values mean, import all or nothing."""
    table = _pending_table(request)
    if table is None:
        messages.info(request, "Upload the HR extract first.")
        return redirect("competences:staff-import")
    initial = guess_staff_mapping(table.headers)
    form = MappingForm(request.POST or None, headers=table.headers, initial=initial)
    report = choices = None
    if request.method == "POST" and form.is_valid():
        report, choices = _import_with_choices(request, table, form.cleaned_data)
        if report.ok:
            default_storage.delete(request.session.pop(SESSION_KEY)["path"])
            _imported_message(request, table, report)
            return redirect("people-list")
    context = {
        "form": form,
        "choices": choices,
        "report": report,
        "skipped": skipped_message(report) if report else "",
        "file_name": request.session[SESSION_KEY]["name"],
        "preview": ImportPreviewTable(table.rows[:5], headers=table.headers),
        "problems": ImportProblemTable(report.bad_rows) if report and report.errors else None,
        "row_count": len(table.rows),
    }
    status = 400 if report and report.errors else 200
    return render(request, "competences/staff_import_map.html", context, status=status)


def _remembered(user):
    """Return the mappings in a manager's scope, with what they can be changed to."""
    scope = organisations_managed_by(user)
    posts = PostTitleMapping.objects.filter(scope__in=scope).select_related("scope", "profile")
    places = PlaceMapping.objects.filter(scope__in=scope).select_related("scope", "organisation")
    return list(posts), list(places), ImportLookup(user, set())


@role_required(*MANAGING_ROLES)
def import_mappings(request):
    """See and change what earlier imports were told about position titles and places."""
    posts, places, lookup = _remembered(request.user)
    form = RememberedMappingsForm(request.POST or None, posts=posts, places=places, lookup=lookup)
    if request.method == "POST" and form.is_valid():
        import_mappings_change(**form.changes())
        messages.success(request, "The remembered titles and organisations are saved.")
        return redirect("competences:import-mappings")
    context = {"form": form, "posts": posts, "places": places}
    return render(request, "competences/staff_import_mappings.html", context)


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

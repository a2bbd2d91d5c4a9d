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
from competences.staff_columns import STAFF_FIELDS, guess_staff_mapping
from competences.staff_imports import staff_import_apply, staff_import_plan
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


def _plan_with_choices(request, table, mapping, full_extract):
    """Plan the import; first remember what the manager chose for unknown titles and places."""
    plan = {"table": table, "mapping": mapping, "importer": request.user}
    report = staff_import_plan(**plan, full_extract=full_extract)
    if not report.needs_choices:
        return report, None
    lookup = ImportLookup(request.user, set())
    answered = request.POST if "choosing" in request.POST else None
    choices = ImportChoicesForm(answered, report=report, lookup=lookup)
    if answered and choices.is_valid():
        import_choices_remember(**choices.chosen())
        report = staff_import_plan(**plan, full_extract=full_extract)
        choices = ImportChoicesForm(report=report, lookup=lookup) if report.needs_choices else None
    return report, choices


COUNTS = (
    ("moved", "moved post"),
    ("unchanged", "unchanged"),
    ("left", "left their post"),
)


def _imported_message(request, table, report):
    """Tell the manager what the import did, skipped rows included."""
    rows = len(table.rows) - report.skipped
    extra = "".join(
        f", {getattr(report, name)} {label}" for name, label in COUNTS if getattr(report, name)
    )
    text = (
        f"Imported {rows} row{'s' if rows != 1 else ''}: "
        f"{report.created} new {'person' if report.created == 1 else 'people'}, "
        f"{report.updated} updated{extra}."
    )
    messages.success(request, f"{text} {skipped_message(report)}".strip())


def skipped_message(report):
    """Say how many rows were for organisations the manager does not manage, and nothing more."""
    if not report.skipped:
        return ""
    rows, verb = ("rows", "were") if report.skipped != 1 else ("row", "was")
    return f"{report.skipped} {rows} for other sites {verb} skipped."


def _render_map(request, table, form, report=None, choices=None):
    """Show the columns, any choices to make, and the rows that stop the import."""
    context = {
        "form": form,
        "choices": choices,
        "report": report,
        "skipped": skipped_message(report) if report else "",
        "file_name": request.session[SESSION_KEY]["name"],
        "preview": ImportPreviewTable(table.rows[:5], headers=table.headers),
        "problems": ImportProblemTable(report.bad_rows) if report and report.errors else None,
        "row_count": len(table.rows),
        "full_extract": form.is_bound and form.is_valid() and form.cleaned_data["full_extract"],
    }
    status = 400 if report and report.errors else 200
    return render(request, "competences/staff_import_map.html", context, status=status)


def _render_preview(request, report, status=200):
    """Show what the import will do, person by person counted, with one button to confirm it."""
    pending = request.session[SESSION_KEY]
    context = {
        "report": report,
        "file_name": pending["name"],
        "full_extract": pending["full_extract"],
        "skipped": skipped_message(report),
        "leavers": [c.email for c in report.changes if c.kind == "left"],
    }
    return render(request, "competences/staff_import_preview.html", context, status=status)


@role_required(*MANAGING_ROLES)
def staff_import_map(request):
    """Second step: match the columns, say what unknown values mean, then see the preview."""
    table = _pending_table(request)
    if table is None:
        messages.info(request, "Upload the HR extract first.")
        return redirect("competences:staff-import")
    initial = guess_staff_mapping(table.headers)
    form = MappingForm(request.POST or None, headers=table.headers, initial=initial)
    if request.method != "POST" or not form.is_valid():
        return _render_map(request, table, form)
    mapping = {name: form.cleaned_data[name] for name in STAFF_FIELDS}
    full_extract = form.cleaned_data["full_extract"]
    report, choices = _plan_with_choices(request, table, mapping, full_extract)
    if not report.ok:
        return _render_map(request, table, form, report, choices)
    pending = request.session[SESSION_KEY]
    request.session[SESSION_KEY] = pending | {"mapping": mapping, "full_extract": full_extract}
    return _render_preview(request, report)


@role_required(*MANAGING_ROLES)
def staff_import_confirm(request):
    """Last step: apply exactly what the preview showed, or say why nothing was imported."""
    pending = request.session.get(SESSION_KEY) or {}
    table = _pending_table(request)
    if table is None or "mapping" not in pending:
        messages.info(request, "Upload the HR extract first.")
        return redirect("competences:staff-import")
    if request.method != "POST":
        return redirect("competences:staff-import-map")
    report = staff_import_apply(
        table=table,
        mapping=pending["mapping"],
        importer=request.user,
        fingerprint=request.POST.get("fingerprint", ""),
        full_extract=pending["full_extract"],
        request=request,
    )
    if report.ok:
        default_storage.delete(request.session.pop(SESSION_KEY)["path"])
        _imported_message(request, table, report)
        return redirect("people-list")
    if report.errors or report.needs_choices:
        data = pending["mapping"] | {"full_extract": pending["full_extract"]}
        form = MappingForm(data, headers=table.headers)
        form.is_valid()
        return _render_map(request, table, form, report)
    if not report.fingerprint:
        refused = report.refused
        report = staff_import_plan(
            table=table,
            mapping=pending["mapping"],
            importer=request.user,
            full_extract=pending["full_extract"],
        )
        report.refused = refused
    return _render_preview(request, report, status=409)


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

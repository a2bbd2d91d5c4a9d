"""The audit record for network administrators: a filtered page and a CSV for an auditor."""

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_tables2 import RequestConfig

from training_site.access import role_required
from training_site.audit import audit_record
from training_site.downloads import csv_stream
from training_site.forms import NHSUKFormMixin
from training_site.models import AuditAction, AuditEvent, Role
from training_site.widgets import DateInput

EVENTS_PER_PAGE = 50
CSV_HEADINGS = ["When", "Who", "Email", "Action", "Record", "Record id", "Summary", "From", "Agent"]


class AuditFilterForm(NHSUKFormMixin, forms.Form):
    """The audit filter's form, rendered with NHS.UK widgets."""


class AuditEventFilter(django_filters.FilterSet):
    """Narrow the audit record by who acted, what they did and when."""

    who = django_filters.CharFilter(label="Who (name or email)", method="filter_who")
    action = django_filters.ChoiceFilter(
        label="Action", choices=AuditAction.choices, empty_label="Any action"
    )
    since = django_filters.DateFilter(
        label="From", field_name="at", lookup_expr="date__gte", widget=DateInput
    )
    until = django_filters.DateFilter(
        label="To", field_name="at", lookup_expr="date__lte", widget=DateInput
    )

    class Meta:
        model = AuditEvent
        form = AuditFilterForm
        fields = ["who", "action", "since", "until"]

    def filter_who(self, queryset, name, value):
        """Match any part of the actor's names or email, or the summary's username typed."""
        terms = Q()
        for word in value.split():
            terms &= (
                Q(actor__first_name__icontains=word)
                | Q(actor__last_name__icontains=word)
                | Q(actor__email__icontains=word)
                | Q(actor__isnull=True, summary__icontains=word)
            )
        return queryset.filter(terms)


class AuditEventTable(tables.Table):
    """One line per event, newest first."""

    at = tables.DateTimeColumn(verbose_name="When", format="j M Y H:i")
    actor = tables.Column(verbose_name="Who", default="Nobody signed in")
    action = tables.Column(verbose_name="Action")
    object_type = tables.Column(verbose_name="Record", empty_values=())
    summary = tables.Column(verbose_name="Summary")
    client_address = tables.Column(verbose_name="From")

    class Meta:
        model = AuditEvent
        fields = ["at", "actor", "action", "object_type", "summary", "client_address"]
        order_by = ("-at",)
        empty_text = "No events match these filters."

    def render_object_type(self, record):
        """The kind of record and its id, if the event is about one."""
        return f"{record.object_type} {record.object_id}".strip() or "—"


def filtered_events(request):
    """The events the request's filters select, with their actors."""
    events = AuditEvent.objects.select_related("actor")
    return AuditEventFilter(request.GET, queryset=events)


@role_required(Role.NETWORK_ADMIN)
def audit_list(request):
    """Show the audit record, filtered and paginated."""
    events = filtered_events(request)
    table = AuditEventTable(events.qs)
    RequestConfig(request, paginate={"per_page": EVENTS_PER_PAGE}).configure(table)
    return render(request, "training_site/audit_list.html", {"filter": events, "table": table})


def csv_rows(events):
    """The export's heading and a row per event."""
    yield CSV_HEADINGS
    for event in events.iterator(chunk_size=500):
        actor = event.actor
        yield [
            timezone.localtime(event.at).isoformat(timespec="seconds"),
            actor.get_full_name() if actor else "",
            actor.email if actor else "",
            event.get_action_display(),
            event.object_type,
            event.object_id,
            event.summary,
            event.client_address or "",
            event.user_agent,
        ]


@role_required(Role.NETWORK_ADMIN)
def audit_export(request):
    """Stream the filtered audit record as CSV for an auditor, and record the export."""
    events = filtered_events(request)
    rows = csv_rows(events.qs.order_by("at", "pk"))
    filters = ", ".join(f"{k}={v}" for k, v in request.GET.items() if v) or "no filters"
    audit_record(request, AuditAction.AUDIT_EXPORT, summary=f"Filters: {filters}")
    response = StreamingHttpResponse(csv_stream(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-record.csv"'
    return response

"""The table of subject access requests, with the statutory clock."""

import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html

from training_site.models import SubjectAccessRequest


def clock_tag(record):
    """Where the request stands against its deadline, as an NHS.UK tag."""
    if record.completed_at:
        colour, label = "green", "Completed"
    elif record.is_overdue:
        colour, label = "red", "Overdue"
    else:
        colour, label = "blue", "Open"
    return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, label)


class SubjectAccessRequestTable(tables.Table):
    """One line per request, open ones first, with the statutory clock."""

    person = tables.Column(verbose_name="Person", order_by=("person__last_name",))
    received_on = tables.DateColumn(verbose_name="Received", format="j M Y")
    due_on = tables.Column(verbose_name="Due", accessor="received_on", orderable=False)
    days_left = tables.Column(verbose_name="Days left", accessor="pk", orderable=False)
    status = tables.Column(verbose_name="Status", accessor="completed_at", empty_values=())
    recorded_by = tables.Column(verbose_name="Recorded by", default="—")
    actions = tables.Column(verbose_name="Actions", accessor="pk", orderable=False)

    class Meta:
        model = SubjectAccessRequest
        fields = ["person", "received_on", "due_on", "days_left", "status", "recorded_by"]
        empty_text = "No subject access requests have been recorded."

    def render_person(self, record):
        """The person's name and email."""
        person = record.person
        return format_html("{}<br>{}", person.get_full_name() or person.email, person.email)

    def render_due_on(self, record):
        """One calendar month after the request was received."""
        return date_format(record.due_on, "j M Y")

    def render_days_left(self, record):
        """Days left, or how long overdue; nothing once answered."""
        if record.completed_at:
            return "—"
        days = record.days_left()
        if days < 0:
            return f"{-days} day{'s' if days != -1 else ''} overdue"
        return f"{days} day{'s' if days != 1 else ''}"

    def render_status(self, record):
        """Open, overdue or completed."""
        return clock_tag(record)

    def render_actions(self, record):
        """Download the export (which completes the request) and erase the person."""
        return format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="{}"><button class="nhsuk-button nhsuk-button--secondary '
            'nhsuk-u-margin-bottom-2" type="submit">Download the export</button></form>'
            '<a href="{}">Erase this person</a>',
            reverse("privacy-request-export", args=[record.pk]),
            get_token(self.request),
            reverse("privacy-person-erase", args=[record.person_id]),
        )

"""Tables of simulated consultations a person reads."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

RECORDED = mark_safe('<strong class="nhsuk-tag nhsuk-tag--green">Recorded</strong>')  # noqa: S308


class MyConsultationTable(tables.Table):
    """The consultations a person plays as the HCP or watches as an observer."""

    caption = "Your simulated consultations"

    starts_at = tables.Column(verbose_name="When", empty_values=())
    workshop = tables.Column(verbose_name="Workshop", accessor="workshop__title")
    part = tables.Column(verbose_name="Your part", accessor="pk", orderable=False)
    has_care_plan = tables.Column(verbose_name="Care plan", empty_values=())

    class Meta:
        order_by = ("-starts_at",)
        empty_text = "You have no simulated consultations yet."

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def render_starts_at(self, record, value):
        """Link the consultation's time, or say it is to be set."""
        when = date_format(localtime(value), "j M Y, H:i") if value else "Time to be set"
        return format_html(
            '<a href="{}">{}<span class="nhsuk-u-visually-hidden">: {}</span></a>',
            reverse("simulations:session-detail", args=[record.pk]),
            when,
            record.scenario.title,
        )

    def render_part(self, record):
        """Say whether the person consults or observes, and with whom."""
        if record.hcp_id == self.person.pk:
            return f"Consulting with {record.representative_label or 'a representative'}"
        return f"Observing {record.hcp.get_full_name()}"

    def render_has_care_plan(self, record, value):
        """Tag a recorded care plan, or offer the HCP to record it."""
        if value:
            return RECORDED
        if record.hcp_id == self.person.pk:
            url = reverse("simulations:care-plan", args=[record.pk])
            return format_html('<a href="{}">Record it</a>', url)
        return "–"

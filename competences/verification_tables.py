"""The assessor's queue: what waits for verification, each with its evidence in view."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from competences.models import Proficiency


class VerificationQueueTable(tables.Table):
    """Assessments waiting for the assessor, each with a box to verify several at once."""

    caption = "Assessments waiting for you"

    choose = tables.Column(verbose_name="Choose", accessor="pk", orderable=False)
    person = tables.Column(
        verbose_name="Person", accessor="hcp", order_by=("hcp__last_name", "hcp__first_name")
    )
    competence = tables.Column(
        verbose_name="Competence", accessor="competence__code", order_by=("competence__code",)
    )
    level = tables.Column(verbose_name="Level claimed", accessor="level")
    evidence = tables.Column(
        verbose_name="Evidence", accessor="pk", orderable=False, empty_values=()
    )
    asked = tables.DateColumn(verbose_name="Asked", accessor="updated_at", format="j M Y")

    def __init__(self, *args, form, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen = {str(value) for value in form["assessments"].value() or ()}

    def render_choose(self, record):
        """Draw the checkbox that chooses this assessment for verifying at the level claimed."""
        return format_html(
            '<div class="nhsuk-checkboxes nhsuk-checkboxes--small">'
            '<div class="nhsuk-checkboxes__item"><input class="nhsuk-checkboxes__input"'
            ' type="checkbox" name="assessments" value="{}"'
            ' id="id_assessments_{}"{}><label class="nhsuk-label nhsuk-checkboxes__label"'
            ' for="id_assessments_{}"><span class="nhsuk-u-visually-hidden">Verify {}: {}</span>'
            "</label></div></div>",
            record.pk,
            record.pk,
            mark_safe(" checked") if str(record.pk) in self.chosen else "",  # noqa: S308
            record.pk,
            record.hcp.get_full_name(),
            record.competence.code,
        )

    def render_person(self, record):
        """Show the person's full name."""
        return record.hcp.get_full_name()

    def render_competence(self, record):
        """Link the competence's code to the assessment."""
        url = reverse("competences:assessment-detail", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.competence.code)

    def render_level(self, record):
        """Show the short name of the level claimed."""
        return Proficiency(record.level).short_label

    def render_evidence(self, record):
        """List each piece of evidence, with its file to open, or say there is none."""
        items = list(record.evidence.all())
        if not items:
            return NO_EVIDENCE_TAG
        return format_html(
            '<ul class="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">{}</ul>',
            format_html_join("", "<li>{}</li>", ((evidence_item(item),) for item in items)),
        )


NO_EVIDENCE_TAG = mark_safe('<strong class="nhsuk-tag nhsuk-tag--orange">No evidence</strong>')  # noqa: S308


def evidence_item(item):
    """Say what a piece of evidence is, linking its file for those who may open it."""
    if not item.file:
        return format_html("{}: {}", item.get_kind_display(), item.description)
    return format_html(
        '{}: <a href="{}">{}<span class="nhsuk-u-visually-hidden"> (download the file)</span></a>',
        item.get_kind_display(),
        reverse("competences:evidence-download", args=[item.pk]),
        item.description,
    )

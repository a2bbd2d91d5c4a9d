"""The people-by-competences matrix of a gap profile."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from competences.gaps import GAP, MET, SELF_ASSESSED

NOT_NEEDED = mark_safe('<span class="nhsuk-u-visually-hidden">Not needed</span>–')  # noqa: S308
STATE_TAGS = {
    MET: ("Met", "green"),
    SELF_ASSESSED: ("Self-assessed", "yellow"),
    GAP: ("Gap", "red"),
}


class StateColumn(tables.Column):
    """A competence's column: each cell shows the person's state against the level needed."""

    def __init__(self, competence, **kwargs):
        self.competence_id = competence.pk
        super().__init__(
            verbose_name=competence.code, accessor="pk", orderable=False, empty_values=(), **kwargs
        )

    def render(self, record, table):
        """Show a tag for the state, or a dash when the person's post does not need it."""
        found = table.states.get((record.pk, self.competence_id))
        if found is None:
            return NOT_NEEDED
        level, state = found
        label, colour = STATE_TAGS[state]
        return format_html(
            '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>'
            '<span class="nhsuk-body-s yoc-needed"> needs level {}</span>',
            colour,
            label,
            level,
        )


class GapMatrixTable(tables.Table):
    """People in scope by the competences their posts need."""

    keep_columns_on_phones = True

    name = tables.Column(
        verbose_name="Name", accessor="last_name", order_by=("last_name", "first_name")
    )
    post = tables.Column(verbose_name="Post", accessor="post_name")
    workplace = tables.Column(verbose_name="Organisation", accessor="organisation_name")

    class Meta:
        order_by = ("name",)
        empty_text = "Nobody matches these filters."

    def __init__(self, *args, competences, **kwargs):
        extra = [(f"competence_{c.pk}", StateColumn(c)) for c in competences]
        super().__init__(*args, extra_columns=extra, **kwargs)
        self.states = {}

    def render_name(self, record):
        """Link the person to their competence page."""
        url = reverse("competences:person", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.get_full_name())

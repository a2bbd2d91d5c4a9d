"""Tables of QA observations, their agreed actions and the findings report."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from training_site.tables import StatusColumn

DONE = mark_safe(' <strong class="nhsuk-tag nhsuk-tag--green">Done</strong>')  # noqa: S308


def _person(person, reader):
    """Name a person, or "You" for the reader."""
    return "You" if person.pk == reader.pk else person.get_full_name()


class ObservationTable(tables.Table):
    """The observations a person made, of itself, or in organisations it manages."""

    caption = "Observations you can see"

    observed_on = tables.Column(verbose_name="Date", order_by=("observed_on", "pk"))
    observed = tables.Column(
        verbose_name="Person observed", order_by=("observed__last_name", "observed__first_name")
    )
    observer = tables.Column(
        verbose_name="Observer", order_by=("observer__last_name", "observer__first_name")
    )
    organisation = tables.Column(verbose_name="Where", accessor="organisation__name", default="")
    status = StatusColumn()

    class Meta:
        order_by = ("-observed_on",)
        empty_text = "There are no observations for you to see yet."

    def __init__(self, *args, reader, **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader

    def render_observed_on(self, record, value):
        """Link the observation's date to its page."""
        return format_html(
            '<a href="{}">{}<span class="nhsuk-u-visually-hidden">: observation of {}</span></a>',
            reverse("quality:detail", args=[record.pk]),
            date_format(value, "j M Y"),
            record.observed.get_full_name(),
        )

    def render_observed(self, record):
        """Name the person observed."""
        return _person(record.observed, self.reader)

    def render_observer(self, record):
        """Name the observer."""
        return _person(record.observer, self.reader)


class ActionTable(tables.Table):
    """The actions agreed after an observation."""

    caption = "Agreed actions"

    what = tables.Column(verbose_name="What")
    who = tables.Column(verbose_name="Who")
    due_on = tables.DateColumn(verbose_name="By when", format="j M Y")
    confidence = tables.Column(verbose_name="Confidence", empty_values=())

    def render_what(self, record, value):
        """Show the action, tagged once done."""
        return format_html("{}{}", value, DONE if record.done else "")

    def render_confidence(self, value):
        """Show the confidence out of ten, if given."""
        return "Not given" if value is None else f"{value} out of 10"


class ReportTable(tables.Table):
    """Findings for each measure, and per practice or team, counted with small groups hidden."""

    setting = tables.Column(verbose_name="Practice or team")
    indicator = tables.Column(verbose_name="Indicator")
    measure = tables.Column(verbose_name="Measure")
    observations = tables.Column(verbose_name="Observations")
    in_place = tables.Column(verbose_name="In place", empty_values=())
    partly = tables.Column(verbose_name="Partly", empty_values=())
    not_in_place = tables.Column(verbose_name="Not in place", empty_values=())
    not_observed = tables.Column(verbose_name="Not observed", empty_values=())

    def __init__(self, *args, show_setting, **kwargs):
        exclude = () if show_setting else ("setting",)
        super().__init__(*args, exclude=exclude, **kwargs)

    def render_in_place(self, record, value):
        """Show the count, or say why counts are hidden."""
        return "Too few observations to show" if record.suppressed else value

    def render_partly(self, value):
        """Show the count, blank when hidden."""
        return "" if value is None else value

    render_not_in_place = render_partly
    render_not_observed = render_partly

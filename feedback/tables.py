"""Tables of feedback scores: reports by group, agreement between raters, one HCP over time."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html


class ScoreTable(tables.Table):
    """Responses and mean score per workshop, scenario or site, small groups not broken down."""

    label = tables.Column()
    responses = tables.Column(verbose_name="Responses")
    mean_score = tables.Column(verbose_name="Mean score", empty_values=())

    class Meta:
        empty_text = "No feedback yet."

    def __init__(self, *args, heading, threshold, scales=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.columns["label"].column.verbose_name = heading
        if len(scales) == 1:
            self.columns["mean_score"].column.verbose_name = f"Mean score ({scales[0]})"
        self.threshold = threshold

    def render_mean_score(self, record, value):
        """Show the mean score, or why it is not shown."""
        if record.suppressed:
            return f"Fewer than {self.threshold} responses"
        return "No score" if value is None else value


class AgreementTable(tables.Table):
    """How far representatives' and observers' ratings of each aspect agree."""

    caption = "Agreement by aspect"

    label = tables.Column(verbose_name="Aspect")
    pairs = tables.Column(verbose_name="Paired ratings")
    mean_absolute_difference = tables.Column(
        verbose_name="Mean absolute difference", empty_values=()
    )
    exact_agreement = tables.Column(verbose_name="Exact agreement", empty_values=())

    class Meta:
        empty_text = "No session has both a representative's and an observer's ratings yet."

    def __init__(self, *args, threshold, **kwargs):
        super().__init__(*args, **kwargs)
        self.threshold = threshold

    def render_mean_absolute_difference(self, record, value):
        """Show the difference, or why it is not shown."""
        return f"Fewer than {self.threshold} pairs" if record.suppressed else value

    def render_exact_agreement(self, record, value):
        """Show the share of identical ratings as a percentage."""
        return "" if record.suppressed else f"{value}%"


class ScoreOverTimeTable(tables.Table):
    """The scores of the feedback about one HCP, by date of session."""

    caption = "Scores by date"

    day = tables.Column(verbose_name="Date")
    instrument = tables.Column(verbose_name="Questionnaire")
    scenario = tables.Column(verbose_name="Scenario")
    score = tables.Column(verbose_name="Score", empty_values=())
    scale = tables.Column(verbose_name="Scale", orderable=False)
    withdraw = tables.Column(verbose_name="Action", accessor="pk", orderable=False)

    def __init__(self, *args, may_withdraw, **kwargs):
        super().__init__(*args, exclude=() if may_withdraw else ("withdraw",), **kwargs)

    def render_day(self, value):
        """Show the day of the session."""
        return date_format(value, "j M Y")

    def render_score(self, value):
        """Show the score, if the response has one."""
        return "No score" if value is None else value

    def render_withdraw(self, record):
        """Offer to withdraw the response."""
        return format_html(
            '<a href="{}">Withdraw<span class="nhsuk-u-visually-hidden"> the {} of {}</span></a>',
            reverse("feedback:response-withdraw", args=[record.pk]),
            record.instrument,
            date_format(record.day, "j M Y"),
        )


class LinkWorkshopTable(tables.Table):
    """The workshops a trainer runs, each linked to its feedback links page."""

    title = tables.Column(verbose_name="Workshop")
    starts_at = tables.DateTimeColumn(
        verbose_name="Date", format="j F Y", order_by=("starts_at", "pk")
    )
    site = tables.Column(verbose_name="Site", accessor="site__name")

    class Meta:
        order_by = ("starts_at",)

    def render_title(self, record):
        """Link the workshop to its feedback links page."""
        url = reverse("feedback:workshop-links", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.title)

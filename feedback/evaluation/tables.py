"""Tables of workshop evaluation: change in confidence per question or group, and what is due."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.timezone import localtime


def signed_change(value):
    """Show a change in confidence in bold, with its sign."""
    return format_html("<strong>{}{}</strong>", "+" if value > 0 else "", value)


class QuestionChangeTable(tables.Table):
    """A workshop's confidence before and after, by question, small counts not broken down."""

    caption = "Confidence before and after, by question"

    prompt = tables.Column(verbose_name="Question")
    before_mean = tables.Column(verbose_name="Mean before", empty_values=())
    after_mean = tables.Column(verbose_name="Mean after", empty_values=())
    paired = tables.Column(verbose_name="Answered both")
    change = tables.Column(verbose_name="Change", empty_values=())

    class Meta:
        empty_text = "No answers yet."

    def __init__(self, *args, threshold, **kwargs):
        super().__init__(*args, **kwargs)
        self.threshold = threshold

    def render_before_mean(self, record, value):
        """Show the mean and count before, or only the counts when too few answered both."""
        if record.suppressed:
            return f"{record.before_count} before, {record.after_count} after"
        return f"{value} ({record.before_count})"

    def render_after_mean(self, record, value):
        """Show the mean and count after."""
        return "" if record.suppressed else f"{value} ({record.after_count})"

    def render_change(self, record, value):
        """Show the change, or why it is not shown."""
        if record.suppressed:
            return f"Fewer than {self.threshold} answered both"
        return signed_change(value)


class GroupChangeTable(tables.Table):
    """The change in confidence per programme or site and question."""

    group = tables.Column()
    prompt = tables.Column(verbose_name="Question")
    paired = tables.Column(verbose_name="Answered both")
    before_mean = tables.Column(verbose_name="Mean before", empty_values=())
    after_mean = tables.Column(verbose_name="Mean after", empty_values=())
    change = tables.Column(verbose_name="Change", empty_values=())

    class Meta:
        empty_text = "No one has answered both questionnaires yet."

    def __init__(self, *args, heading, threshold, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns["group"].column.verbose_name = heading
        self.threshold = threshold

    def render_before_mean(self, record, value):
        """Show the mean before, or why it is not shown."""
        return f"Fewer than {self.threshold} people" if record.suppressed else value

    def render_after_mean(self, record, value):
        """Show the mean after."""
        return "" if record.suppressed else value

    def render_change(self, record, value):
        """Show the change with its sign."""
        return "" if record.suppressed else signed_change(value)


class OutstandingTable(tables.Table):
    """A trainer's ended workshops with attendees yet to answer the after questionnaire."""

    caption = "Evaluations outstanding"

    workshop = tables.Column(verbose_name="Workshop", order_by=("workshop__starts_at",))
    answered = tables.Column(verbose_name="Answered after")
    outstanding = tables.Column(verbose_name="Not answered")

    class Meta:
        empty_text = "Every attendee of your workshops has answered."

    def render_workshop(self, value):
        """Link the workshop's evaluation, with its date."""
        return format_html(
            '<a href="{}">{}, {}</a>',
            reverse("feedback:evaluation-workshop", args=[value.pk]),
            value.title,
            date_format(localtime(value.starts_at), "j M Y"),
        )

    def render_answered(self, record):
        """Show how many answered out of how many could."""
        return f"{record.answered} of {record.expected}"

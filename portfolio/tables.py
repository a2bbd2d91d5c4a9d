"""Tables of a person's reflections, development goals and the actions towards a goal."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from training_site.tables import StatusColumn

PORTFOLIO_PER_PAGE = 25


def codes(competences):
    """Return the codes of the competences a record evidences, comma separated."""
    return ", ".join(competence.code for competence in competences)


class ReflectionColumnsTable(tables.Table):
    """What every list of reflections shows: the title linked, its structure, what it evidences."""

    title = tables.Column(verbose_name="Reflection")
    structure = tables.Column(verbose_name="Structure")
    updated_at = tables.DateColumn(verbose_name="Changed", format="j F Y")
    evidences = tables.Column(verbose_name="Evidences", accessor="pk", orderable=False)

    def render_title(self, record):
        """Link the reflection's title to it."""
        url = reverse("portfolio:reflection", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.title)

    def render_evidences(self, record):
        """List the competences the reflection evidences."""
        found = codes(record.competences.all())
        return f"Evidences {found}" if found else "–"


class ReflectionTable(ReflectionColumnsTable):
    """The author's reflections, with whom each is shared and what it evidences."""

    caption = "Your reflections"

    status = StatusColumn()
    shared = tables.Column(verbose_name="Shared", accessor="pk", orderable=False)

    class Meta:
        sequence = ("title", "structure", "updated_at", "status", "shared", "evidences")

    def render_shared(self, record):
        """Name who the reflection is shared with, or say it is private."""
        names = ", ".join(share.shared_with.get_full_name() for share in record.active_shares)
        return f"Shared with {names}" if names else "Private"


class SharedReflectionTable(ReflectionColumnsTable):
    """Reflections other people share with the reader."""

    caption = "Reflections shared with you"

    author = tables.Column(
        verbose_name="By", accessor="author", order_by=("author__last_name", "author__first_name")
    )

    class Meta:
        sequence = ("title", "author", "structure", "updated_at", "evidences")

    def render_author(self, record):
        """Name the author."""
        return f"By {record.author.get_full_name()}"


class GoalTable(tables.Table):
    """The person's development goals with their review dates and actions."""

    caption = "Your development goals"

    title = tables.Column(verbose_name="Goal")
    status = StatusColumn()
    competence = tables.Column(
        verbose_name="Competence",
        accessor="competence",
        order_by=("competence__code",),
        default="None",
    )
    review_on = tables.DateColumn(verbose_name="Review date", format="j F Y")
    actions = tables.Column(verbose_name="Actions", accessor="pk", orderable=False)

    def render_title(self, record):
        """Link the goal's title to it."""
        url = reverse("portfolio:goal", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.title)

    def render_competence(self, record):
        """Show the competence the goal develops."""
        return f"{record.competence.code} {record.competence.title}"

    def render_review_on(self, value):
        """Say when the goal is to be reviewed."""
        return f"Review on {format_date(value, 'j F Y')}"

    def render_actions(self, record):
        """Count the goal's actions."""
        count = len(record.actions.all())
        return f"{count} action{'' if count == 1 else 's'}"


class GoalActionTable(tables.Table):
    """The actions planned towards one goal."""

    caption = "Actions towards the goal"

    what = tables.Column(verbose_name="What")
    who = tables.Column(verbose_name="Who")
    due_on = tables.DateColumn(verbose_name="By when", format="j M Y")
    confidence = tables.Column(verbose_name="Confidence", default="–")
    done = tables.BooleanColumn(verbose_name="Done", yesno="Yes,No")

    def render_confidence(self, value):
        """Show the confidence out of ten."""
        return f"{value}/10"

"""Tables of competences, assessments and the gap profile's summaries."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from competences.models import AssessmentStatus, Proficiency


def hidden_header(text):
    """Return a column header read only by screen readers."""
    return format_html('<span class="nhsuk-u-visually-hidden">{}</span>', text)


def competence_heading(competence, ksf_prefix="KSF"):
    """Show a competence's code and title, with the KSF dimension and level it evidences."""
    ksf = ""
    if competence.ksf_level:
        ksf = format_html(
            '<br><span class="nhsuk-body-s">{} {} level {}</span>',
            ksf_prefix,
            competence.ksf_level.dimension.code,
            competence.ksf_level.level,
        )
    return format_html("<strong>{}</strong> {}{}", competence.code, competence.title, ksf)


def tag(label, colour):
    """Draw an NHS.UK tag."""
    return format_html('<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', colour, label)


class FrameworkCompetenceTable(tables.Table):
    """The competences of one framework with the KSF dimension and level each evidences."""

    caption = "Competences in the framework"

    code = tables.Column(verbose_name="Code")
    competence = tables.Column(verbose_name="Competence", accessor="title")
    ksf = tables.Column(
        verbose_name="KSF dimension and level",
        accessor="ksf_level",
        order_by=("ksf_level__dimension__code", "ksf_level__level"),
        empty_values=(),
    )
    action = tables.Column(verbose_name=hidden_header("Action"), accessor="pk", orderable=False)

    class Meta:
        empty_text = "This framework has no competences yet."

    def render_competence(self, record):
        """Show the title and whether the competence is national or local."""
        return format_html(
            '{}<br><span class="nhsuk-body-s">{}</span>', record.title, record.get_scope_display()
        )

    def render_ksf(self, record):
        """Show the KSF dimension and level, or that the competence is not mapped."""
        if not record.ksf_level:
            return "Not mapped"
        return f"{record.ksf_level.dimension.code} level {record.ksf_level.level}"

    def render_action(self, record):
        """Link to rating yourself on the competence."""
        return format_html(
            '<a href="{}">Rate yourself<span class="nhsuk-u-visually-hidden"> on {}</span></a>',
            reverse("competences:self-assess", args=[record.pk]),
            record.code,
        )


class RequiredCompetenceTable(tables.Table):
    """The competences a person's posts need and where the person stands on each."""

    caption = "Competences the post needs and where the person stands"

    competence = tables.Column(
        verbose_name="Competence", accessor="competence", order_by=("competence__code",)
    )
    level = tables.Column(
        verbose_name="Level needed", accessor="required_label", order_by=("required_level",)
    )
    current = tables.Column(
        verbose_name="Current level", accessor="competence", orderable=False, empty_values=()
    )
    status = tables.Column(verbose_name="Status", accessor="label", empty_values=())
    next_step = tables.Column(verbose_name="Next step", accessor="next_step", orderable=False)

    def __init__(self, *args, own, links, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.own = own
        self.links = links
        self.person = person

    def render_current(self, record):
        """Show the level verified and until when, or the level claimed and not yet verified."""
        assessment = record.assessment
        if assessment is None:
            return "Not rated"
        if assessment.status == AssessmentStatus.VERIFIED and assessment.verified_level:
            verified = Proficiency(assessment.verified_level).short_label
            if assessment.expires_on is None:
                return f"{verified}, verified"
            ends = "expired" if record.state == "expired" else "verified until"
            return f"{verified}, {ends} {format_date(assessment.expires_on, 'j M Y')}"
        return f"{Proficiency(assessment.level).short_label}, self-assessed"

    def render_competence(self, record):
        """Show the competence with the KSF dimension and level it is evidence for."""
        return competence_heading(record.competence, "Evidence for KSF")

    def render_status(self, record):
        """Show where the person stands as a coloured tag."""
        return tag(record.label, record.colour)

    def render_next_step(self, record):
        """Say what to do next, with links to the assessment and other apps' offers."""
        code = record.competence.code
        links = []
        if record.assessment:
            url = reverse("competences:assessment-detail", args=[record.assessment.pk])
            links.append((url, "Open", f" {code}"))
        elif self.own:
            url = reverse("competences:self-assess", args=[record.competence.pk])
            links.append((url, "Rate yourself", f" on {code}"))
        links.extend(
            (link.url, link.label, f" ({code})")
            for link in self.links.get(record.competence.pk, [])
        )
        return format_html(
            "{}{}",
            record.next_step if self.own else self.next_step_for_others(record),
            format_html_join(
                "",
                '<br><a href="{}">{}<span class="nhsuk-u-visually-hidden">{}</span></a>',
                links,
            ),
        )

    def next_step_for_others(self, record):
        """Say where the person stands in words for its manager, not for the person."""
        name = (self.person.first_name or self.person.get_full_name()) if self.person else "They"
        return {
            "not_started": f"{name} has not rated this yet.",
            "expired": f"The verification has expired: {name} needs to update the rating "
            "and ask again.",
            "below": f"Verified below the level the post needs: {name} needs to build "
            "practice towards it.",
            "self_assessed": f"{name} has not yet asked for verification.",
        }.get(record.state, record.next_step)


class RatedCompetenceTable(tables.Table):
    """Competences a person has rated that no post of theirs needs."""

    caption = "Other competences rated"

    competence = tables.Column(
        verbose_name="Competence", accessor="competence", order_by=("competence__code",)
    )
    status = tables.Column(verbose_name="Status", accessor="label")

    def render_competence(self, record):
        """Link the competence to its assessment."""
        url = reverse("competences:assessment-detail", args=[record.assessment.pk])
        return format_html(
            '<a href="{}">{} {}</a>', url, record.competence.code, record.competence.title
        )

    def render_status(self, record):
        """Show where the person stands as a coloured tag."""
        return tag(record.label, record.colour)


class CompetenceSummaryTable(tables.Table):
    """How a group stands on each competence its posts need."""

    caption = "Needs met, self-assessed only and gaps per competence"
    row_header = "competence"

    competence = tables.Column(
        verbose_name="Competence",
        accessor="summary__competence",
        order_by=("summary__competence__code",),
    )
    need = tables.Column(verbose_name="Need it", accessor="summary__need")
    met = tables.Column(verbose_name="Met", accessor="summary__met")
    self_assessed = tables.Column(
        verbose_name="Self-assessed only", accessor="summary__self_assessed"
    )
    gap = tables.Column(verbose_name="Gap", accessor="summary__gap")
    share_met = tables.Column(
        verbose_name="% met", accessor="summary__share_met", order_by=("summary__percent_met",)
    )

    def __init__(self, data, *, compare=None, benchmarking=False, threshold=None, **kwargs):
        extra = []
        if compare:
            header = f"Change since {format_date(compare, 'j M Y')}"
            extra.append(
                (
                    "change",
                    tables.Column(
                        verbose_name=header, accessor="earlier", empty_values=(), orderable=False
                    ),
                )
            )
        if benchmarking:
            extra.append(
                (
                    "benchmark",
                    tables.Column(
                        verbose_name="Rest of the network, % met",
                        accessor="benchmark__percent",
                        empty_values=(),
                    ),
                )
            )
        super().__init__(data, extra_columns=extra, **kwargs)
        self.threshold = threshold

    def render_competence(self, record):
        """Show the competence with the KSF dimension and level it evidences."""
        return competence_heading(record["summary"].competence)

    def render_change(self, record):
        """Show the share met then and now, or that the competence was not needed then."""
        if record["earlier"] is None:
            return "Not needed then"
        return f"{record['earlier'].share_met} to {record['summary'].share_met}"

    def render_benchmark(self, record):
        """Show the rest of the network's share met, unless too few people to stay anonymous."""
        benchmark = record["benchmark"]
        if benchmark is None:
            return "–"
        if benchmark.hidden:
            return f"Not shown: fewer than {self.threshold} people"
        return f"{benchmark.percent}%"


class UnitHeatmapTable(tables.Table):
    """The heatmap's numbers: the share met in each unit by competence."""

    keep_columns_on_phones = True

    caption = "The heatmap's numbers: % met (people who need it)"
    caption_shown = True
    row_header = "unit"

    unit = tables.Column(verbose_name="Unit", accessor="unit", order_by=("unit__name",))

    def __init__(self, grid, **kwargs):
        rows = [
            {"unit": unit, "percents": grid.percentages[i], "shares": shares, "needs": needs}
            for i, (unit, shares, needs) in enumerate(
                zip(grid.units, grid.shares, grid.needs, strict=True)
            )
        ]
        extra = [
            (f"code_{index}", HeatmapColumn(index, verbose_name=code))
            for index, code in enumerate(grid.codes)
        ]
        super().__init__(rows, extra_columns=extra, **kwargs)

    def render_unit(self, record):
        """Link the unit to its own profile."""
        return format_html(
            '<a href="?organisation={}">{}</a>', record["unit"].pk, record["unit"].name
        )


class HeatmapColumn(tables.Column):
    """One competence's share met in each unit, with the number of people who need it."""

    def __init__(self, index, **kwargs):
        self.index = index
        super().__init__(accessor=f"percents__{index}", empty_values=(), **kwargs)

    def render(self, record):
        """Show "NN% (need)", or a dash when nobody in the unit needs the competence."""
        share = record["shares"][self.index]
        if share is None:
            return "–"
        return f"{share} ({record['needs'][self.index]})"


class ImportProblemTable(tables.Table):
    """The rows of an HR extract that stop the import, with every problem in each."""

    caption = "Rows with problems"

    row = tables.Column(verbose_name="Row", accessor="0", orderable=False)
    problem = tables.Column(verbose_name="Problem", accessor="1", orderable=False)

    def render_problem(self, value):
        """Put each of the row's problems on its own line."""
        return format_html_join(mark_safe("<br>"), "{}", ((problem,) for problem in value))


class ImportPreviewTable(tables.Table):
    """The first rows of an uploaded file, one column per heading, in the file's order."""

    keep_columns_on_phones = True

    caption = "The first rows of the file"

    row = tables.Column(verbose_name="Row", accessor="number", orderable=False)

    def __init__(self, rows, *, headers, **kwargs):
        extra = [(f"column_{i}", PreviewColumn(header)) for i, header in enumerate(headers)]
        super().__init__(rows, extra_columns=extra, **kwargs)


class PreviewColumn(tables.Column):
    """One heading's values in the file preview."""

    def __init__(self, header, **kwargs):
        self.heading = header
        super().__init__(
            verbose_name=header, accessor="number", orderable=False, empty_values=(), **kwargs
        )

    def render(self, record):
        """Show the row's value under this heading as it was read."""
        return record.values.get(self.heading, "")


class DimensionTable(tables.Table):
    """A person's standing on each KSF dimension their posts need."""

    caption = "KSF dimensions the post needs, the level needed and the level evidenced"
    row_header = "dimension"

    dimension = tables.Column(
        verbose_name="KSF dimension", accessor="dimension", order_by=("dimension__code",)
    )
    standing = tables.Column(verbose_name="Level", accessor="met", empty_values=())
    through = tables.Column(verbose_name="Through", accessor="standings", orderable=False)

    def render_dimension(self, value):
        """Show the dimension's code and title."""
        return f"{value.code} {value.title}"

    def render_standing(self, record):
        """Say the level needed and the level evidenced, tagged met or gap."""
        evidenced = (
            f"evidenced at level {record.evidenced_level}"
            if record.evidenced_level
            else "not yet evidenced"
        )
        return format_html(
            "Needed at level {}; {}. {}",
            record.needed_level,
            evidenced,
            tag("Met", "green") if record.met else tag("Gap", "red"),
        )

    def render_through(self, value):
        """List the competences that evidence the dimension."""
        return ", ".join(standing.competence.code for standing in value)

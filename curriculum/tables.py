"""Tables of the programme comparison and of curriculum pages waiting for approval."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

CHANGES_PER_PAGE = 25


class CoverColumn(tables.Column):
    """One programme's column: whether it covers the row's component or competence."""

    def __init__(self, index, programme, words, **kwargs):
        self.index = index
        self.words = words
        super().__init__(
            verbose_name=programme.owner_label,
            accessor=f"covered__{index}",
            empty_values=(),
            **kwargs,
        )

    def render(self, record):
        """Show a tick or a dash, with words for screen readers."""
        covered = record.covered[self.index]
        return format_html(
            '<span aria-hidden="true">{}</span><span class="nhsuk-u-visually-hidden">{}</span>',
            "✓" if covered else "–",
            self.words[0] if covered else self.words[1],
        )


SHARED_BY_ALL = mark_safe('<strong class="nhsuk-tag nhsuk-tag--green">Shared by all</strong>')  # noqa: S308


class ComparisonTable(tables.Table):
    """Items down the side, programmes across, and whether every site shares each item."""

    keep_columns_on_phones = True

    row_header = "item"
    words = ("Covered", "Not covered")

    across = tables.Column(
        verbose_name="Across sites", accessor="shared_by_all_sites", empty_values=()
    )

    def __init__(self, rows, *, programmes, **kwargs):
        extra = [
            (f"programme_{i}", CoverColumn(i, programme, self.words))
            for i, programme in enumerate(programmes)
        ]
        super().__init__(rows, extra_columns=extra, **kwargs)

    def render_across(self, record):
        """Tag an item every site shares, or the one site that alone covers it."""
        if record.shared_by_all_sites:
            return SHARED_BY_ALL
        if record.unique_to:
            return format_html(
                '<strong class="nhsuk-tag nhsuk-tag--orange">Only {}</strong>',
                record.unique_to.owner_label,
            )
        return ""


class ComponentComparisonTable(ComparisonTable):
    """Which programmes cover each essential component."""

    caption = "Which programmes cover each essential component"

    item = tables.Column(verbose_name="Component", accessor="item__name")

    class Meta:
        sequence = ("item", "...", "across")


class CompetenceComparisonTable(ComparisonTable):
    """Which programmes develop each competence."""

    caption = "Which programmes develop each competence"
    words = ("Develops it", "Does not")

    item = tables.Column(verbose_name="Competence", accessor="item", order_by=("item__code",))

    class Meta:
        sequence = ("item", "...", "across")

    def render_item(self, record):
        """Show the competence's code and title."""
        return format_html("<strong>{}</strong> {}", record.item.code, record.item.title)


class ChangedPageTable(tables.Table):
    """Curriculum pages with changes not yet approved, and where to read what changed."""

    caption = "Pages with unpublished changes"

    page = tables.Column(verbose_name="Page", accessor="title")
    changed = tables.DateTimeColumn(
        verbose_name="Changed", accessor="latest_revision_created_at", format="j M Y, H:i"
    )
    change = tables.Column(verbose_name="What changed", accessor="pk", orderable=False)

    def render_change(self, record):
        """Link to the comparison with the approved version, or to a draft never approved."""
        if record.live_revision:
            url = reverse(
                "wagtailadmin_pages:revisions_compare", args=[record.pk, "live", "latest"]
            )
            return format_html(
                '<a href="{}">Compare with the approved version'
                '<span class="nhsuk-u-visually-hidden"> of {}</span></a>',
                url,
                record.title,
            )
        return format_html(
            'Never approved: <a href="{}">open the draft'
            '<span class="nhsuk-u-visually-hidden"> of {}</span></a>',
            reverse("wagtailadmin_pages:edit", args=[record.pk]),
            record.title,
        )

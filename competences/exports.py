"""Gap profile exports: CSV streamed row by row, XLSX written in write-only mode, and a PDF.

The workbooks and the PDF report can cover a whole network, so the worker prepares them
(``prepared_export``) and their owner downloads the file when it is ready.
"""

import io
from datetime import date

from django.utils.text import slugify

from competences import charts, gaps
from competences.heatmaps import heatmap_grid
from training_site.charts import as_png
from training_site.downloads import titled, xlsx_file
from training_site.pdf import FONT, ReportPDF
from training_site.prepared_downloads import DownloadRefused
from training_site.scoping import organisations_managed_by
from training_site.small_numbers import change, is_small

STATE_WORDS = {gaps.MET: "met", gaps.SELF_ASSESSED: "self-assessed", gaps.GAP: "gap"}
SUMMARY_XLSX = "gap-summary-xlsx"
MATRIX_XLSX = "gap-matrix-xlsx"
REPORT_PDF = "gap-report-pdf"
PREFIXES = {SUMMARY_XLSX: "gap-summary", MATRIX_XLSX: "gap-matrix", REPORT_PDF: "gap-report"}
EXPORT_HEADINGS = {
    "gap-summary": "Care planning skills profile, per competence",
    "gap-matrix": "Care planning skills matrix, per person",
}


def summary_rows(summaries):
    """Yield the summary table: a header, then one row per competence."""
    yield ["Code", "Competence", "KSF", "Need it", "Met", "Self-assessed only", "Gap", "% met"]
    for s in summaries:
        ksf = s.competence.ksf_level
        yield [
            s.competence.code,
            s.competence.title,
            f"{ksf.dimension.code} level {ksf.level}" if ksf else "",
            s.need,
            s.met,
            s.self_assessed,
            s.gap,
            s.share_met if is_small(s.need) else s.percent_met,
        ]


def matrix_rows(organisation, on=None):
    """Yield the matrix: a header, then one row per person with a state per competence."""
    competences = list(gaps.competences_needed(organisation, on))
    index = {c.pk: i for i, c in enumerate(competences)}
    yield [
        "Email",
        "First name",
        "Last name",
        "Post",
        "Organisation",
        *(c.code for c in competences),
    ]
    person, cells = None, None
    for email, first, last, post, workplace, competence_id, _level, state in gaps.matrix_rows(
        organisation, on
    ):
        if email != (person and person[0]):
            if person is not None:
                yield [*person, *cells]
            person = (email, first, last, post or "", workplace or "")
            cells = [""] * len(competences)
        cells[index[competence_id]] = STATE_WORDS[state]
    if person is not None:
        yield [*person, *cells]


def pdf_report(*, organisation, on, summaries, heatmap_grid, compare=None, before=None):
    """Return a PDF report of an organisation's gap profile for a board meeting."""
    pdf = ReportPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(f"Care planning skills profile: {organisation.name}")
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.paragraph(8, f"Care planning skills profile: {organisation.name}")
    pdf.set_font(FONT, "", 10)
    stamp = f"As on {_day(on)}" + (f", compared with {_day(compare)}" if compare else "")
    pdf.paragraph(
        6,
        stamp + ". Needs come from each person's post profile; only "
        "verifications in force count as met.",
    )
    pdf.ln(3)
    _summary_table(pdf, summaries, before)
    if summaries:
        figure = charts.summary_figure(
            [s.competence.code for s in summaries],
            [s.met for s in summaries],
            [s.self_assessed for s in summaries],
            [s.gap for s in summaries],
        )
        pdf.ln(4)
        pdf.image(_png_stream(figure), w=180)
    if heatmap_grid.units:
        figure = charts.heatmap_figure(
            heatmap_grid.unit_names, heatmap_grid.codes, heatmap_grid.percentages
        )
        pdf.add_page()
        pdf.set_font(FONT, "B", 12)
        pdf.paragraph(7, f"Units within {organisation.name}")
        pdf.image(_png_stream(figure), w=180)
        pdf.set_font(FONT, "", 9)
        pdf.paragraph(5, heatmap_grid.description)
        pdf.ln(3)
        _heatmap_table(pdf, heatmap_grid)
    return bytes(pdf.output())


def summary_table_rows(summaries, before):
    """Yield the PDF summary table: headings, then one row of texts per competence."""
    headings = ["Competence", "Need it", "Met", "Self-assessed", "Gap", "% met"]
    if before is not None:
        headings.append("Change")
    yield headings
    for s in summaries:
        cells = [f"{s.competence.code} {s.competence.title}", s.need, s.met]
        cells += [s.self_assessed, s.gap, s.share_met]
        if before is not None:
            earlier = before.get(s.competence.pk)
            cells.append(change(s.met, s.need, earlier.met, earlier.need) if earlier else "new")
        yield [str(c) for c in cells]


def _summary_table(pdf, summaries, before):
    """Draw the per-competence summary as a table."""
    rows = list(summary_table_rows(summaries, before))
    pdf.set_font(FONT, "", 9)
    with pdf.table(
        text_align=["LEFT"] + ["RIGHT"] * (len(rows[0]) - 1),
        col_widths=(60, 18, 14, 24, 14, 16, 18)[: len(rows[0])],
    ) as table:
        for row in rows:
            table.row(row)


def heatmap_table_rows(grid):
    """Yield the heatmap's numbers: headings, then per unit the share met with the need."""
    yield ["Unit", *grid.codes]
    for unit, cells in grid.rows:
        yield [unit.name] + ["-" if text is None else f"{text} ({need})" for text, need in cells]


def _heatmap_table(pdf, grid):
    """Draw the heatmap's numbers as a table: % met with the people who need it."""
    pdf.set_font(FONT, "", 8)
    with pdf.table(text_align=["LEFT"] + ["RIGHT"] * len(grid.codes)) as table:
        for row in heatmap_table_rows(grid):
            table.row(row)


def _day(value):
    """Write a date as 1 January 2025."""
    return f"{value.day} {value:%B %Y}"


def _png_stream(figure):
    """Render a figure to an in-memory PNG that FPDF can place."""
    return io.BytesIO(as_png(figure, dpi=200))


def title(heading, organisation, on):
    """Return the line that opens a download: what it holds, for whom, on which day."""
    return f"{heading}: {organisation.name}, as on {_day(on)}"


def filename(prefix, organisation, on, extension):
    """Return a download name such as gap-summary-tower-hamlets-2026-11-22.csv."""
    return f"{prefix}-{slugify(organisation.name)}-{on:%Y-%m-%d}.{extension}"


def prepared_title(kind, organisation, on, compare=None):
    """Return what the status page calls a prepared export."""
    if kind == SUMMARY_XLSX:
        return f"Skills-gap summary for {organisation.name} on {_day(on)} (Excel)"
    if kind == MATRIX_XLSX:
        return f"People by competence in {organisation.name} on {_day(on)} (Excel)"
    compared = f", compared with {_day(compare)}" if compare else ""
    return f"Skills-gap report for {organisation.name} on {_day(on)}{compared} (PDF)"


def prepared_export(download, progress):
    """Build the file of a prepared gap export, if its owner still manages the organisation."""
    parameters = download.parameters
    organisation = (
        organisations_managed_by(download.owner).filter(pk=parameters["organisation"]).first()
    )
    if organisation is None:
        raise DownloadRefused(
            "You no longer manage this organisation, so its export was not prepared."
        )
    on = date.fromisoformat(parameters["on"])
    compare = date.fromisoformat(parameters["compare"]) if parameters.get("compare") else None
    if download.kind == SUMMARY_XLSX:
        return summary_workbook(organisation, on, progress)
    if download.kind == MATRIX_XLSX:
        return matrix_workbook(organisation, on, progress)
    return report_document(organisation, on, compare, progress)


def summary_workbook(organisation, on, progress):
    """Write the summary to an XLSX file, reporting its one step: the profile; return it rewound."""
    progress(0, 1)
    prefix = PREFIXES[SUMMARY_XLSX]
    heading = title(EXPORT_HEADINGS[prefix], organisation, on)
    rows = titled(heading, summary_rows(gaps.summary(organisation, on)))
    return xlsx_file(rows, prefix, heading)


def matrix_workbook(organisation, on, progress):
    """Write the matrix to an XLSX file, reporting each person written; return it rewound."""
    progress(0, gaps.people_needing_count(organisation, on))
    prefix = PREFIXES[MATRIX_XLSX]
    heading = title(EXPORT_HEADINGS[prefix], organisation, on)
    rows = titled(heading, _counting(matrix_rows(organisation, on), progress))
    return xlsx_file(rows, prefix, heading)


def _counting(rows, progress):
    """Yield the rows, reporting each one after the header as a step done once written."""
    for number, row in enumerate(rows):
        yield row
        if number:
            progress(number)


def report_document(organisation, on, compare, progress):
    """Return the PDF report's bytes, reporting its three steps: profile, comparison, drawing."""
    progress(0, 3)
    summaries, cells = gaps.profile(organisation, on)
    progress(1)
    before = {s.competence.pk: s for s in gaps.summary(organisation, compare)} if compare else None
    progress(2)
    return pdf_report(
        organisation=organisation,
        on=on,
        summaries=summaries,
        heatmap_grid=heatmap_grid(cells),
        compare=compare,
        before=before,
    )

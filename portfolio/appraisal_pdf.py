"""The appraisal pack as a PDF for the appraiser to read."""

from portfolio.exports import (
    FONT,
    PortfolioPDF,
    _day,
    _heading,
    _pdf_goals,
    _pdf_reflections,
)

OTHER = {True: "Other CPD, participatory", False: "Other CPD"}


class AppraisalPDF(PortfolioPDF):
    """The pack's PDF, with a footer naming the pack and the page."""

    def footer(self):
        """Write the pack and page number at the foot of each page."""
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, f"Appraisal pack of {self.person_name}. Page {self.page_no()}", align="C")
        self.set_text_color(0, 0, 0)


def _table(pdf, title, headings, widths, rows, empty="Nothing recorded."):
    """Write a part as a compact table, or say it is empty."""
    _heading(pdf, title)
    if not rows:
        pdf.set_font(FONT, "", 10)
        pdf.paragraph(5, empty)
        return
    pdf.set_font(FONT, "", 9)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
        table.row(headings)
        for row in rows:
            table.row([str(cell or "") for cell in row])


def _pdf_competences(pdf, rows, prepared_at):
    """Write each competence's standing against the post."""
    rows = [
        (
            c["competence"],
            c["required_level"] or "Not required",
            c["state"],
            c["verified_level"] or c["level"] or "",
            ", ".join(p for p in (c["verified_by"], _day(c["verified_on"])) if p),
            _day(c["expires_on"]),
        )
        for c in rows
    ]
    _table(
        pdf,
        f"Competences against the post, as at {_day(prepared_at)}",
        ["Competence", "Needed", "Standing", "Level", "Verified by, on", "Expires"],
        (56, 24, 26, 24, 34, 26),
        rows,
    )


def _pdf_cpd(pdf, cpd):
    """Write CPD hours by month, the totals, and what they come from."""
    rows = [
        (
            m["month"],
            m["workshop_hours"],
            m["activity_hours"],
            m["participatory_hours"],
            m["total_hours"],
        )
        for m in cpd["months"]
    ]
    rows.append(
        (
            "Total",
            cpd["workshop_hours"],
            cpd["activity_hours"],
            cpd["participatory_hours"],
            cpd["total_hours"],
        )
    )
    _table(
        pdf,
        "CPD hours",
        ["Month", "Workshops", "Other CPD", "Participatory", "Total"],
        (52, 32, 32, 32, 32),
        rows,
    )
    pdf.ln(2)
    pdf.set_font(FONT, "B", 10)
    pdf.paragraph(
        5,
        f"Total CPD hours: {cpd['total_hours']}, "
        f"of which participatory: {cpd['participatory_hours']}.",
    )
    pdf.set_font(FONT, "", 9)
    pdf.paragraph(5, "Workshops attended count as participatory learning.")
    lines = [(w["date"], w["title"], w["hours"], "Workshop") for w in cpd["workshops"]]
    lines += [
        (a["date"], a["title"], a["hours"], OTHER[a["participatory"]]) for a in cpd["activities"]
    ]
    lines = [(title, _day(day), hours, kind) for day, title, hours, kind in sorted(lines)]
    if lines:
        _table(pdf, "CPD done", ["What", "Date", "Hours", "Kind"], (84, 34, 18, 44), lines)


def pdf_document(pack):
    """Return the appraisal pack as a PDF."""
    name = pack["person"]["name"]
    pdf = AppraisalPDF(orientation="portrait", unit="mm", format="A4", person_name=name)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(pack["title"])
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, pack["title"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    who = ", ".join(p for p in (pack["person"]["profession"], pack["person"]["email"]) if p)
    year = f"{_day(pack['year']['starts_on'])} to {_day(pack['year']['ends_on'])}"
    pdf.paragraph(5, f"{who}. Appraisal year {year}.")
    pdf.paragraph(5, f"Prepared on {_day(pack['prepared_at'])} for {pack['prepared_for']}.")
    _pdf_competences(pdf, pack["competences"], pack["prepared_at"])
    _pdf_cpd(pdf, pack["cpd"])
    if pack["reflections"]:
        _pdf_reflections(pdf, pack["reflections"])
    else:
        _table(pdf, "Reflections", [], (), [], empty="No reflections were chosen for the pack.")
    rows = [(f["instrument"], f["about"], _day(f["submitted_at"])) for f in pack["feedback"]]
    headings = ["Feedback", "About", "Received"]
    _table(pdf, "Feedback received in the year", headings, (75, 70, 35), rows)
    if pack["goals"]:
        _pdf_goals(pdf, pack["goals"])
    else:
        _table(pdf, "Personal development plan", [], (), [], empty="No goals for the year.")
    return bytes(pdf.output())

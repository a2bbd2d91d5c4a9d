"""Export of a portfolio for appraisal or revalidation: a PDF to read and a JSON file to process.

The JSON document's keys (format ``yoc-portfolio/1``): ``format``, ``person`` (``name``,
``email``, ``profession``), ``exported_at`` (ISO 8601), then, for each part chosen:
``reflections`` (``title``, ``structure``, ``status``, ``created_at``, ``updated_at``,
``sections`` as a list of ``label``/``text``, ``consultation``, ``context`` as a list of
strings, ``competences`` as a list of codes), ``goals`` (``title``, ``competence``, ``why``,
``importance``, ``confidence``, ``review_on``, ``status``, ``outcome``, ``reviewed_on``,
``actions`` as a list of ``what``/``who``/``due_on``/``confidence``/``done``), ``feedback``
(``instrument``, ``submitted_at``, ``about``), ``workshops`` (``title``, ``starts_at``,
``status``) and ``assessments`` (``competence``, ``action``, ``at``, ``by``, ``note``).
"""

import json
from dataclasses import dataclass, field

from django.utils import timezone

from portfolio import queries
from portfolio.models import ReflectionStatus
from training_site.pdf import FONT, ReportPDF
from workshops.models import Booking

FORMAT = "yoc-portfolio/1"


@dataclass
class PortfolioExport:
    """The parts of a person's portfolio chosen for an export, as plain values."""

    person: dict
    exported_at: str
    parts: dict = field(default_factory=dict)

    def as_dict(self):
        """Return the document with its format and person first."""
        return {
            "format": FORMAT,
            "person": self.person,
            "exported_at": self.exported_at,
            **self.parts,
        }


def _when(value):
    """Write a date or datetime in ISO 8601, or nothing."""
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.isoformat()


def _context(reflection):
    """Describe what a reflection is about."""
    items = []
    if reflection.workshop_id:
        items.append(f"Workshop: {reflection.workshop}")
    if reflection.session_id:
        items.append(f"Simulated consultation: {reflection.session.scenario.title}")
    if reflection.feedback_id:
        items.append(f"Feedback: {reflection.feedback.version.instrument.name}")
    if reflection.observation_id:
        items.append(f"QA observation on {reflection.observation.observed_on:%d %B %Y}")
    return items


def _reflections(hcp, chosen):
    """Return the chosen reflections, or every complete one."""
    reflections = queries.my_reflections(hcp).select_related(
        "workshop", "session__scenario", "feedback__version__instrument", "observation"
    )
    if chosen:
        reflections = reflections.filter(pk__in=[r.pk for r in chosen])
    else:
        reflections = reflections.filter(status=ReflectionStatus.COMPLETE)
    return [
        {
            "title": r.title,
            "structure": r.get_structure_display(),
            "status": r.get_status_display(),
            "created_at": _when(r.created_at),
            "updated_at": _when(r.updated_at),
            "sections": [{"label": s.label, "text": text} for s, text in r.filled_sections],
            "consultation": r.consultation,
            "context": _context(r),
            "competences": [c.code for c in r.competences.all()],
        }
        for r in reflections
    ]


def _goals(hcp):
    """Return the development plan."""
    return [
        {
            "title": g.title,
            "competence": f"{g.competence.code} {g.competence.title}" if g.competence_id else None,
            "why": g.why,
            "importance": g.importance,
            "confidence": g.confidence,
            "review_on": _when(g.review_on),
            "status": g.get_status_display(),
            "outcome": g.outcome,
            "reviewed_on": _when(g.reviewed_on),
            "actions": [
                {
                    "what": a.what,
                    "who": a.who,
                    "due_on": _when(a.due_on),
                    "confidence": a.confidence,
                    "done": a.done,
                }
                for a in g.actions.all()
            ],
        }
        for g in queries.my_goals(hcp)
    ]


def _feedback(hcp):
    """Return the feedback received."""
    rows = []
    for response in queries.feedback_about(hcp):
        about = response.session.scenario.title if response.session_id else None
        about = about or (response.workshop.title if response.workshop_id else None)
        rows.append(
            {
                "instrument": response.version.instrument.name,
                "submitted_at": _when(response.submitted_at),
                "about": about,
            }
        )
    return rows


def _workshops(hcp):
    """Return the workshops booked or attended."""
    bookings = Booking.objects.filter(hcp=hcp).select_related("workshop")
    return [
        {
            "title": b.workshop.title,
            "starts_at": _when(b.workshop.starts_at),
            "status": b.get_status_display(),
        }
        for b in bookings.order_by("-workshop__starts_at")
    ]


def assessment_rows(assessments):
    """Return the PDF's rows of assessment steps, each step with what it was about."""
    return [
        (
            a["competence"],
            f"{a['action']}: {a['note']}" if a["note"] else a["action"],
            a["by"],
            _day(a["at"]),
        )
        for a in assessments
    ]


def _assessments(hcp):
    """Return each step of the person's assessments."""
    return [
        {
            "competence": f"{e.assessment.competence.code} {e.assessment.competence.title}",
            "action": e.get_action_display(),
            "at": _when(e.at),
            "by": e.actor.get_full_name(),
            "note": e.note,
        }
        for e in queries.assessment_events_of(hcp)
    ]


def portfolio_export(*, hcp, parts, reflections=(), now=None):
    """Gather the parts of a person's portfolio it chose to export."""
    now = now or timezone.now()
    builders = {
        "reflections": lambda: _reflections(hcp, reflections),
        "goals": lambda: _goals(hcp),
        "feedback": lambda: _feedback(hcp),
        "workshops": lambda: _workshops(hcp),
        "assessments": lambda: _assessments(hcp),
    }
    return PortfolioExport(
        person={
            "name": hcp.get_full_name(),
            "email": hcp.email,
            "profession": hcp.get_profession_display() if hcp.profession else "",
        },
        exported_at=_when(now),
        parts={part: builders[part]() for part in builders if part in parts},
    )


def json_document(export):
    """Return the export as indented JSON text."""
    return json.dumps(export.as_dict(), indent=2, ensure_ascii=False)


def _day(iso):
    """Write an ISO date or datetime as 1 January 2026."""
    if not iso:
        return ""
    day = timezone.datetime.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


class PortfolioPDF(ReportPDF):
    """The portfolio's PDF, with a footer naming the person and the page."""

    def __init__(self, *args, person_name="", **kwargs):
        super().__init__(*args, **kwargs)
        self.person_name = person_name

    def footer(self):
        """Write the person and page number at the foot of each page."""
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, f"Portfolio of {self.person_name}. Page {self.page_no()}", align="C")
        self.set_text_color(0, 0, 0)


def _heading(pdf, text):
    """Start a part of the portfolio, never alone at a page's foot."""
    if pdf.get_y() > pdf.h - pdf.b_margin - 40:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(0, 94, 184)
    pdf.paragraph(8, text)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 94, 184)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)


def _entry_title(pdf, text, meta):
    """Write an entry's title and a grey line of what it is, never alone at a page's foot."""
    if pdf.get_y() > pdf.h - pdf.b_margin - 30:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.paragraph(6, text)
    if meta:
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(80, 80, 80)
        pdf.paragraph(5, meta)
        pdf.set_text_color(0, 0, 0)


def _labelled(pdf, label, text):
    """Write a label in bold and its text below it."""
    if not text:
        return
    pdf.set_font(FONT, "B", 10)
    pdf.paragraph(5, label)
    pdf.set_font(FONT, "", 10)
    pdf.paragraph(5, text)
    pdf.ln(1)


def _pdf_reflections(pdf, rows):
    """Write the reflections."""
    _heading(pdf, "Reflections")
    for r in rows:
        meta = f"{r['structure']}, {r['status'].lower()}, {_day(r['updated_at'])}"
        _entry_title(pdf, r["title"], meta)
        for line in r["context"]:
            _labelled(pdf, "About", line)
        for section in r["sections"]:
            _labelled(pdf, section["label"], section["text"])
        _labelled(pdf, "A consultation of my own", r["consultation"])
        _labelled(pdf, "Competences evidenced", ", ".join(r["competences"]))


def _pdf_goals(pdf, rows):
    """Write the development plan with each goal's actions."""
    _heading(pdf, "Personal development plan")
    for g in rows:
        meta = f"{g['status']}; review on {_day(g['review_on'])}"
        if g["importance"] is not None or g["confidence"] is not None:
            meta += f"; importance {g['importance']}/10, confidence {g['confidence']}/10"
        _entry_title(pdf, g["title"], meta)
        _labelled(pdf, "Competence", g["competence"])
        _labelled(pdf, "Why it matters", g["why"])
        if g["actions"]:
            pdf.set_font(FONT, "", 9)
            with pdf.table(col_widths=(80, 35, 30, 25), text_align="LEFT") as table:
                table.row(["Action", "Who", "By when", "Done"])
                for a in g["actions"]:
                    table.row(
                        [a["what"], a["who"], _day(a["due_on"]), "Yes" if a["done"] else "No"]
                    )
            pdf.ln(1)
        if g["reviewed_on"]:
            _labelled(pdf, f"Reviewed on {_day(g['reviewed_on'])}", g["outcome"] or g["status"])


def _pdf_table(pdf, title, headings, widths, rows):
    """Write a part as a table, or say it is empty."""
    _heading(pdf, title)
    if not rows:
        pdf.set_font(FONT, "", 10)
        pdf.paragraph(5, "Nothing recorded.")
        return
    pdf.set_font(FONT, "", 9)
    with pdf.table(col_widths=widths, text_align="LEFT") as table:
        table.row(headings)
        for row in rows:
            table.row([str(cell or "") for cell in row])


def pdf_document(export):
    """Return the export as a PDF for an appraiser to read."""
    name = export.person["name"]
    pdf = PortfolioPDF(orientation="portrait", unit="mm", format="A4", person_name=name)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_title(f"Portfolio of {name}")
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.paragraph(9, f"Portfolio of {name}")
    pdf.set_font(FONT, "", 10)
    who = ", ".join(p for p in (export.person["profession"], export.person["email"]) if p)
    pdf.paragraph(
        5, f"{who}. Exported on {_day(export.exported_at)} for appraisal or revalidation."
    )
    parts = export.parts
    if "reflections" in parts:
        _pdf_reflections(pdf, parts["reflections"])
    if "goals" in parts:
        _pdf_goals(pdf, parts["goals"])
    if "feedback" in parts:
        rows = [(f["instrument"], f["about"], _day(f["submitted_at"])) for f in parts["feedback"]]
        _pdf_table(pdf, "Feedback received", ["Feedback", "About", "Received"], (75, 70, 35), rows)
    if "workshops" in parts:
        rows = [(w["title"], _day(w["starts_at"]), w["status"]) for w in parts["workshops"]]
        _pdf_table(pdf, "Workshops", ["Workshop", "Date", "Status"], (100, 40, 40), rows)
    if "assessments" in parts:
        rows = assessment_rows(parts["assessments"])
        _pdf_table(pdf, "Assessments", ["Competence", "Step", "By", "When"], (60, 62, 30, 28), rows)
    return bytes(pdf.output())

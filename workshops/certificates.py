"""Certificates of attendance: a one-page PDF with the CPD hours, in the reports' font."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from training_site.pdf import FONT, ReportPDF


def certificate_check_url(certificate):
    """Return the address where anyone can check the certificate is genuine."""
    path = reverse("certificate-check", args=[certificate.display_reference])
    return settings.WAGTAILADMIN_BASE_URL + path


def certificate_pdf(certificate):
    """Return the certificate of attendance as PDF bytes."""
    booking = certificate.booking
    workshop = booking.workshop
    pdf = ReportPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(30, 20, 30)
    pdf.set_title(f"Certificate of attendance: {workshop.title}")
    pdf.set_author(settings.SERVICE_NAME)
    pdf.add_page()
    pdf.set_draw_color(0, 94, 184)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_y(28)
    pdf.set_font(FONT, "", 14)
    pdf.set_text_color(0, 94, 184)
    pdf.cell(0, 8, settings.SERVICE_NAME, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(33, 43, 50)
    pdf.set_font(FONT, "B", 28)
    pdf.cell(0, 18, "Certificate of attendance", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 13)
    pdf.cell(0, 10, "This is to certify that", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 22)
    pdf.cell(0, 14, booking.hcp.get_full_name(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 13)
    pdf.cell(0, 10, "attended the workshop", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 9, workshop.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 12)
    pdf.ln(3)
    for line in _details(workshop):
        pdf.multi_cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(172)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(77, 97, 112)
    pdf.cell(
        0,
        5,
        f"Certificate reference {certificate.display_reference}. "
        f"Issued {_day(certificate.issued_on)} by {workshop.site.name}.",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(
        0,
        5,
        f"Check that it is genuine at {certificate_check_url(certificate)}",
        align="C",
        link=certificate_check_url(certificate),
    )
    return bytes(pdf.output())


def _details(workshop):
    """Yield the lines saying what, when, for how long and with whom."""
    starts = timezone.localtime(workshop.starts_at)
    ends = timezone.localtime(workshop.ends_at)
    yield f"Programme: {workshop.programme.title}"
    modules = [m.title for m in workshop.modules.order_by("path")]
    if modules:
        yield "Modules: " + "; ".join(modules)
    yield f"On {_day(starts.date())}, {starts:%H:%M} to {ends:%H:%M}, at {workshop.site.name}"
    hours = workshop.cpd_hours_awarded.normalize()
    yield f"Continuing professional development: {hours:f} hour{'s' if hours != 1 else ''}"
    trainers = [t.get_full_name() for t in workshop.trainers.order_by("last_name", "first_name")]
    if trainers:
        yield "Trainer" + ("s" if len(trainers) > 1 else "") + ": " + ", ".join(trainers)


def _day(value):
    """Write a date as 1 January 2027."""
    return f"{value.day} {value:%B %Y}"


def certificate_filename(certificate):
    """Return the certificate's download name."""
    return f"certificate-workshop-{certificate.booking.workshop_id}.pdf"

"""Certificates of attendance: a reference anyone can check, issued on the day attended."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.workshops import booking, workshop
from workshops import certificate_services, services
from workshops.models import BookingEvent, BookingStatus, Certificate

pytestmark = pytest.mark.django_db


def _text(response):
    """Return the words of a downloaded PDF."""
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def attended(ws_programme, ws_modules, site_a, trainer, hcp):
    """Hana's attendance, marked on the register of a workshop held today."""
    today = workshop(ws_programme, site_a, modules=ws_modules, trainers=[trainer], days=0)
    place = booking(today, hcp)
    services.register_mark(workshop=today, marks={place.pk: BookingStatus.ATTENDED}, actor=trainer)
    place.refresh_from_db()
    return place


def test_marking_attendance_issues_a_certificate_dated_the_day_attended(attended):
    certificate = attended.certificate
    assert certificate.issued_on == attended.workshop.starts_at.date()
    assert len(certificate.reference) == 16
    assert not certificate.is_withdrawn


def test_the_pdf_prints_the_reference_the_check_address_and_the_day_attended(
    client, attended, hcp, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://training.example.org"
    attended.workshop.starts_at -= timedelta(days=3)
    attended.workshop.save()
    Certificate.objects.filter(pk=attended.certificate.pk).update(
        issued_on=attended.workshop.starts_at.date()
    )
    certificate = Certificate.objects.get(pk=attended.certificate.pk)
    client.force_login(hcp)
    text = _text(client.get(reverse("workshops:certificate", args=[attended.workshop_id])))
    day = certificate.issued_on
    assert f"Certificate reference {certificate.display_reference}." in text
    assert f"Issued {day.day} {day:%B %Y} by Site A." in text
    assert f"https://training.example.org/certificates/{certificate.display_reference}/" in text


def test_a_booking_attended_before_certificates_gets_one_on_download(
    client, ws_programme, site_a, hcp
):
    past = workshop(ws_programme, site_a, days=-3)
    place = booking(past, hcp, BookingStatus.ATTENDED)
    client.force_login(hcp)
    text = _text(client.get(reverse("workshops:certificate", args=[past.pk])))
    assert Certificate.objects.get(booking=place).display_reference in text


def test_anyone_can_check_a_genuine_certificate_without_signing_in(client, attended):
    certificate = attended.certificate
    page = client.get(reverse("certificate-check", args=[certificate.display_reference]))
    assertContains(page, "This certificate is genuine")
    assertContains(page, "Hana")
    assertContains(page, attended.workshop.title)
    assertContains(page, "Site A")
    assertContains(page, '<dd class="nhsuk-summary-list__value">6</dd>')
    assertNotContains(page, attended.hcp.email)


def test_a_reference_typed_without_hyphens_in_lower_case_is_found(client, attended):
    typed = attended.certificate.reference.lower()
    response = client.get(reverse("certificate-lookup"), {"reference": typed})
    assert response.url == reverse("certificate-check", args=[attended.certificate.reference])
    assertContains(client.get(response.url), "This certificate is genuine")


def test_an_altered_reference_reveals_nothing(client, attended):
    reference = attended.certificate.reference
    altered = ("A" if reference[0] != "A" else "B") + reference[1:]
    page = client.get(reverse("certificate-check", args=[altered]))
    assert page.status_code == 404
    assertContains(page, "No certificate has this reference", status_code=404)
    assertNotContains(page, "Hana", status_code=404)
    assertNotContains(page, attended.workshop.title, status_code=404)


def test_a_reference_of_the_wrong_length_is_refused_with_a_message(client):
    page = client.get(reverse("certificate-lookup"), {"reference": "ABC-123"})
    assertContains(page, "A certificate reference has 16 letters and numbers.")


def test_a_trainer_withdraws_a_certificate_and_the_check_page_says_so(
    client, attended, trainer, hcp
):
    certificate = attended.certificate
    client.force_login(trainer)
    detail = client.get(reverse("workshops:detail", args=[attended.workshop_id]))
    assertContains(detail, certificate.display_reference)
    url = reverse("workshops:certificate-withdraw", args=[attended.workshop_id, attended.pk])
    assertContains(client.post(url, {"reason": ""}), "Say why the certificate is withdrawn.")
    assert not Certificate.objects.get(pk=certificate.pk).is_withdrawn
    client.post(url, {"reason": "Left after ten minutes."})
    certificate.refresh_from_db()
    assert certificate.withdrawn_by == trainer
    assert BookingEvent.objects.filter(booking=attended, note__contains="withdrawn").exists()
    client.logout()
    page = client.get(reverse("certificate-check", args=[certificate.reference]))
    assertContains(page, "This certificate was withdrawn")
    assertNotContains(page, "Hana")
    client.force_login(hcp)
    assert (
        client.get(reverse("workshops:certificate", args=[attended.workshop_id])).status_code == 404
    )
    assertNotContains(client.get(reverse("workshops:mine")), "Download your certificate")


def test_people_who_do_not_run_the_workshop_cannot_withdraw(
    client, attended, hcp, other_manager, outsider
):
    url = reverse("workshops:certificate-withdraw", args=[attended.workshop_id, attended.pk])
    for person in (hcp, other_manager, outsider):
        client.force_login(person)
        assert client.post(url, {"reason": "No"}).status_code == 404
    assert not Certificate.objects.get(booking=attended).is_withdrawn


def test_correcting_the_register_withdraws_the_certificate_and_marking_again_restores_it(
    attended, trainer
):
    today = attended.workshop
    services.register_mark(
        workshop=today, marks={attended.pk: BookingStatus.DID_NOT_ATTEND}, actor=trainer
    )
    certificate = Certificate.objects.get(booking=attended)
    assert certificate.is_withdrawn
    services.register_mark(
        workshop=today, marks={attended.pk: BookingStatus.ATTENDED}, actor=trainer
    )
    restored = Certificate.objects.get(booking=attended)
    assert not restored.is_withdrawn
    assert restored.reference == certificate.reference


def test_a_withdrawn_certificate_stays_withdrawn_when_the_register_is_taken_again(
    attended, trainer
):
    certificate_services.certificate_withdraw(
        certificate=attended.certificate, actor=trainer, reason="Signed in for someone else."
    )
    services.register_mark(
        workshop=attended.workshop, marks={attended.pk: BookingStatus.ATTENDED}, actor=trainer
    )
    assert Certificate.objects.get(booking=attended).is_withdrawn

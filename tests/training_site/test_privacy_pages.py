"""Network administrators record and answer privacy requests; each person downloads their own."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.competences import AssessmentFactory
from training_site.models import AuditAction, AuditEvent, SubjectAccessRequest, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_request(hcp, admin):
    """A request from the HCP received today."""
    return SubjectAccessRequest.objects.create(
        person=hcp, received_on=timezone.localdate(), recorded_by=admin
    )


def table_of(response):
    """The table's body as text."""
    return response.content.decode().split("<tbody", 1)[1].split("</tbody>", 1)[0]


def archive_of(response):
    """The downloaded zip."""
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_administrator_records_a_request_and_sees_its_due_date(client, admin, hcp):
    client.force_login(admin)

    response = client.post(
        reverse("privacy-requests"),
        {"email": hcp.email.upper(), "received_on": "2026-01-31", "note": "By letter"},
        follow=True,
    )

    stored = SubjectAccessRequest.objects.get()
    assert (stored.person, stored.recorded_by, stored.note) == (hcp, admin, "By letter")
    assert "28 Feb 2026" in table_of(response)
    assert hcp.email in table_of(response)


def test_an_unknown_email_says_so_and_records_nothing(client, admin):
    client.force_login(admin)

    response = client.post(
        reverse("privacy-requests"), {"email": "nobody@example.org", "received_on": "2026-01-05"}
    )

    assert "No account signs in with this email address" in response.content.decode()
    assert not SubjectAccessRequest.objects.exists()


def test_an_overdue_request_shows_red_with_the_days_past(client, admin, hcp):
    received = timezone.localdate() - timedelta(days=40)
    SubjectAccessRequest.objects.create(person=hcp, received_on=received, recorded_by=admin)
    client.force_login(admin)

    rows = table_of(client.get(reverse("privacy-requests")))

    assert '<strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>' in rows
    assert "days overdue" in rows


def test_an_open_request_shows_the_days_left(client, admin, open_request):
    client.force_login(admin)

    rows = table_of(client.get(reverse("privacy-requests")))

    assert f"{open_request.days_left()} days" in rows
    assert "Overdue" not in rows


def test_the_due_date_is_one_calendar_month_on():
    assert SubjectAccessRequest(received_on=date(2026, 3, 31)).due_on == date(2026, 4, 30)


def test_the_download_is_a_zip_of_json_and_pdf_completes_and_is_audited(
    client, admin, hcp, open_request
):
    client.force_login(admin)

    response = client.post(reverse("privacy-request-export", args=[open_request.pk]))

    archive = archive_of(response)
    assert hcp.email in json.dumps(json.loads(archive.read("personal-data.json")))
    assert archive.read("personal-data.pdf").startswith(b"%PDF")
    open_request.refresh_from_db()
    assert open_request.completed_at is not None
    event = AuditEvent.objects.get(action=AuditAction.PRIVACY_EXPORT)
    assert (event.actor, event.object_id) == (admin, str(hcp.pk))
    assert "Completed" in table_of(client.get(reverse("privacy-requests")))


def test_the_erasure_page_lists_the_dry_run_and_changes_nothing(client, admin, hcp, trainer):
    AssessmentFactory(hcp=hcp, assessor=trainer)
    client.force_login(admin)

    response = client.get(reverse("privacy-person-erase", args=[hcp.pk]))

    assert "the account becomes the pseudonym" in response.content.decode()
    assert "competences.Assessment" in response.content.decode()
    assert User.objects.filter(email=hcp.email).exists()


def test_a_wrong_confirmation_is_refused_and_changes_nothing(client, admin, hcp):
    client.force_login(admin)

    response = client.post(reverse("privacy-person-erase", args=[hcp.pk]), {"email": "hcp@x.org"})

    assert "Nothing has been erased" in response.content.decode()
    assert User.objects.filter(email=hcp.email, is_active=True).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ERASURE).exists()


def test_the_right_confirmation_erases_the_person_and_is_audited(client, admin, hcp):
    email = hcp.email
    client.force_login(admin)

    response = client.post(reverse("privacy-person-erase", args=[hcp.pk]), {"email": email})

    assert response.status_code == 302
    assert not User.objects.filter(email__iexact=email).exists()
    event = AuditEvent.objects.get(action=AuditAction.ERASURE)
    assert (event.actor, event.object_id) == (admin, str(hcp.pk))


def test_an_administrator_cannot_erase_themself(client, admin):
    client.force_login(admin)

    response = client.post(reverse("privacy-person-erase", args=[admin.pk]), {"email": admin.email})

    assert "You cannot erase your own account" in response.content.decode()
    assert User.objects.filter(email=admin.email, is_active=True).exists()


def test_the_navigation_links_the_page_for_administrators_only(client, admin, manager):
    client.force_login(admin)
    assert reverse("privacy-requests") in client.get(reverse("home")).content.decode()
    client.force_login(manager)
    assert reverse("privacy-requests") not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("person", ["manager", "trainer", "hcp"])
def test_nobody_else_reaches_the_administrators_pages(client, request, person, open_request, hcp):
    client.force_login(request.getfixturevalue(person))
    erase = reverse("privacy-person-erase", args=[hcp.pk])

    assert client.get(reverse("privacy-requests")).status_code == 404
    assert client.post(reverse("privacy-requests"), {"email": hcp.email}).status_code == 404
    assert client.post(reverse("privacy-request-export", args=[open_request.pk])).status_code == 404
    assert client.get(erase).status_code == 404
    assert client.post(erase, {"email": hcp.email}).status_code == 404
    assert SubjectAccessRequest.objects.get().completed_at is None
    assert User.objects.filter(email=hcp.email, is_active=True).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.PRIVACY_EXPORT).exists()


def test_a_person_downloads_only_their_own_data(client, hcp, second_hcp):
    client.force_login(hcp)
    assert "Download my data" in client.get(reverse("account")).content.decode()

    response = client.post(reverse("my-data-export"), {"person": second_hcp.pk})

    text = archive_of(response).read("personal-data.json").decode()
    assert hcp.email in text and second_hcp.email not in text
    event = AuditEvent.objects.get(action=AuditAction.PRIVACY_EXPORT)
    assert (event.actor, event.object_id) == (hcp, str(hcp.pk))


def test_signing_in_is_needed_for_ones_own_download(client):
    response = client.post(reverse("my-data-export"))

    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not AuditEvent.objects.exists()

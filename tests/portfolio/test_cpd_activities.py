"""CPD done elsewhere: the HCP records, changes and deletes its own, and no one else sees it."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from portfolio.models import CpdActivity

pytestmark = pytest.mark.django_db


def _form(**changes):
    """A filled CPD form."""
    return {
        "title": "Diabetes update conference",
        "date": "2026-05-14",
        "hours": "6.5",
        "participatory": "on",
        "notes": "Sessions on insulin pumps.",
        **changes,
    }


def _activity(hcp, **fields):
    """CPD the HCP recorded."""
    values = {"title": "Online module", "date": date(2026, 5, 1), "hours": 2, **fields}
    return CpdActivity.objects.create(hcp=hcp, **values)


def test_an_hcp_records_cpd_with_evidence_and_sees_it_listed(client, hcp):
    client.force_login(hcp)
    upload = SimpleUploadedFile("certificate.pdf", b"%PDF-1.4 attended", "application/pdf")
    response = client.post(reverse("portfolio:cpd-new"), _form(evidence=upload))
    assert response.status_code == 302
    activity = CpdActivity.objects.get(hcp=hcp)
    assert (activity.title, str(activity.hours), activity.participatory) == (
        "Diabetes update conference",
        "6.5",
        True,
    )
    assert re.fullmatch(r"cpd/[0-9a-f]{32}\.pdf", activity.evidence.name)
    page = client.get(reverse("portfolio:cpd"))
    assertContains(page, "Diabetes update conference")
    assertContains(page, "14 May 2026")
    download = client.get(reverse("portfolio:cpd-evidence", args=[activity.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 attended"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": "0.2"}, "Give at least half an hour."),
        ({"hours": "101"}, "Give at most 100 hours."),
        ({"hours": "1.3"}, "Give the hours in half hours, such as 1.5."),
        ({"hours": "lots"}, "Give the hours as a number."),
        ({"title": ""}, "Say what you did."),
        ({"date": ""}, "Give the date."),
        ({"date": str(timezone.localdate() + timedelta(days=1))}, "today or before"),
        (
            {"evidence": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")},
            "The file must be a PDF, Word, text or image file.",
        ),
        (
            {"evidence": SimpleUploadedFile("big.pdf", b"x" * (10 * 1024 * 1024 + 1))},
            "The file must be smaller than 10 MB.",
        ),
    ],
)
def test_bad_cpd_says_what_is_wrong_and_keeps_what_was_typed(client, hcp, changes, message):
    client.force_login(hcp)
    response = client.post(reverse("portfolio:cpd-new"), _form(**changes))
    assert response.status_code == 200
    assertContains(response, message)
    assertContains(response, "Sessions on insulin pumps.")
    assert not CpdActivity.objects.exists()


def test_an_hcp_changes_its_cpd_and_keeps_the_evidence(client, hcp):
    activity = _activity(
        hcp, evidence=SimpleUploadedFile("note.txt", b"read the guidance", "text/plain")
    )
    client.force_login(hcp)
    url = reverse("portfolio:cpd-edit", args=[activity.pk])
    assertContains(client.get(url), "Online module")
    response = client.post(url, _form(title="Online module, part 2", hours="3"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Online module, part 2"
    assert str(activity.hours) == "3.0"
    assert activity.evidence


def test_an_hcp_deletes_its_cpd(client, hcp):
    activity = _activity(hcp)
    client.force_login(hcp)
    response = client.post(reverse("portfolio:cpd-delete", args=[activity.pk]), follow=True)
    assertContains(response, "“Online module” has been deleted.")
    assert not CpdActivity.objects.exists()


@pytest.mark.parametrize("name", ["cpd-edit", "cpd-delete", "cpd-evidence"])
def test_another_hcp_cannot_open_change_or_delete_my_cpd(client, hcp, second_hcp, name):
    activity = _activity(hcp, evidence=SimpleUploadedFile("note.txt", b"mine", "text/plain"))
    client.force_login(second_hcp)
    url = reverse(f"portfolio:{name}", args=[activity.pk])
    if name != "cpd-delete":
        assert client.get(url).status_code == 404
    assert client.post(url, _form()).status_code == 404
    assert CpdActivity.objects.get().title == "Online module"
    assertNotContains(client.get(reverse("portfolio:cpd")), "Online module")


def test_cpd_without_evidence_has_nothing_to_download(client, hcp):
    activity = _activity(hcp)
    client.force_login(hcp)
    assert client.get(reverse("portfolio:cpd-evidence", args=[activity.pk])).status_code == 404


@pytest.mark.parametrize("fixture", ["manager", "trainer"])
def test_the_cpd_pages_are_for_hcps(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("portfolio:cpd")).status_code == 404

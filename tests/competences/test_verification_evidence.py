"""Verifying with the evidence in view: none verified in bulk without evidence."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from competences.models import AssessmentAction, AssessmentStatus, Evidence, EvidenceKind
from tests.factories.competences import AssessmentFactory, evidence_on, national_competence

pytestmark = pytest.mark.django_db

QUEUE = "competences:verification-queue"


@pytest.fixture
def waiting(hcp, second_hcp, trainer):
    """Hana's Diab HA1 with evidence, and Harry's Diab HA2 with none, both waiting for Tess."""
    with_evidence = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    evidence_on(with_evidence, "Care plan agreed with Mr Jones")
    bare = AssessmentFactory(
        hcp=second_hcp, awaiting=True, assessor=trainer, competence=national_competence("Diab HA2")
    )
    return with_evidence, bare


def test_the_queue_lists_each_piece_of_evidence_and_marks_none(client, trainer, waiting):
    with_evidence, bare = waiting
    upload = Evidence.objects.create(
        assessment=with_evidence,
        kind=EvidenceKind.FILE,
        description="Consultation notes",
        file=SimpleUploadedFile("notes.pdf", b"%PDF-1.4 notes"),
        added_by=with_evidence.hcp,
    )
    client.force_login(trainer)
    page = client.get(reverse(QUEUE))
    assertContains(page, "An observation of practice: Care plan agreed with Mr Jones")
    assertContains(page, reverse("competences:evidence-download", args=[upload.pk]))
    assertContains(page, "No evidence", count=1)
    download = client.get(reverse("competences:evidence-download", args=[upload.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 notes"


def test_bulk_verification_refuses_one_without_evidence_and_verifies_none(
    client, trainer, waiting, second_hcp
):
    with_evidence, bare = waiting
    client.force_login(trainer)
    page = client.post(reverse(QUEUE), {"assessments": [with_evidence.pk, bare.pk]})
    assertContains(
        page,
        f"Nothing was verified: {second_hcp.get_full_name()}&#x27;s Diab HA2 has no evidence.",
    )
    for assessment in waiting:
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.AWAITING
    assert f'value="{bare.pk}" id="id_assessments_{bare.pk}" checked' in page.content.decode()


def test_verifying_one_without_evidence_needs_an_account_of_direct_observation(
    client, trainer, waiting
):
    _, bare = waiting
    client.force_login(trainer)
    detail = client.get(reverse("competences:assessment-detail", args=[bare.pk]))
    assertContains(detail, "How you observed it directly")
    url = reverse("competences:verify", args=[bare.pk])
    refused = client.post(url, {"verified_level": 3, "version": bare.version})
    assertContains(
        refused, "There is no evidence. Say how you observed it directly", status_code=400
    )
    bare.refresh_from_db()
    assert bare.status == AssessmentStatus.AWAITING
    client.post(
        url,
        {
            "verified_level": 3,
            "version": bare.version,
            "observed_directly": "Sat in on three clinics on 2 December.",
        },
    )
    bare.refresh_from_db()
    assert bare.status == AssessmentStatus.VERIFIED
    event = bare.events.get(action=AssessmentAction.VERIFIED)
    assert event.note.startswith(
        "Observed directly, with no evidence: Sat in on three clinics on 2 December."
    )


def test_the_direct_observation_box_is_not_offered_when_there_is_evidence(client, trainer, waiting):
    with_evidence, _ = waiting
    client.force_login(trainer)
    detail = client.get(reverse("competences:assessment-detail", args=[with_evidence.pk]))
    assertContains(detail, "Care plan agreed with Mr Jones")
    assertNotContains(detail, "How you observed it directly")


def test_the_queue_is_not_shown_to_the_person_assessed(client, hcp, waiting):
    client.force_login(hcp)
    assert client.get(reverse(QUEUE)).status_code == 404

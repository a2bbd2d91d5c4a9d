"""Evidence recorded by other apps: joins an assessment, or waits for the first self-assessment."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from competences import services
from competences.models import Assessment, Evidence, EvidenceKind
from tests.factories.competences import AssessmentFactory, national_competence

pytestmark = pytest.mark.django_db


def test_evidence_joins_an_existing_assessment(hcp, trainer):
    assessment = AssessmentFactory(hcp=hcp, competence=national_competence("Diab HA1"))
    evidence = services.evidence_record(
        hcp=hcp,
        competence=assessment.competence,
        kind=EvidenceKind.WORKSHOP,
        description="Attended the care planning workshop",
        source=trainer,
        actor=trainer,
    )
    assert evidence.assessment == assessment
    assert assessment.events.filter(action="evidence_added").count() == 1


def test_evidence_is_held_until_the_first_self_assessment(client, hcp, trainer):
    competence = national_competence("Diab HA2")
    services.evidence_record(
        hcp=hcp,
        competence=competence,
        kind=EvidenceKind.SIMULATION_FEEDBACK,
        description="Feedback from a simulated consultation",
        source=trainer,
        actor=trainer,
    )
    client.force_login(hcp)
    page = client.get(reverse("competences:self-assess", args=[competence.pk]))
    assertContains(page, "Feedback from a simulated consultation")

    assessment = services.assessment_self_assess(
        hcp=hcp, competence=competence, level=2, statement="I support care plans."
    )
    assert list(assessment.evidence.values_list("description", flat=True)) == [
        "Feedback from a simulated consultation"
    ]


def test_the_same_source_is_recorded_once(hcp, trainer):
    competence = national_competence("Diab HA6")
    for _ in range(2):
        services.evidence_record(
            hcp=hcp,
            competence=competence,
            kind=EvidenceKind.WORKSHOP,
            description="Attended",
            source=trainer,
            actor=trainer,
        )
    assert Evidence.objects.filter(hcp=hcp, competence=competence).count() == 1
    assert not Assessment.objects.filter(hcp=hcp, competence=competence).exists()


def test_held_evidence_is_not_shown_to_someone_else(client, hcp, second_hcp, trainer):
    competence = national_competence("Diab HA2")
    services.evidence_record(
        hcp=hcp,
        competence=competence,
        kind=EvidenceKind.WORKSHOP,
        description="Attended the Bow workshop",
        source=trainer,
        actor=trainer,
    )
    client.force_login(second_hcp)
    page = client.get(reverse("competences:self-assess", args=[competence.pk]))
    assert "Attended the Bow workshop" not in page.content.decode()

"""The competence page and the verification queue cost the same queries at any size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from competences.models import AssessmentAction, AssessmentStatus, Evidence, EvidenceKind
from tests.factories.competences import (
    AssessmentEventFactory,
    AssessmentFactory,
    CompetenceFactory,
    FrameworkFactory,
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    """Return the number of queries a page costs, and the page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def add_evidence(assessment, count):
    """Attach some described evidence to an assessment."""
    for n in range(count):
        Evidence.objects.create(
            assessment=assessment,
            kind=EvidenceKind.REFLECTION,
            description=f"Reflection {n}",
            added_by=assessment.hcp,
        )


def test_competence_page_costs_the_same_queries_with_ten_times_the_data(
    client, hcp, hcp_post, practice_a, trainer
):
    first = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    AssessmentEventFactory(assessment=first)
    client.force_login(hcp)
    url = reverse("competences:mine")
    client.get(url)
    small, response = queries_for(client, url)
    assert len(response.context["page"].required) == 3

    framework = FrameworkFactory()
    profile = PostProfileFactory(organisation=practice_a)
    StaffPostFactory(
        user=hcp,
        profile=profile,
        organisation=practice_a,
        since=timezone.localdate() - timedelta(days=100),
    )
    states = ["verified", "awaiting", "returned", None]
    for n in range(30):
        competence = CompetenceFactory(framework=framework)
        PostRequirementFactory(profile=profile, competence=competence)
        trait = states[n % len(states)]
        assessment = AssessmentFactory(
            hcp=hcp,
            competence=competence,
            level=2,
            **({trait: True, "assessor": trainer} if trait else {}),
        )
        for _ in range(3):
            AssessmentEventFactory(assessment=assessment)
    expired = AssessmentFactory(
        hcp=hcp,
        competence=national_competence("Diab HA2"),
        verified=True,
        assessor=trainer,
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    AssessmentEventFactory(assessment=expired)
    AssessmentFactory(hcp=hcp, competence=national_competence("CS4"))

    large, response = queries_for(client, url)
    page = response.context["page"]
    assert len(page.required) == 33
    assert len(page.other) == 1
    assert {s.state for s in page.required} >= {"met", "waiting", "returned", "expired"}
    assert large == small


def test_verification_queue_costs_the_same_queries_with_ten_times_the_data(
    client, hcp, practice_a, trainer
):
    first = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    add_evidence(first, 1)
    AssessmentEventFactory(assessment=first, action=AssessmentAction.REQUESTED)
    client.force_login(trainer)
    url = reverse("competences:verification-queue")
    client.get(url)
    small, response = queries_for(client, url)
    assert response.content.decode().count('name="assessments"') == 1

    codes = ["Diab HA1", "Diab HA2", "Diab HA6", "Diab HD7", "Diab HD8"]
    for n in range(10):
        person = person_with_role(Role.HCP, practice_a)
        for code in codes[: 1 + n % len(codes)]:
            assessment = AssessmentFactory(
                hcp=person,
                competence=national_competence(code),
                awaiting=True,
                assessor=trainer,
            )
            add_evidence(assessment, 2)
            for _ in range(3):
                AssessmentEventFactory(assessment=assessment, action=AssessmentAction.REQUESTED)
    AssessmentFactory(hcp=hcp, competence=national_competence("CS4"), verified=True)
    waiting = 1 + sum(1 + n % len(codes) for n in range(10))

    large, response = queries_for(client, url)
    assert response.content.decode().count('name="assessments"') == waiting
    assert response.context["queue"].count() == waiting
    assert large == small


def test_home_page_costs_the_same_queries_with_ten_times_the_data(
    client, hcp, hcp_post, practice_a, trainer
):
    AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    client.force_login(hcp)
    client.get(reverse("home"))
    small, _ = queries_for(client, reverse("home"))
    for code in ("Diab HA2", "Diab HA6", "Diab HD7", "CS4"):
        assessment = AssessmentFactory(
            hcp=hcp, competence=national_competence(code), status=AssessmentStatus.VERIFIED
        )
        AssessmentEventFactory(assessment=assessment)
    large, response = queries_for(client, reverse("home"))
    assert "Your competences" in response.content.decode()
    assert large == small

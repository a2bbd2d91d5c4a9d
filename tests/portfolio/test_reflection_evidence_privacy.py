"""A complete reflection is evidence by reference: its title stays with the reflection."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from competences.models import AssessmentEvent, Evidence
from portfolio.models import Reflection
from tests.factories.competences import AssessmentFactory

pytestmark = pytest.mark.django_db

TITLE = "Why I froze with Mrs Patel"


def _complete(client, hcp, competence):
    client.force_login(hcp)
    client.post(
        reverse("portfolio:reflection-new"),
        {
            "structure": "free",
            "title": TITLE,
            "section_entry": "I was unsure what to say.",
            "competences": [competence.pk],
            "action": "complete",
        },
    )
    return Reflection.objects.get()


def test_the_title_is_not_in_the_evidence_or_the_history(client, hcp, trainer, hcp_post):
    competence = hcp_post.profile.requirements.first().competence
    assessment = AssessmentFactory(hcp=hcp, competence=competence, assessor=trainer)
    _complete(client, hcp, competence)
    evidence = Evidence.objects.get(assessment=assessment)
    assert TITLE not in evidence.description
    assert evidence.description == f"Reflective account, {timezone.localdate():%-d %B %Y}"
    notes = list(AssessmentEvent.objects.values_list("note", flat=True))
    assert notes and not any(TITLE in note for note in notes)

    client.force_login(trainer)
    page = client.get(reverse("competences:assessment-detail", args=[assessment.pk]))
    assertContains(page, "Reflective account,")
    assertNotContains(page, TITLE)


def test_held_evidence_does_not_carry_the_title(client, hcp, hcp_post):
    competence = hcp_post.profile.requirements.first().competence
    _complete(client, hcp, competence)
    assert not Evidence.objects.filter(description__contains=TITLE).exists()


def test_the_migration_rewrites_stored_titles(hcp, trainer, hcp_post):
    competence = hcp_post.profile.requirements.first().competence
    assessment = AssessmentFactory(hcp=hcp, competence=competence)
    Evidence.objects.create(
        assessment=assessment,
        kind="reflection",
        description=f"Reflection: {TITLE}",
        added_by=hcp,
    )
    AssessmentEvent(
        assessment=assessment,
        actor=hcp,
        action="evidence_added",
        to_status=assessment.status,
        note=f"Reflection: {TITLE}",
    ).save()
    migration = importlib.import_module(
        "competences.migrations.0005_reflection_evidence_by_reference"
    )
    migration.describe_reflections_by_reference(apps, None)
    assert not Evidence.objects.filter(description__contains=TITLE).exists()
    assert not AssessmentEvent.objects.filter(note__contains=TITLE).exists()
    assert Evidence.objects.get(assessment=assessment).description.startswith(
        "Reflective account, "
    )

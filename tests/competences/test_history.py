"""Assessment history is append-only: steps are added, never changed or removed."""

import pytest
from django.db import transaction
from django.db.models.deletion import ProtectedError

from competences import services
from competences.models import AssessmentEvent
from tests.factories.competences import AssessmentEventFactory, national_competence

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(hcp):
    """The first step of the HCP's self-assessment, written by the service."""
    assessment = services.assessment_self_assess(
        hcp=hcp, competence=national_competence("Diab HA1"), level=2, statement="I do it."
    )
    return assessment.events.get()


def stored(event):
    """Return what the database holds for a step."""
    row = AssessmentEvent.objects.get(pk=event.pk)
    return (row.action, row.to_status, row.to_level, row.note)


def test_saving_an_existing_step_raises_and_changes_nothing(event):
    before = stored(event)
    event.note = "Rewritten"
    with pytest.raises(TypeError):
        event.save()
    assert stored(event) == before


def test_deleting_a_step_raises_and_keeps_it(event):
    with pytest.raises(TypeError):
        event.delete()
    assert AssessmentEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_raises_and_changes_nothing(event):
    before = stored(event)
    with pytest.raises(TypeError):
        AssessmentEvent.objects.filter(pk=event.pk).update(note="Rewritten")
    with pytest.raises(TypeError):
        event.assessment.events.update(note="Rewritten")
    assert stored(event) == before


def test_queryset_delete_raises_and_keeps_every_step(event):
    with pytest.raises(TypeError):
        AssessmentEvent.objects.all().delete()
    with pytest.raises(TypeError):
        event.assessment.events.all().delete()
    assert AssessmentEvent.objects.count() == 1


def test_bulk_update_raises_and_changes_nothing(event):
    before = stored(event)
    event.note = "Rewritten"
    with pytest.raises(TypeError), transaction.atomic():
        AssessmentEvent.objects.bulk_update([event], ["note"])
    assert stored(event) == before


def test_deleting_an_assessment_with_history_is_refused(event):
    with pytest.raises(ProtectedError):
        event.assessment.delete()
    assert AssessmentEvent.objects.filter(pk=event.pk).exists()


def test_new_steps_are_appended(event):
    AssessmentEventFactory(assessment=event.assessment, note="Second step")
    assert [e.note for e in event.assessment.events.all()] == ["", "Second step"]

"""Changing the register: a withdrawn attendance takes its workshop evidence with it."""

import pytest

from competences import services as competence_services
from competences.models import Competence, Evidence, EvidenceKind
from tests.factories.workshops import booking, workshop
from workshops import services
from workshops.models import BookingEvent, BookingStatus

pytestmark = pytest.mark.django_db


def test_attended_changed_to_did_not_attend_removes_the_workshop_evidence(
    ws_programme, ws_modules, site_a, trainer, hcp, second_hcp
):
    today = workshop(ws_programme, site_a, modules=ws_modules, trainers=[trainer], days=0)
    came, other = booking(today, hcp), booking(today, second_hcp)
    attended = {came.pk: BookingStatus.ATTENDED, other.pk: BookingStatus.ATTENDED}
    services.register_mark(workshop=today, marks=attended, actor=trainer)
    first = Competence.objects.get(code="Diab HA1")
    assessment = competence_services.assessment_self_assess(
        hcp=hcp, competence=first, level=2, statement="I support care plans."
    )
    competence_services.evidence_add(
        assessment=assessment, actor=hcp, kind=EvidenceKind.REFLECTION, description="My note"
    )
    assert Evidence.objects.filter(kind=EvidenceKind.WORKSHOP, added_by=trainer).count() == 4

    services.register_mark(
        workshop=today,
        marks={came.pk: BookingStatus.DID_NOT_ATTEND, other.pk: BookingStatus.ATTENDED},
        actor=trainer,
    )
    assert not Evidence.objects.filter(source_id=came.pk, kind=EvidenceKind.WORKSHOP).exists()
    assert not assessment.evidence.filter(kind=EvidenceKind.WORKSHOP).exists()
    assert list(assessment.evidence.values_list("description", flat=True)) == ["My note"]
    assert Evidence.objects.filter(hcp=second_hcp, kind=EvidenceKind.WORKSHOP).count() == 2
    last = BookingEvent.objects.filter(booking=came).last()
    assert (last.from_status, last.to_status) == ("attended", "did_not_attend")
    assert "workshop evidence for this attendance is removed" in last.note

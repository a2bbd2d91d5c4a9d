"""The stages of a QA observation: planning, before, during, after and agreement."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from competences.models import Evidence, EvidenceKind
from quality import services as quality_services
from quality.models import (
    MeasureFinding,
    MeasureResult,
    QAObservation,
    QAObservationAction,
    QAObservationStatus,
)
from tests.factories.competences import national_competence
from tests.factories.quality import indicator_with_measures
from tests.quality.conftest import action_formset, findings_for

Status = QAObservationStatus


def test_trainer_plans_an_observation_of_an_hcp_in_its_site(planned, hcp, trainer, indicators):
    assert planned.status == Status.PLANNED
    assert planned.observed == hcp and planned.observer == trainer
    assert set(planned.indicators.all()) == set(indicators)
    event = planned.events.get()
    assert (event.action, event.actor, event.to_status) == (
        QAObservationAction.PLANNED,
        trainer,
        Status.PLANNED,
    )


def test_trainer_cannot_observe_someone_in_another_site(trainer, hcp_b, practice_b, indicators):
    with pytest.raises(ValidationError) as error:
        quality_services.qa_observation_plan(
            observer=trainer,
            observed=hcp_b,
            organisation=practice_b,
            observed_on=datetime.date(2026, 3, 1),
            indicators=indicators,
        )
    assert "observed" in error.value.message_dict
    assert "organisation" in error.value.message_dict
    assert not QAObservation.objects.exists()


def test_the_setting_must_be_where_the_person_works(trainer, hcp, team_a, indicators):
    with pytest.raises(ValidationError) as error:
        quality_services.qa_observation_plan(
            observer=trainer,
            observed=hcp,
            organisation=team_a,
            observed_on=datetime.date(2026, 3, 1),
            indicators=indicators,
        )
    assert error.value.message_dict["organisation"] == [
        "Choose a practice or team where the person works."
    ]


def test_planning_needs_an_indicator_in_use_there(trainer, hcp, practice_a, site_b):
    with pytest.raises(ValidationError) as error:
        quality_services.qa_observation_plan(
            observer=trainer,
            observed=hcp,
            organisation=practice_a,
            observed_on=datetime.date(2026, 3, 1),
            indicators=[],
        )
    assert "indicators" in error.value.message_dict
    elsewhere = indicator_with_measures("Site B only", organisation=site_b)
    with pytest.raises(ValidationError) as error:
        quality_services.qa_observation_plan(
            observer=trainer,
            observed=hcp,
            organisation=practice_a,
            observed_on=datetime.date(2026, 3, 1),
            indicators=[elsewhere],
        )
    assert error.value.message_dict["indicators"] == [
        "Choose indicators in use in that practice or team."
    ]


def test_before_records_concerns_and_indicators_of_concern(prepared, indicators):
    assert prepared.status == Status.PREPARED
    assert prepared.concerns_before == "Keeping to time."
    assert list(prepared.concern_indicators.all()) == indicators[1:]


def test_concerns_must_be_about_indicators_in_scope(planned, trainer):
    other = indicator_with_measures("Not in scope")
    with pytest.raises(ValidationError):
        quality_services.qa_observation_record_before(
            observation=planned, actor=trainer, concerns_before="", concern_indicators=[other]
        )
    planned.refresh_from_db()
    assert planned.status == Status.PLANNED


def test_only_the_observer_records_a_stage(planned, manager):
    with pytest.raises(ValidationError, match="Only the observer"):
        quality_services.qa_observation_record_before(
            observation=planned, actor=manager, concerns_before="x", concern_indicators=[]
        )


def test_every_measure_needs_a_result_or_nothing_is_saved(prepared, trainer):
    findings = findings_for(prepared)
    missing = next(iter(findings))
    findings[missing] = ("", "")
    with pytest.raises(ValidationError) as error:
        quality_services.qa_observation_record_results(
            observation=prepared, actor=trainer, findings=findings
        )
    assert list(error.value.message_dict) == [f"measure_{missing}"]
    assert not MeasureResult.objects.exists()
    prepared.refresh_from_db()
    assert prepared.status == Status.PREPARED


def test_results_are_stored_per_measure_and_can_be_corrected(prepared, trainer):
    findings = findings_for(prepared, MeasureFinding.PARTLY)
    first = next(iter(findings))
    findings[first] = (MeasureFinding.NOT_IN_PLACE, "  Plan written by the nurse. ")
    observation = quality_services.qa_observation_record_results(
        observation=prepared, actor=trainer, findings=findings
    )
    assert observation.status == Status.OBSERVED
    stored = MeasureResult.objects.get(observation=observation, measure_id=first)
    assert (stored.result, stored.note) == ("not_in_place", "Plan written by the nurse.")
    findings[first] = (MeasureFinding.IN_PLACE, "")
    quality_services.qa_observation_record_results(
        observation=observation, actor=trainer, findings=findings
    )
    assert MeasureResult.objects.filter(observation=observation).count() == 3
    assert MeasureResult.objects.get(observation=observation, measure_id=first).result == (
        "in_place"
    )


def test_results_cannot_be_recorded_before_the_talk_beforehand(planned, trainer):
    with pytest.raises(ValidationError, match="planned"):
        quality_services.qa_observation_record_results(
            observation=planned, actor=trainer, findings=findings_for(planned)
        )


def test_a_stale_page_does_not_overwrite_a_newer_change(prepared, trainer):
    with pytest.raises(ValidationError, match="Someone else changed"):
        quality_services.qa_observation_record_results(
            observation=prepared,
            actor=trainer,
            findings=findings_for(prepared),
            expected_version=prepared.version - 1,
        )


def test_after_records_discussion_and_action_document(discussed):
    assert discussed.status == Status.DISCUSSED
    assert discussed.discussion_after == "Talked it through."
    assert discussed.action_document == "Work on sharing the plan."
    assert [a.what for a in discussed.actions.all()] == ["Action 0"]


def test_the_action_document_needs_an_action(observed, trainer):
    with pytest.raises(ValidationError, match="at least one action"):
        quality_services.qa_observation_record_after(
            observation=observed,
            actor=trainer,
            discussion_after="Talked it through.",
            action_document="",
            actions=action_formset(observed, rows=0),
        )
    observed.refresh_from_db()
    assert observed.status == Status.OBSERVED
    assert observed.discussion_after == ""


def test_hcp_agrees_and_the_observation_becomes_evidence(discussed, hcp, indicators):
    competence = national_competence("Diab HA1")
    indicators[1].competences.add(competence)
    agreed = quality_services.qa_observation_agree(
        observation=discussed, observed=hcp, comment="Fair."
    )
    assert agreed.status == Status.AGREED
    assert agreed.observed_comment == "Fair." and agreed.agreed_at is not None
    evidence = Evidence.objects.get(hcp=hcp, competence=competence)
    assert evidence.kind == EvidenceKind.OBSERVATION
    assert "Care planning follows the process" in evidence.description
    actions = list(agreed.events.values_list("action", flat=True))
    assert actions == [
        "planned",
        "before_recorded",
        "results_recorded",
        "after_recorded",
        "agreed",
    ]


def test_only_the_person_observed_agrees_and_only_once(discussed, hcp, second_hcp):
    with pytest.raises(ValidationError, match="Only the person observed"):
        quality_services.qa_observation_agree(observation=discussed, observed=second_hcp)
    quality_services.qa_observation_agree(observation=discussed, observed=hcp)
    with pytest.raises(ValidationError, match="agreed by the person observed"):
        quality_services.qa_observation_agree(observation=discussed, observed=hcp)


def test_an_agreed_observation_cannot_change(discussed, hcp, trainer):
    quality_services.qa_observation_agree(observation=discussed, observed=hcp)
    with pytest.raises(ValidationError):
        quality_services.qa_observation_record_after(
            observation=discussed,
            actor=trainer,
            discussion_after="Rewritten.",
            action_document="",
            actions=action_formset(discussed),
        )


def test_the_person_observed_is_emailed_once_when_the_write_up_is_ready(
    observed, trainer, hcp, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        observation = quality_services.qa_observation_record_after(
            observation=observed,
            actor=trainer,
            discussion_after="Talked it through.",
            action_document="",
            actions=action_formset(observed),
        )
    with django_capture_on_commit_callbacks(execute=True):
        quality_services.qa_observation_record_after(
            observation=observation,
            actor=trainer,
            discussion_after="Talked it through again.",
            action_document="",
            actions=action_formset(observation, rows=0),
        )
    assert [m.to for m in mailoutbox] == [[hcp.email]]
    assert f"/feedback/qa/{observation.pk}/" in mailoutbox[0].body

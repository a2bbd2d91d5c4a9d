"""Writes for quality assurance observations: one function per stage, atomic and recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from competences.models import EvidenceKind
from competences.services import evidence_record
from quality.models import (
    MeasureFinding,
    MeasureResult,
    QAObservation,
    QAObservationAction,
    QAObservationEvent,
    QAObservationStatus,
)
from quality.queries import (
    indicators_for,
    measures_in_scope,
    observation_settings_for,
    observers_for,
)
from training_site.emails import email_send
from training_site.locking import lock_current
from training_site.models import Membership, Role
from training_site.workflow import may

Status = QAObservationStatus


def _lock(observation, expected_version=None):
    """Lock an observation's row and refuse a write based on an out-of-date page."""
    return lock_current(
        QAObservation.objects.all(),
        observation.pk,
        expected_version,
        "Someone else changed this observation while you were editing it. "
        "Open it again to see their changes.",
    )


def _require_stage(observation, stage):
    """Refuse a stage the observation is not ready for, or that it has moved past."""
    if not may(observation, stage):
        raise ValidationError(
            f"This observation is {observation.get_status_display().lower()}, "
            "so this step cannot be changed now."
        )


def _require_observer(observation, actor):
    """Only the observer records the stages of its observation."""
    if actor.pk != observation.observer_id:
        raise ValidationError("Only the observer can record this observation.")


def _advance(observation, *, actor, action, to_status, note=""):
    """Move an observation on, bump its version and append to its history."""
    from_status = observation.status
    observation.status = to_status
    observation.version += 1
    observation.full_clean()
    observation.save()
    QAObservationEvent.objects.create(
        observation=observation,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )
    return observation


@transaction.atomic
def qa_observation_plan(*, observer, observed, organisation, observed_on, indicators):
    """Plan an observation of an HCP in a practice or team against chosen indicators."""
    errors = {}
    if not observers_for(observed).filter(pk=observer.pk).exists():
        errors["observed"] = "Choose someone who works in a practice or team you cover."
    if not observation_settings_for(observer).filter(pk=organisation.pk).exists():
        errors["organisation"] = "Choose a practice or team you cover."
    elif not Membership.objects.filter(
        user=observed, role=Role.HCP, organisation=organisation
    ).exists():
        errors["organisation"] = "Choose a practice or team where the person works."
    indicators = list(indicators)
    if not indicators:
        errors["indicators"] = "Choose at least one indicator to observe against."
    elif "organisation" not in errors:
        allowed = set(indicators_for(organisation).values_list("pk", flat=True))
        if any(indicator.pk not in allowed for indicator in indicators):
            errors["indicators"] = "Choose indicators in use in that practice or team."
    if errors:
        raise ValidationError(errors)
    observation = QAObservation(
        observer=observer,
        observed=observed,
        organisation=organisation,
        observed_on=observed_on,
    )
    observation.full_clean()
    observation.save()
    observation.indicators.set(indicators)
    QAObservationEvent.objects.create(
        observation=observation,
        actor=observer,
        action=QAObservationAction.PLANNED,
        to_status=Status.PLANNED,
        note=", ".join(indicator.title for indicator in indicators),
    )
    return observation


@transaction.atomic
def qa_observation_record_before(
    *, observation, actor, concerns_before, concern_indicators, expected_version=None
):
    """Record the discussion before the observation: what the person observed is concerned about."""
    observation = _lock(observation, expected_version)
    _require_observer(observation, actor)
    _require_stage(observation, "before")
    concern_indicators = list(concern_indicators)
    in_scope = set(observation.indicators.values_list("pk", flat=True))
    if any(indicator.pk not in in_scope for indicator in concern_indicators):
        raise ValidationError(
            {"concern_indicators": "Choose among the indicators this observation covers."}
        )
    observation.concerns_before = concerns_before.strip()
    observation.concern_indicators.set(concern_indicators)
    return _advance(
        observation,
        actor=actor,
        action=QAObservationAction.BEFORE_RECORDED,
        to_status=Status.PREPARED,
    )


@transaction.atomic
def qa_observation_record_results(*, observation, actor, findings, expected_version=None):
    """Record every measure as in place, partly, not in place or not observed, all at once.

    ``findings`` maps each measure's id to ``(result, note)``; every measure of the indicators
    in scope needs a result, or nothing is saved.
    """
    observation = _lock(observation, expected_version)
    _require_observer(observation, actor)
    _require_stage(observation, "during")
    measures = list(measures_in_scope(observation))
    missing = [m for m in measures if (findings.get(m.pk) or ("", ""))[0] not in MeasureFinding]
    if missing:
        raise ValidationError(
            {f"measure_{m.pk}": "Say whether this measure was in place." for m in missing}
        )
    for measure in measures:
        result, note = findings[measure.pk]
        MeasureResult.objects.update_or_create(
            observation=observation,
            measure=measure,
            defaults={"result": result, "note": (note or "").strip()},
        )
    MeasureResult.objects.filter(observation=observation).exclude(
        measure__in=[m.pk for m in measures]
    ).delete()
    summary = ", ".join(
        f"{label}: {sum(1 for m in measures if findings[m.pk][0] == value)}"
        for value, label in MeasureFinding.choices
    )
    return _advance(
        observation,
        actor=actor,
        action=QAObservationAction.RESULTS_RECORDED,
        to_status=Status.OBSERVED,
        note=summary,
    )


@transaction.atomic
def qa_observation_record_after(
    *, observation, actor, discussion_after, action_document, actions, expected_version=None
):
    """Record the discussion afterwards and the action document with its planned actions.

    ``actions`` is the bound, valid action-plan formset; at least one action must remain.
    """
    observation = _lock(observation, expected_version)
    _require_observer(observation, actor)
    _require_stage(observation, "after")
    errors = {}
    if not discussion_after.strip():
        errors["discussion_after"] = "Say what was discussed after the observation."
    if errors:
        raise ValidationError(errors)
    observation.discussion_after = discussion_after.strip()
    observation.action_document = action_document.strip()
    actions.instance = observation
    actions.save()
    if not observation.actions.exists():
        raise ValidationError("Agree at least one action for the action document.")
    if observation.status == Status.OBSERVED:
        transaction.on_commit(lambda: _email_observed(observation), robust=True)
    return _advance(
        observation,
        actor=actor,
        action=QAObservationAction.AFTER_RECORDED,
        to_status=Status.DISCUSSED,
        note=f"{observation.actions.count()} action(s) in the action document.",
    )


@transaction.atomic
def qa_observation_agree(*, observation, observed, comment="", expected_version=None):
    """The person observed reads the write-up and agrees it; it counts as evidence from then."""
    observation = _lock(observation, expected_version)
    if observed.pk != observation.observed_id:
        raise ValidationError("Only the person observed can agree this observation.")
    _require_stage(observation, "agree")
    observation.observed_comment = comment.strip()
    observation.agreed_at = timezone.now()
    _advance(
        observation,
        actor=observed,
        action=QAObservationAction.AGREED,
        to_status=Status.AGREED,
        note=observation.observed_comment,
    )
    _record_evidence(observation)
    return observation


def _email_observed(observation):
    """Tell the person observed that the write-up is ready to read and agree."""
    email_send(
        to=observation.observed.email,
        subject="Your care planning observation is ready to read",
        template="quality/emails/ready_to_agree",
        context={
            "observation": observation,
            "path": reverse("quality:detail", args=[observation.pk]),
        },
    )


def _record_evidence(observation):
    """Record the agreed observation as evidence towards its indicators' competences."""
    observer = observation.observer.get_full_name()
    description = f"QA observation by {observer} on {observation.observed_on:%d %b %Y}"
    seen = set()
    for indicator in observation.indicators.prefetch_related("competences"):
        for competence in indicator.competences.all():
            if competence.pk in seen:
                continue
            seen.add(competence.pk)
            evidence_record(
                hcp=observation.observed,
                competence=competence,
                kind=EvidenceKind.OBSERVATION,
                description=f"{description}: {indicator.title}",
                source=observation,
                actor=observation.observer,
            )

"""Every write to assessments and to what imports remember: one atomic function per step."""

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from competences.models import (
    Assessment,
    AssessmentAction,
    AssessmentEvent,
    AssessmentStatus,
    Evidence,
    PlaceMapping,
    PostTitleMapping,
)
from competences.queries import assessors_for
from competences.staff_lookup import mapping_key
from training_site.emails import email_send
from training_site.locking import StaleVersion, lock_current
from training_site.workflow import may, workflow_require


class StaleAssessment(StaleVersion):
    """Someone else changed the assessment after it was read."""


def _record(assessment, *, actor, action, from_status, from_level, note=""):
    """Append one step to the assessment's history, with the state it leaves behind."""
    verified = assessment.status == AssessmentStatus.VERIFIED
    AssessmentEvent.objects.create(
        assessment=assessment,
        actor=actor,
        action=action,
        from_status=from_status or "",
        to_status=assessment.status,
        from_level=from_level,
        to_level=assessment.level,
        verified_level=assessment.verified_level if verified else None,
        expires_on=assessment.expires_on if verified else None,
        note=note,
    )


def _lock(assessment, expected_version=None):
    """Re-read the assessment under a row lock and refuse a stale version."""
    return lock_current(
        Assessment.objects.select_related("competence__framework"),
        assessment.pk,
        expected_version,
        "Someone else changed this assessment while you were editing it. "
        "Check the latest version below and try again.",
        error=StaleAssessment,
    )


@transaction.atomic
def assessment_self_assess(*, hcp, competence, level, statement, expected_version=None):
    """Record or update a person's own rating of a competence; it then awaits a request."""
    statement = (statement or "").strip()
    if not statement:
        raise ValidationError({"statement": "Describe what you do that shows this competence."})
    assessment = Assessment.objects.filter(hcp=hcp, competence=competence).first()
    if assessment is None and expected_version not in (None, 0):
        raise StaleAssessment("This assessment no longer exists. Start again.")
    if assessment is None:
        assessment = Assessment(hcp=hcp, competence=competence, level=level, statement=statement)
        assessment.full_clean()
        assessment.save()
        _record(
            assessment,
            actor=hcp,
            action=AssessmentAction.SELF_ASSESSED,
            from_status="",
            from_level=None,
        )
        Evidence.objects.held_for(hcp, competence).update(assessment=assessment)
        return assessment
    assessment = _lock(assessment, expected_version)
    from_status, from_level = assessment.status, assessment.level
    assessment.level = level
    assessment.statement = statement
    assessment.status = AssessmentStatus.SELF_ASSESSED
    assessment.assessed_on = timezone.localdate()
    assessment.action_point = ""
    assessment.version += 1
    assessment.full_clean()
    assessment.save()
    _record(
        assessment,
        actor=hcp,
        action=AssessmentAction.SELF_ASSESSED,
        from_status=from_status,
        from_level=from_level,
    )
    return assessment


@transaction.atomic
def evidence_add(*, assessment, actor, kind, description, file=None, source=None):
    """Attach evidence to an assessment and note it in the history."""
    assessment = _lock(assessment)
    evidence = Evidence(
        assessment=assessment,
        kind=kind,
        description=(description or "").strip(),
        added_by=actor,
    )
    if file:
        evidence.file = file
    if source is not None:
        evidence.source_type = ContentType.objects.get_for_model(source)
        evidence.source_id = source.pk
    evidence.full_clean()
    evidence.save()
    _record(
        assessment,
        actor=actor,
        action=AssessmentAction.EVIDENCE_ADDED,
        from_status=assessment.status,
        from_level=assessment.level,
        note=evidence.description,
    )
    return evidence


@transaction.atomic
def evidence_record(*, hcp, competence, kind, description, source, actor):
    """Record a workshop, feedback or reflection as evidence towards one of a person's competences.

    With an assessment, the evidence joins it; without one, it is held until the person first
    rates itself on the competence. Recording the same source twice for a competence does nothing.
    """
    source_type = ContentType.objects.get_for_model(source)
    already = Evidence.objects.filter(
        Q(assessment__hcp=hcp, assessment__competence=competence)
        | Q(hcp=hcp, competence=competence),
        source_type=source_type,
        source_id=source.pk,
    )
    if already.exists():
        return already.first()
    assessment = Assessment.objects.filter(hcp=hcp, competence=competence).first()
    if assessment is not None:
        return evidence_add(
            assessment=assessment, actor=actor, kind=kind, description=description, source=source
        )
    evidence = Evidence(
        hcp=hcp,
        competence=competence,
        kind=kind,
        description=(description or "").strip(),
        source_type=source_type,
        source_id=source.pk,
        added_by=actor,
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_withdraw(*, hcp, source):
    """Remove the evidence a record gave a person, held or on an assessment; return how many."""
    evidence = Evidence.objects.filter(
        Q(assessment__hcp=hcp) | Q(hcp=hcp),
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
    )
    return evidence.delete()[0]


@transaction.atomic
def assessment_request_verification(*, assessment, assessor, expected_version=None):
    """Ask a named trainer or manager in the person's line to verify the assessment."""
    assessment = _lock(assessment, expected_version)
    if not may(assessment, "request_verification"):
        raise ValidationError(
            f"This assessment is already {assessment.get_status_display().lower()}."
        )
    if not assessors_for(assessment.hcp).filter(pk=assessor.pk).exists():
        raise ValidationError(
            {"assessor": "Choose a trainer or manager who works in your organisations."}
        )
    from_status = assessment.status
    assessment.status = AssessmentStatus.AWAITING
    assessment.assessor = assessor
    assessment.version += 1
    assessment.save()
    _record(
        assessment,
        actor=assessment.hcp,
        action=AssessmentAction.REQUESTED,
        from_status=from_status,
        from_level=assessment.level,
        note=f"Asked {assessor.get_full_name()} to verify.",
    )
    transaction.on_commit(lambda: _email_assessor(assessment), robust=True)
    return assessment


def _check_assessor(assessment, assessor):
    """Refuse anyone but the named assessor, and anything not waiting for them."""
    if assessment.assessor_id != assessor.pk:
        raise ValidationError("Only the named assessor can verify this assessment.")
    workflow_require(assessment, "decide", "This assessment is not waiting for verification.")


@transaction.atomic
def assessment_verify(
    *,
    assessment,
    assessor,
    verified_level=None,
    expires_on=None,
    note="",
    observed_directly="",
    expected_version=None,
):
    """Verify a competence at a level until it needs review, as the assessor last read it.

    An assessment with no evidence is verified only when the assessor records how it observed
    the competence directly; that account is kept in the history.
    """
    assessment = _lock(assessment, expected_version)
    _check_assessor(assessment, assessor)
    observed_directly = (observed_directly or "").strip()
    if not observed_directly and not assessment.evidence.exists():
        raise ValidationError(
            {
                "observed_directly": "There is no evidence. Say how you observed it directly, "
                "or return it with an action point."
            }
        )
    today = timezone.localdate()
    months = assessment.competence.framework.review_after_months
    expires_on = expires_on or today + relativedelta(months=months)
    if expires_on <= today:
        raise ValidationError({"expires_on": "The review date must be in the future."})
    from_status = assessment.status
    assessment.status = AssessmentStatus.VERIFIED
    assessment.verified_level = verified_level or assessment.level
    assessment.verified_on = today
    assessment.expires_on = expires_on
    assessment.action_point = ""
    assessment.version += 1
    assessment.save()
    _record(
        assessment,
        actor=assessor,
        action=AssessmentAction.VERIFIED,
        from_status=from_status,
        from_level=assessment.level,
        note=_verification_note(assessment, expires_on, note, observed_directly),
    )
    transaction.on_commit(lambda: _email_outcome(assessment), robust=True)
    return assessment


def _verification_note(assessment, expires_on, note, observed_directly):
    """Write what the history keeps of a verification: the note, and any direct observation."""
    note = note or (f"Verified at level {assessment.verified_level} until {expires_on:%d %B %Y}.")
    if observed_directly:
        note = f"Observed directly, with no evidence: {observed_directly} {note}"
    return note


@transaction.atomic
def assessments_verify_many(*, assessments, assessor):
    """Verify several assessments at once at the levels claimed; all or none, evidence needed."""
    assessments = list(assessments)
    supported = set(
        Evidence.objects.filter(assessment__in=assessments).values_list("assessment_id", flat=True)
    )
    bare = [a for a in assessments if a.pk not in supported]
    if bare:
        names = ", ".join(f"{a.hcp.get_full_name()}'s {a.competence.code}" for a in bare)
        raise ValidationError(
            {
                "assessments": f"Nothing was verified: {names} "
                f"{'has' if len(bare) == 1 else 'have'} no evidence. Open "
                f"{'it' if len(bare) == 1 else 'each'} to record that you observed it "
                "directly, or return it with an action point."
            }
        )
    return [assessment_verify(assessment=a, assessor=assessor) for a in assessments]


@transaction.atomic
def assessment_return(*, assessment, assessor, action_point, expected_version=None):
    """Send an assessment back to the person with what to do before asking again."""
    action_point = (action_point or "").strip()
    if not action_point:
        raise ValidationError({"action_point": "Say what the person needs to do next."})
    assessment = _lock(assessment, expected_version)
    _check_assessor(assessment, assessor)
    from_status = assessment.status
    assessment.status = AssessmentStatus.RETURNED
    assessment.action_point = action_point
    assessment.version += 1
    assessment.save()
    _record(
        assessment,
        actor=assessor,
        action=AssessmentAction.RETURNED,
        from_status=from_status,
        from_level=assessment.level,
        note=action_point,
    )
    transaction.on_commit(lambda: _email_outcome(assessment), robust=True)
    return assessment


def _email_assessor(assessment):
    """Tell the assessor there is something to verify."""
    hcp, code = assessment.hcp.get_full_name(), assessment.competence.code
    email_send(
        to=assessment.assessor.email,
        subject=f"Please verify {hcp}'s competence {code}",
        template="competences/emails/verification_requested",
        context={"assessment": assessment, "path": reverse("competences:verification-queue")},
    )


def _email_outcome(assessment):
    """Tell the person whether its competence was verified or returned."""
    verified = assessment.status == AssessmentStatus.VERIFIED
    outcome = "verified" if verified else "returned with an action point"
    email_send(
        to=assessment.hcp.email,
        subject=f"Your competence {assessment.competence.code} has been {outcome}",
        template="competences/emails/outcome",
        context={
            "assessment": assessment,
            "verified": verified,
            "path": reverse("competences:assessment-detail", args=[assessment.pk]),
        },
    )


@transaction.atomic
def import_choices_remember(*, posts, places):
    """Remember what a manager said unknown position titles and places mean, for every import."""
    for scope, title, profile in posts:
        PostTitleMapping.objects.update_or_create(
            scope=scope, key=mapping_key(title), defaults={"title": title, "profile": profile}
        )
    for scope, kind, value, organisation in places:
        PlaceMapping.objects.update_or_create(
            scope=scope,
            kind=kind,
            key=mapping_key(value),
            defaults={"value": value, "organisation": organisation},
        )


@transaction.atomic
def import_mappings_change(*, posts, places):
    """Change or forget remembered mappings: a target for each, or None to forget it."""
    for mapping, profile in posts.items():
        if profile is None:
            mapping.delete()
        elif mapping.profile_id != profile.pk:
            mapping.profile = profile
            mapping.save()
    for mapping, (forget, organisation) in places.items():
        if forget:
            mapping.delete()
        elif mapping.organisation_id != getattr(organisation, "pk", None):
            mapping.organisation = organisation
            mapping.save()

"""Every write that matters in feedback: versions, links, submitted responses and their history."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from competences.models import EvidenceKind
from competences.services import evidence_record
from feedback import scoring
from feedback.models import (
    Answer,
    FeedbackLink,
    FeedbackResponse,
    InstrumentPurpose,
    InstrumentVersion,
    Item,
    RespondentRole,
    ResponseAction,
    ResponseEvent,
    VersionStatus,
    token_digest,
)

LINK_LIFETIME = timedelta(hours=12)


class AlreadyReceived(Exception):
    """The response this link or person gives was already stored."""


@transaction.atomic
def version_new_draft(*, version):
    """Copy a version, its scoring rule and its questions into the instrument's next draft."""
    instrument = version.instrument
    existing = instrument.versions.filter(status=VersionStatus.DRAFT, responses__isnull=True)
    if draft := existing.order_by("-number").first():
        return draft
    number = (instrument.versions.order_by("-number").values_list("number", flat=True).first()) + 1
    draft = InstrumentVersion(
        instrument=instrument,
        number=number,
        status=VersionStatus.DRAFT,
        introduction=version.introduction,
        scoring_method=version.scoring_method,
        max_missing=version.max_missing,
        imputation=version.imputation,
    )
    draft.full_clean()
    draft.save()
    for item in version.items.all():
        competences = list(item.competences.all())
        copy = Item(
            version=draft,
            sort_order=item.sort_order,
            code=item.code,
            prompt=item.prompt,
            help_text=item.help_text,
            kind=item.kind,
            point_labels=item.point_labels,
            required=item.required,
            allows_not_applicable=item.allows_not_applicable,
            in_score=item.in_score,
        )
        copy.full_clean(exclude=["version"])
        copy.save()
        copy.competences.set(competences)
        copy.save()
    return draft


@transaction.atomic
def link_create(*, session, actor, now=None):
    """Make a new link for a session's representative, replacing any link still open.

    Returns the link and its token; only the token's SHA-256 is stored, so the token is shown
    once, on the page that made it.
    """
    now = now or timezone.now()
    version = InstrumentVersion.objects.current_for(InstrumentPurpose.REPRESENTATIVE_FEEDBACK)
    if version is None:
        raise ValidationError("There is no published representative feedback questionnaire.")
    if session.feedback_responses.filter(role=RespondentRole.REPRESENTATIVE).exists():
        raise ValidationError("The representative's feedback on this session is already in.")
    FeedbackLink.objects.filter(session=session).open(now).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    link = FeedbackLink(
        session=session,
        version=version,
        token_hash=token_digest(token),
        expires_at=now + LINK_LIFETIME,
        created_by=actor,
        created_at=now,
    )
    link.full_clean()
    link.save()
    return link, token


def _scored(version, values):
    """Return the scoring rule and the scored answers of a response."""
    rule = scoring.ScoringRule(version.scoring_method, version.max_missing, version.imputation)
    answers = []
    for item in version.items.all():
        if item.is_scored:
            value, _text, not_applicable = values.get(item.pk, (None, "", False))
            answers.append(scoring.ScoredAnswer(value, not_applicable))
    return scoring.score(answers, rule)


@transaction.atomic
def response_submit(
    *,
    version,
    role,
    values,
    subject=None,
    session=None,
    workshop=None,
    respondent=None,
    link=None,
    display_name="",
):
    """Store a submitted response once, score it and record it as evidence for the HCP.

    ``values`` maps an item's id to (value, text, not_applicable). A link is locked while the
    response is stored, so a second submit of the same link finds it used.
    """
    now = timezone.now()
    if link is not None:
        link = FeedbackLink.objects.select_for_update().get(pk=link.pk)
        if link.used_at is not None:
            raise AlreadyReceived
        if link.revoked_at is not None or link.expires_at <= now:
            raise ValidationError("This link no longer works.")
    starts_at = session.starts_at if session is not None else None
    if starts_at and timezone.localdate(starts_at) > timezone.localdate(now):
        raise ValidationError(
            "This consultation has not happened yet: feedback on it opens on "
            f"{timezone.localdate(starts_at):%-d %B %Y}."
        )
    result = _scored(version, values)
    response = FeedbackResponse(
        version=version,
        role=role,
        respondent=respondent,
        subject=subject,
        session=session,
        workshop=workshop,
        link=link,
        display_name=display_name.strip(),
        score=result.value,
        score_note=result.reason,
        submitted_at=now,
    )
    response.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise AlreadyReceived from None
    answers = [
        Answer(response=response, item=item, value=value, text=text.strip(), not_applicable=na)
        for item in version.items.all()
        for value, text, na in [values.get(item.pk, (None, "", False))]
        if value is not None or text.strip() or na
    ]
    Answer.objects.bulk_create(answers)
    if link is not None:
        link.used_at = now
        link.save(update_fields=["used_at"])
    ResponseEvent.objects.create(
        response=response, actor=respondent, action=ResponseAction.SUBMITTED, at=now
    )
    _record_evidence(response, answers, respondent or (link.created_by if link else None))
    return response


def _record_evidence(response, answers, actor):
    """Record the response as evidence for each competence its answered items map to."""
    if response.subject is None or actor is None or response.role == RespondentRole.PARTICIPANT:
        return
    answered = [
        answer.item_id
        for answer in answers
        if not answer.not_applicable and (answer.value is not None or answer.text)
    ]
    competences = {
        competence.pk: competence
        for item in Item.objects.filter(pk__in=answered).prefetch_related("competences")
        for competence in item.competences.all()
    }
    scenario = response.session.scenario.title if response.session else ""
    description = f"{response.get_role_display()} feedback on {scenario}".strip()
    for competence in competences.values():
        evidence_record(
            hcp=response.subject,
            competence=competence,
            kind=EvidenceKind.SIMULATION_FEEDBACK,
            description=description,
            source=response,
            actor=actor,
        )


@transaction.atomic
def response_withdraw(*, response, actor, reason):
    """Withdraw a submitted response from the HCP's page and reports, saying why."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the response is withdrawn."})
    response = FeedbackResponse.objects.select_for_update().get(pk=response.pk)
    if response.withdrawn_at:
        raise ValidationError("This response is already withdrawn.")
    response.withdrawn_at = timezone.now()
    response.save(update_fields=["withdrawn_at"])
    ResponseEvent.objects.create(
        response=response, actor=actor, action=ResponseAction.WITHDRAWN, reason=reason.strip()
    )
    return response

"""Writes for workshop evaluations: an HCP's before or after questionnaire, stored once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from feedback.evaluation import queries
from feedback.models import RespondentRole
from feedback.services import AlreadyReceived, response_submit
from workshops.models import Booking


@transaction.atomic
def evaluation_submit(*, booking, stage, version, values, now=None):
    """Store an HCP's answers to a workshop's before or after questionnaire, once.

    The booking row is locked while the answers are checked and stored, so two submits at
    once store one response and the second finds it already received.
    """
    now = now or timezone.now()
    locked = Booking.objects.select_for_update().select_related("workshop").get(pk=booking.pk)
    if not queries.stage_is_open(stage, locked, now):
        raise ValidationError("This questionnaire is not open for this workshop.")
    if queries.answered(stage, locked.workshop, locked.hcp):
        raise AlreadyReceived
    if version.instrument.purpose != queries.STAGES[stage]:
        raise ValidationError("This is not the workshop's questionnaire.")
    return response_submit(
        version=version,
        role=RespondentRole.PARTICIPANT,
        values=values,
        subject=locked.hcp,
        workshop=locked.workshop,
        respondent=locked.hcp,
    )

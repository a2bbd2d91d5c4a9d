"""Demo workshop evaluations: before and after answers from attendees of past demo workshops.

Safe to run again: an attendee who has answered a stage is left alone, and whether an
attendee answers at all depends only on its booking, so a second run makes nothing new.
Workshops and bookings belong to the workshops demo: with no past workshop with attendees,
nothing is made.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from feedback.evaluation import queries
from feedback.evaluation.services import evaluation_submit
from feedback.models import FeedbackResponse, ItemKind
from workshops.models import Booking, BookingStatus, WorkshopStatus

COMMENTS = {
    "most_useful": [
        "Practising the agenda-setting conversation with a representative.",
        "Seeing how sharing results before the appointment changes the conversation.",
        "Agreeing one small goal instead of a list of advice.",
    ],
    "would_improve": [
        "More time for the simulated consultations.",
        "A follow-up session a few months later.",
        "Examples from practices like ours.",
    ],
}


@transaction.atomic
def build_demo_evaluations(stdout=None):
    """Answer the before and after questionnaires for attendees of past demo workshops."""
    versions = {stage: queries.stage_version(stage) for stage in queries.STAGES}
    if None in versions.values():
        return
    attended = (
        Booking.objects.filter(status=BookingStatus.ATTENDED, workshop__ends_at__lt=timezone.now())
        .exclude(workshop__status=WorkshopStatus.CANCELLED)
        .annotate(
            before_done=queries.answered_exists(queries.BEFORE),
            after_done=queries.answered_exists(queries.AFTER),
        )
        .select_related("workshop", "hcp")
        .order_by("pk")
    )
    made = 0
    for booking in attended:
        if booking.before_done or booking.after_done:
            continue
        rng = random.Random(booking.pk)  # noqa: S311 - demo answers, not secrets
        made += _evaluate(booking, versions, rng)
    if stdout:
        stdout.write(f"Workshop evaluations: {made} new responses.")


def _evaluate(booking, versions, rng):
    """Answer both stages for one attendee, most of the time, dated around the workshop."""
    workshop = booking.workshop
    before_at = workshop.starts_at - timedelta(days=1)
    after_at = workshop.ends_at + timedelta(days=1)
    made = 0
    confidence = {}
    if rng.random() < 0.85:
        values = _values(versions[queries.BEFORE], workshop, queries.BEFORE, rng, confidence)
        response = _submit(booking, queries.BEFORE, versions, values, before_at)
        made += response is not None
    if rng.random() < 0.8:
        values = _values(versions[queries.AFTER], workshop, queries.AFTER, rng, confidence)
        response = _submit(booking, queries.AFTER, versions, values, after_at)
        made += response is not None
    return made


def _submit(booking, stage, versions, values, at):
    """Submit through the service as if at that moment, then date the response then."""
    response = evaluation_submit(
        booking=booking, stage=stage, version=versions[stage], values=values, now=at
    )
    FeedbackResponse.objects.filter(pk=response.pk).update(submitted_at=at)
    return response


def _values(version, workshop, stage, rng, confidence):
    """Answer the relevant questions: lower before, mostly higher after."""
    values = {}
    for item in queries.relevant_items(version, workshop, stage):
        if item.kind == ItemKind.TEXT:
            values[item.pk] = (None, rng.choice(COMMENTS.get(item.code, [""])), False)
        elif stage == queries.BEFORE:
            confidence[item.code] = rng.choice([3, 4, 5, 5, 6])
            values[item.pk] = (confidence[item.code], "", False)
        else:
            start = confidence.get(item.code, rng.choice([4, 5, 6]))
            values[item.pk] = (min(10, start + rng.choice([0, 1, 2, 2, 3])), "", False)
    return values

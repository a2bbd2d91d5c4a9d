"""Reads for workshop evaluations: what an HCP has to answer, and the change it shows.

An HCP answers the "before" questionnaire of a workshop once booked, until it starts, and the
"after" questionnaire once marked attended, or once the workshop has ended while still booked
(attendance not yet taken), for 90 days after the end: later answers say little about the
workshop. Only questions relevant to the workshop are asked: those mapped to no competence
(the care planning skills and the reaction questions) and those mapped to a competence one of
the workshop's modules targets. Reaction (free text) questions only after.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from competences.models import Competence
from feedback.models import (
    FeedbackResponse,
    InstrumentPurpose,
    InstrumentVersion,
    ItemKind,
    RespondentRole,
)
from feedback.queries import workshops_in_report_scope
from workshops.models import Booking, BookingStatus, Workshop, WorkshopStatus

BEFORE = "before"
AFTER = "after"
STAGES = {BEFORE: InstrumentPurpose.WORKSHOP_BEFORE, AFTER: InstrumentPurpose.WORKSHOP_AFTER}
STAGE_LABELS = {BEFORE: "Before the workshop", AFTER: "After the workshop"}
BEFORE_STATUSES = (BookingStatus.BOOKED, BookingStatus.ATTENDED)
AFTER_STATUSES = (BookingStatus.ATTENDED, BookingStatus.BOOKED)
AFTER_OPEN_FOR = timedelta(days=90)


def stage_version(stage):
    """Return the current published version of a stage's questionnaire, or None."""
    return InstrumentVersion.objects.current_for(STAGES[stage])


def evaluation_responses():
    """Current self-evaluations of workshop participants."""
    return FeedbackResponse.objects.current().filter(
        role=RespondentRole.PARTICIPANT, workshop__isnull=False
    )


def stage_responses(stage):
    """Current self-evaluations answering one stage's questionnaire."""
    return evaluation_responses().filter(version__instrument__purpose=STAGES[stage])


def answered(stage, workshop, hcp):
    """Say whether an HCP has already answered a stage's questionnaire for a workshop."""
    return stage_responses(stage).filter(workshop=workshop, respondent=hcp).exists()


def answered_exists(stage):
    """A subquery: the booking's HCP has answered the stage's questionnaire for its workshop."""
    return Exists(
        stage_responses(stage).filter(
            workshop=OuterRef("workshop_id"), respondent=OuterRef("hcp_id")
        )
    )


def stage_is_open(stage, booking, now=None):
    """Say whether the booking's HCP may answer a stage's questionnaire now."""
    now = now or timezone.now()
    workshop = booking.workshop
    if workshop.status == WorkshopStatus.CANCELLED:
        return False
    if stage == BEFORE:
        return booking.status in BEFORE_STATUSES and now < workshop.starts_at
    if now >= workshop.ends_at + AFTER_OPEN_FOR:
        return False
    if booking.status == BookingStatus.ATTENDED:
        return True
    return booking.status == BookingStatus.BOOKED and now >= workshop.ends_at


@dataclass(frozen=True)
class DueEvaluation:
    """A workshop an HCP is booked on, and the stages it may answer and has answered."""

    booking: Booking
    open_stages: tuple
    done_stages: tuple

    @property
    def workshop(self):
        """The workshop evaluated."""
        return self.booking.workshop

    @property
    def to_do(self):
        """The stages open and not answered yet."""
        return tuple(stage for stage in self.open_stages if stage not in self.done_stages)


def hcp_evaluations(hcp, now=None):
    """The HCP's workshops that have or had an evaluation, newest first, in one query."""
    now = now or timezone.now()
    bookings = (
        Booking.objects.filter(hcp=hcp, status__in=set(BEFORE_STATUSES + AFTER_STATUSES))
        .exclude(workshop__status=WorkshopStatus.CANCELLED)
        .select_related("workshop__site")
        .annotate(before_done=answered_exists(BEFORE), after_done=answered_exists(AFTER))
        .order_by("-workshop__starts_at", "-pk")
    )
    evaluations = []
    for booking in bookings:
        done = tuple(s for s in (BEFORE, AFTER) if getattr(booking, f"{s}_done"))
        open_stages = tuple(s for s in (BEFORE, AFTER) if stage_is_open(s, booking, now))
        evaluations.append(DueEvaluation(booking, open_stages, done))
    return evaluations


def evaluations_to_complete(hcp, now=None):
    """The HCP's evaluations with a stage open and not answered."""
    return [evaluation for evaluation in hcp_evaluations(hcp, now) if evaluation.to_do]


def get_evaluation_or_404(hcp, workshop_pk, now=None):
    """Return the HCP's evaluation of a workshop it is booked on, or answer 404."""
    for evaluation in hcp_evaluations(hcp, now):
        if evaluation.workshop.pk == workshop_pk:
            return evaluation
    raise Http404("No such workshop.")


def targeted_competences(workshop):
    """Competences the workshop's modules target."""
    return Competence.objects.filter(modules__workshops=workshop).distinct()


def relevant_items(version, workshop, stage):
    """Return the version's questions relevant to a workshop at a stage, in order."""
    targeted = set(targeted_competences(workshop).values_list("pk", flat=True))
    items = version.items.prefetch_related("competences").order_by("sort_order", "pk")
    relevant = []
    for item in items:
        if stage == BEFORE and item.kind == ItemKind.TEXT:
            continue
        mapped = {competence.pk for competence in item.competences.all()}
        if not mapped or mapped & targeted:
            relevant.append(item)
    return relevant


def evaluation_workshops(user):
    """Workshops whose evaluation a person may read: those it trains, or at sites it manages."""
    return workshops_in_report_scope(user)


def get_evaluated_workshop_or_404(user, pk):
    """Return a workshop whose evaluation the person may read, or answer 404."""
    workshop = (
        Workshop.objects.filter(pk__in=evaluation_workshops(user).values("pk"))
        .select_related("site", "programme")
        .filter(pk=pk)
        .first()
    )
    if workshop is None:
        raise Http404("No such workshop.")
    return workshop


@dataclass(frozen=True)
class OutstandingRow:
    """One of a trainer's ended workshops and how many attendees answered after."""

    workshop: Workshop
    expected: int
    answered: int

    @property
    def outstanding(self):
        """How many attendees have not answered the after questionnaire."""
        return max(self.expected - self.answered, 0)


def outstanding_evaluations(user, now=None, limit=None):
    """The trainer's workshops, ended and still open for answers, with attendees yet to answer."""
    now = now or timezone.now()
    after = stage_responses(AFTER).filter(
        workshop=OuterRef("workshop_id"), respondent=OuterRef("hcp_id")
    )
    expected = Q(bookings__status__in=AFTER_STATUSES)
    answered = Q(bookings__status__in=AFTER_STATUSES, bookings__in=_bookings_answered(after))
    workshops = (
        Workshop.objects.filter(trainers=user, ends_at__lte=now, ends_at__gt=now - AFTER_OPEN_FOR)
        .exclude(status=WorkshopStatus.CANCELLED)
        .select_related("site")
        .annotate(
            expected=Count("bookings", filter=expected, distinct=True),
            answered=Count("bookings", filter=answered, distinct=True),
        )
        .filter(expected__gt=F("answered"))
        .order_by("-ends_at", "-pk")
    )
    if limit:
        workshops = workshops[:limit]
    return [OutstandingRow(w, w.expected, w.answered) for w in workshops]


def _bookings_answered(after):
    """Bookings whose HCP has answered the after questionnaire for the booked workshop."""
    return Booking.objects.filter(Exists(after)).values("pk")


def response_rate(workshop, now=None):
    """Return the stage to report on, and how many answered it of how many could, in one query.

    Until the workshop ends that is the before questionnaire among those booked; then the
    after questionnaire among attendees (and those still booked, attendance not yet taken).
    """
    now = now or timezone.now()
    stage, statuses = AFTER, [BookingStatus.ATTENDED, BookingStatus.BOOKED]
    if now < workshop.ends_at:
        stage, statuses = BEFORE, [BookingStatus.BOOKED, BookingStatus.ATTENDED]
    counts = workshop.bookings.filter(status__in=statuses).aggregate(
        expected=Count("pk"), answered=Count("pk", filter=Q(answered_exists(stage)))
    )
    return stage, counts["answered"], counts["expected"]

"""Reads for workshop evaluations: what an HCP has to answer, and the change it shows.

An HCP answers the "before" questionnaire of a workshop once booked, until it starts, and the
"after" questionnaire once marked attended, or once the workshop has ended while still booked
(attendance not yet taken), for 90 days after the end: later answers say little about the
workshop. Only questions relevant to the workshop are asked: those mapped to no competence
(the care planning skills and the reaction questions) and those mapped to a competence one of
the workshop's modules targets. Reaction (free text) questions only after.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from statistics import mean

from django.conf import settings
from django.db.models import Avg, Count, Exists, F, Min, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone

from competences.models import Competence
from feedback.models import (
    Answer,
    FeedbackResponse,
    InstrumentPurpose,
    InstrumentVersion,
    Item,
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
class ItemChange:
    """One question's confidence before and after, and the change among paired respondents."""

    code: str
    prompt: str
    before_count: int
    before_mean: float | None
    after_count: int
    after_mean: float | None
    paired: int
    change: float | None
    suppressed: bool


@dataclass(frozen=True)
class Comment:
    """One answer to a reaction question, without the name of who wrote it."""

    prompt: str
    text: str


@dataclass(frozen=True)
class WorkshopEvaluation:
    """Response rates, change per question and the reaction comments of one workshop."""

    workshop: Workshop
    expected: int
    before: int
    after: int
    paired: int
    items: list
    comments: dict
    threshold: int

    @property
    def shown_items(self):
        """The questions with enough paired respondents to show."""
        return [item for item in self.items if not item.suppressed]


def _rounded(values):
    """Return the mean of values to two places, or None for none."""
    return round(mean(values), 2) if values else None


def item_changes(rows, threshold):
    """Compute each question's means and paired change from (respondent, stage, code, prompt,
    value) rows; a question with fewer paired respondents than the threshold shows counts only.
    """
    values = defaultdict(lambda: {BEFORE: {}, AFTER: {}})
    prompts = {}
    for respondent, stage, code, prompt, value in rows:
        values[code][stage][respondent] = value
        prompts.setdefault(code, prompt)
        if stage == AFTER:
            prompts[code] = prompt
    changes = []
    for code, sides in values.items():
        pairs = [
            sides[AFTER][person] - sides[BEFORE][person]
            for person in sides[AFTER]
            if person in sides[BEFORE]
        ]
        small = len(pairs) < threshold
        changes.append(
            ItemChange(
                code=code,
                prompt=prompts[code],
                before_count=len(sides[BEFORE]),
                before_mean=None if small else _rounded(list(sides[BEFORE].values())),
                after_count=len(sides[AFTER]),
                after_mean=None if small else _rounded(list(sides[AFTER].values())),
                paired=len(pairs),
                change=None if small else _rounded(pairs),
                suppressed=small,
            )
        )
    return changes


def workshop_evaluation(workshop, now=None):
    """Build a workshop's evaluation in three queries, whatever the number of attendees."""
    threshold = settings.SMALL_NUMBER_THRESHOLD
    now = now or timezone.now()
    statuses = [BookingStatus.ATTENDED]
    if now >= workshop.ends_at:
        statuses.append(BookingStatus.BOOKED)
    expected = workshop.bookings.filter(status__in=statuses).count()
    answers = list(
        Answer.objects.filter(response__in=evaluation_responses().filter(workshop=workshop))
        .values(
            "response__respondent_id",
            "response__version__instrument__purpose",
            "item__code",
            "item__prompt",
            "item__kind",
            "item__sort_order",
            "value",
            "text",
            "not_applicable",
            "response_id",
        )
        .order_by("item__sort_order", "item__code", "text")
    )
    stage_of = {purpose: stage for stage, purpose in STAGES.items()}
    rated, comments = [], defaultdict(list)
    for row in answers:
        stage = stage_of[row["response__version__instrument__purpose"]]
        respondent = row["response__respondent_id"]
        if row["item__kind"] == ItemKind.TEXT:
            if row["text"]:
                comments[row["item__prompt"]].append(row["text"])
        elif row["value"] is not None and not row["not_applicable"]:
            rated.append((respondent, stage, row["item__code"], row["item__prompt"], row["value"]))
    respondents = _respondents(workshop)
    return WorkshopEvaluation(
        workshop=workshop,
        expected=expected,
        before=len(respondents[BEFORE]),
        after=len(respondents[AFTER]),
        paired=len(respondents[BEFORE] & respondents[AFTER]),
        items=item_changes(rated, threshold),
        comments={prompt: sorted(texts) for prompt, texts in comments.items()},
        threshold=threshold,
    )


def _respondents(workshop):
    """Return who answered each stage, including those who left every question blank."""
    rows = evaluation_responses().filter(workshop=workshop)
    rows = rows.values_list("respondent_id", "version__instrument__purpose")
    found = {BEFORE: set(), AFTER: set()}
    stage_of = {purpose: stage for stage, purpose in STAGES.items()}
    for respondent, purpose in rows:
        found[stage_of[purpose]].add(respondent)
    return found


@dataclass(frozen=True)
class GroupChange:
    """One programme or site and question: paired respondents and the mean change."""

    group: str
    prompt: str
    paired: int
    before_mean: float | None
    after_mean: float | None
    change: float | None
    suppressed: bool


@dataclass(frozen=True)
class ChangeReport:
    """The change in confidence per programme and per site, across the workshops in scope."""

    by_programme: list
    by_site: list
    threshold: int


def paired_answers(workshops):
    """After-answers to rated questions in the workshops, each with the same person's before.

    The before value is a correlated subquery on the same workshop, respondent and question
    code, so a pair is made in the database and the report does not load every answer.
    """
    before = Answer.objects.filter(
        response__in=stage_responses(BEFORE),
        response__workshop=OuterRef("response__workshop"),
        response__respondent=OuterRef("response__respondent"),
        item__code=OuterRef("item__code"),
        value__isnull=False,
        not_applicable=False,
    ).order_by("-response__submitted_at")
    return (
        Answer.objects.filter(
            response__in=stage_responses(AFTER).filter(workshop__in=workshops),
            value__isnull=False,
            not_applicable=False,
        )
        .exclude(item__kind=ItemKind.TEXT)
        .annotate(before_value=Subquery(before.values("value")[:1]))
        .filter(before_value__isnull=False)
    )


def _grouped_change(pairs, group_field, threshold):
    """Average the paired before, after and change per group and question in one query."""
    rows = (
        pairs.values(group_field, "item__code")
        .annotate(
            prompt=Subquery(
                Item.objects.filter(code=OuterRef("item__code"))
                .order_by("-version_id")
                .values("prompt")[:1]
            ),
            paired=Count("response__respondent", distinct=True),
            before_mean=Avg("before_value"),
            after_mean=Avg("value"),
            change=Avg(F("value") - F("before_value")),
            position=Min("item__sort_order"),
        )
        .order_by(group_field, "position", "item__code")
    )
    return [
        GroupChange(
            group=row[group_field] or "Not recorded",
            prompt=row["prompt"],
            paired=row["paired"],
            before_mean=None if row["paired"] < threshold else round(row["before_mean"], 2),
            after_mean=None if row["paired"] < threshold else round(row["after_mean"], 2),
            change=None if row["paired"] < threshold else round(row["change"], 2),
            suppressed=row["paired"] < threshold,
        )
        for row in rows
    ]


def change_report(user):
    """Build the change report a person may see: two queries whatever the data's size."""
    threshold = settings.SMALL_NUMBER_THRESHOLD
    pairs = paired_answers(evaluation_workshops(user))
    return ChangeReport(
        by_programme=_grouped_change(pairs, "response__workshop__programme__title", threshold),
        by_site=_grouped_change(pairs, "response__workshop__site__name", threshold),
        threshold=threshold,
    )


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

"""Reports of workshop evaluations: each workshop's change and the change by programme and site.

Confidence changes are counted over paired respondents only (those who answered both before
and after), and a figure resting on fewer people than the small-number threshold is withheld.
"""

from collections import defaultdict
from dataclasses import dataclass
from statistics import mean

from django.conf import settings
from django.db.models import Avg, Count, F, Min, OuterRef, Subquery
from django.utils import timezone

from feedback.evaluation.queries import (
    AFTER,
    BEFORE,
    STAGES,
    evaluation_responses,
    evaluation_workshops,
    stage_responses,
)
from feedback.models import (
    Answer,
    Item,
    ItemKind,
)
from workshops.models import BookingStatus, Workshop


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

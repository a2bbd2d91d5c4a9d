"""Reads for quality assurance observations: who may observe whom, the pages' data, the report."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from competences.queries import assessors_for
from quality.models import (
    MeasureFinding,
    MeasureResult,
    QAObservation,
    QAObservationStatus,
    QualityIndicator,
    QualityMeasure,
)
from training_site.models import Membership, OrganisationKind, Role, User
from training_site.scoping import ASSESSOR_ROLES, organisations_managed_by, organisations_with_role

SETTING_KINDS = (OrganisationKind.PRACTICE, OrganisationKind.TEAM)


def observers_for(hcp):
    """Return the trainers and managers who may observe a person: those in its line."""
    return assessors_for(hcp)


def observation_settings_for(observer):
    """Return the practices and teams in which a person may observe."""
    return organisations_with_role(observer, *ASSESSOR_ROLES).filter(kind__in=SETTING_KINDS)


def observable_people(observer):
    """Return the HCPs a person may observe: those working in practices and teams it covers."""
    works_there = Membership.objects.filter(
        user=OuterRef("pk"),
        role=Role.HCP,
        organisation__in=observation_settings_for(observer).values("pk"),
    )
    return (
        User.objects.filter(Exists(works_there), is_active=True)
        .exclude(pk=observer.pk)
        .order_by("last_name", "first_name", "pk")
    )


def indicators_for(organisation):
    """Return the active indicators that apply in a practice or team, with their measures."""
    return QualityIndicator.objects.active().applying_to(organisation).prefetch_related("measures")


def observations_visible_to(user):
    """Return the observations a person may see, with the people and setting loaded."""
    return QAObservation.objects.visible_to(user).select_related(
        "observed", "observer", "organisation"
    )


def get_observation_or_404(user, pk):
    """Return an observation the person may see, or answer 404 as if it did not exist."""
    return get_object_or_404(observations_visible_to(user), pk=pk)


def observations_to_complete(observer):
    """Return the observer's observations that still need its work."""
    return (
        observations_visible_to(observer)
        .filter(observer=observer)
        .exclude(status__in=[QAObservationStatus.DISCUSSED, QAObservationStatus.AGREED])
    )


def observations_to_agree(hcp):
    """Return the observations of a person waiting for it to read and agree them."""
    return observations_visible_to(hcp).filter(observed=hcp).awaiting_agreement()


@dataclass(frozen=True)
class MeasureRow:
    """One measure of an observation and what was found."""

    measure: QualityMeasure
    result: MeasureResult | None


@dataclass(frozen=True)
class IndicatorBlock:
    """One indicator in scope of an observation, with its measures' findings."""

    indicator: QualityIndicator
    concerned: bool
    rows: list


def observation_indicators(observation):
    """Return the indicators in scope of an observation with each measure and its finding."""
    results = {r.measure_id: r for r in observation.results.all()}
    concerned = set(observation.concern_indicators.values_list("pk", flat=True))
    indicators = observation.indicators.prefetch_related(
        Prefetch("measures", queryset=QualityMeasure.objects.order_by("sort_order", "pk"))
    ).order_by("sort_order", "title", "pk")
    return [
        IndicatorBlock(
            indicator,
            indicator.pk in concerned,
            [MeasureRow(m, results.get(m.pk)) for m in indicator.measures.all()],
        )
        for indicator in indicators
    ]


def measures_in_scope(observation):
    """Return the measures of the indicators an observation covers, in reading order."""
    return QualityMeasure.objects.filter(
        indicator__in=observation.indicators.values("pk")
    ).order_by("indicator__sort_order", "indicator__title", "indicator_id", "sort_order", "pk")


FINDINGS = (MeasureFinding.IN_PLACE, MeasureFinding.PARTLY, MeasureFinding.NOT_IN_PLACE)


@dataclass(frozen=True)
class ReportRow:
    """Counts for one measure (and, per practice, one setting): how often it was in place."""

    indicator: str
    measure: str
    setting: str
    observations: int
    in_place: int | None
    partly: int | None
    not_in_place: int | None
    not_observed: int | None

    @property
    def suppressed(self):
        """Say whether the counts are hidden because too few observations would identify people."""
        return self.in_place is None


def _counts(queryset, *group):
    """Count findings per group in one aggregate query."""
    return (
        queryset.values(*group)
        .annotate(
            observations=Count("observation", distinct=True),
            **{finding.value: Count("pk", filter=Q(result=finding)) for finding in MeasureFinding},
        )
        .order_by(*group)
    )


def _row(values, indicator, measure, setting, threshold):
    """Build a report row, hiding the breakdown of a small group."""
    count = values["observations"]
    hide = count < threshold
    return ReportRow(
        indicator,
        measure,
        setting,
        count,
        *(None if hide else values[f.value] for f in MeasureFinding),
    )


@dataclass(frozen=True)
class QAReport:
    """Findings across the observations in a manager's organisations."""

    by_measure: list
    by_setting: list
    observation_count: int
    threshold: int


def reported_observations(user):
    """Return the observations in a manager's organisations whose measures are all recorded."""
    return QAObservation.objects.with_results().filter(
        organisation__in=organisations_managed_by(user).values("pk")
    )


def qa_report(user):
    """Return findings per measure and per practice or team, aggregated in the database.

    Only observations whose measures were all recorded count; groups with fewer observations
    than the small-number threshold show their size but not their breakdown.
    """
    threshold = settings.SMALL_NUMBER_THRESHOLD
    observations = reported_observations(user)
    results = MeasureResult.objects.filter(observation__in=observations.values("pk"))
    per_measure = _counts(
        results,
        "measure__indicator__sort_order",
        "measure__indicator__title",
        "measure__indicator_id",
        "measure__sort_order",
        "measure_id",
        "measure__text",
    )
    per_setting = _counts(
        results,
        "observation__organisation__name",
        "observation__organisation_id",
        "measure__indicator__sort_order",
        "measure__indicator__title",
        "measure__indicator_id",
        "measure__sort_order",
        "measure_id",
        "measure__text",
    )
    return QAReport(
        [
            _row(v, v["measure__indicator__title"], v["measure__text"], "", threshold)
            for v in per_measure
        ],
        [
            _row(
                v,
                v["measure__indicator__title"],
                v["measure__text"],
                v["observation__organisation__name"],
                threshold,
            )
            for v in per_setting
        ],
        observations.count(),
        threshold,
    )

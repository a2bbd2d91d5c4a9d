"""Demo quality indicators, measures and observations for the demo network; safe to run again.

The indicators and measures follow the example in Section 7 of the care planning report, in the
project's own words: one indicator on whether care planning happens at all, one on whether it
follows the whole process.
"""

import itertools
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from competences.models import Competence
from quality import services
from quality.forms import QAActionFormSet
from quality.models import (
    MeasureFinding,
    QAObservation,
    QAObservationStatus,
    QualityIndicator,
    QualityMeasure,
)
from quality.queries import measures_in_scope
from training_site.models import Membership, Role, User

INDICATORS = [
    (
        "Care planning happens in the diabetes service",
        "Everyone with diabetes who uses the service takes part in care planning.",
        [],
        [
            "Every person with diabetes has a plan of care written down somewhere: in their "
            "notes, in a letter, in their own diary or record.",
        ],
    ),
    (
        "Care planning follows the whole process",
        "The care planning consultation follows the process the service has agreed and "
        "documented, from preparation to a shared plan.",
        ["Diab HA1", "Diab HA2"],
        [
            "The person has an appointment, or set time within an appointment, kept for care "
            "planning.",
            "The consultation brings in the person's own view as well as the professional's.",
            "Both the person and the professional understand the care plan that results, and "
            "agree it.",
            "Both the person and the service keep the care plan and can find it easily.",
        ],
    ),
]

FINDING_PATTERNS = [
    (MeasureFinding.IN_PLACE, MeasureFinding.IN_PLACE, MeasureFinding.PARTLY),
    (MeasureFinding.PARTLY, MeasureFinding.IN_PLACE, MeasureFinding.NOT_IN_PLACE),
    (MeasureFinding.IN_PLACE, MeasureFinding.PARTLY, MeasureFinding.NOT_OBSERVED),
]


def ensure_indicators():
    """Create the example indicators and measures once; return them in order."""
    indicators = []
    for order, (title, description, codes, measures) in enumerate(INDICATORS, start=1):
        indicator, _ = QualityIndicator.objects.get_or_create(
            title=title,
            organisation=None,
            defaults={"description": description, "sort_order": order},
        )
        if not QualityMeasure.objects.filter(indicator=indicator).exists():
            for number, text in enumerate(measures, start=1):
                QualityMeasure.objects.create(indicator=indicator, text=text, sort_order=number)
        indicator.competences.add(*Competence.objects.filter(code__in=codes))
        indicators.append(indicator)
    return indicators


def _workplace(hcp):
    """The practice or team where a person works as an HCP."""
    membership = Membership.objects.filter(user=hcp, role=Role.HCP).first()
    return membership.organisation if membership else None


def _complete(observer, hcp, indicators, observed_on, pattern, *, concerns, discussion, actions):
    """Take one observation through every stage to the HCP's agreement."""
    observation = services.qa_observation_plan(
        observer=observer,
        observed=hcp,
        organisation=_workplace(hcp),
        observed_on=observed_on,
        indicators=indicators,
    )
    observation = services.qa_observation_record_before(
        observation=observation,
        actor=observer,
        concerns_before=concerns,
        concern_indicators=indicators[-1:],
    )
    findings = {
        measure.pk: (finding, "")
        for measure, finding in zip(
            measures_in_scope(observation), itertools.cycle(pattern), strict=False
        )
    }
    observation = services.qa_observation_record_results(
        observation=observation, actor=observer, findings=findings
    )
    data = {
        "actions-TOTAL_FORMS": str(len(actions)),
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    for index, (what, who, weeks, confidence) in enumerate(actions):
        data[f"actions-{index}-what"] = what
        data[f"actions-{index}-who"] = who
        data[f"actions-{index}-due_on"] = (observed_on + timedelta(weeks=weeks)).isoformat()
        data[f"actions-{index}-confidence"] = str(confidence)
    formset = QAActionFormSet(data, instance=observation, prefix="actions")
    formset.is_valid()
    observation = services.qa_observation_record_after(
        observation=observation,
        actor=observer,
        discussion_after=discussion,
        action_document="Actions agreed together after the observation.",
        actions=formset,
    )
    return services.qa_observation_agree(observation=observation, observed=hcp)


@transaction.atomic
def build_demo_observations(stdout=None):
    """Indicators, and observations by trainer@ of hcp@ and other Tower Hamlets HCPs."""
    indicators = ensure_indicators()
    observer = User.objects.filter(email="trainer@example.org").first()
    hcp = User.objects.filter(email="hcp@example.org").first()
    if observer is None or hcp is None:
        return
    today = timezone.localdate()
    made = QAObservation.objects.filter(observer=observer)
    if not made.filter(observed=hcp, status=QAObservationStatus.AGREED).exists():
        _complete(
            observer,
            hcp,
            indicators,
            today - timedelta(weeks=6),
            FINDING_PATTERNS[0],
            concerns="Hannah is worried about keeping to time when the person brings a long "
            "agenda, and whether the person really agrees the plan.",
            discussion="The person's own agenda came first and the results letter was used "
            "well. Goals were agreed, but the plan was written by Hannah and the person left "
            "without a copy.",
            actions=[
                ("Write the care plan with the person, in their words", "Hannah Price", 4, 7),
                ("Offer every person a copy of their care plan to keep", "Hannah Price", 2, 8),
                ("Practise agenda setting at the next workshop", "Hannah Price", 8, 6),
            ],
        )
    if not made.filter(observed=hcp, status=QAObservationStatus.PLANNED).exists():
        services.qa_observation_plan(
            observer=observer,
            observed=hcp,
            organisation=_workplace(hcp),
            observed_on=today + timedelta(weeks=2),
            indicators=indicators,
        )
    others = (
        User.objects.filter(
            memberships__role=Role.HCP,
            memberships__organisation__code__startswith="YOC-TH-",
            email__endswith="@example.org",
        )
        .exclude(pk=hcp.pk)
        .order_by("email")
        .distinct()[:5]
    )
    for number, other in enumerate(others):
        if made.filter(observed=other).exists():
            continue
        _complete(
            observer,
            other,
            indicators,
            today - timedelta(weeks=10 - number),
            FINDING_PATTERNS[number % len(FINDING_PATTERNS)],
            concerns="",
            discussion="Talked through each measure together.",
            actions=[("Share the care plan with the person", other.get_full_name(), 6, 7)],
        )
    if stdout:
        stdout.write("QA indicators and observations ready.")

"""QA observation fixtures, one for each stage an observation reaches."""

import datetime

import pytest

from quality import services as quality_services
from quality.forms import QAActionFormSet
from quality.models import MeasureFinding
from quality.queries import measures_in_scope
from tests.factories.quality import indicator_with_measures


@pytest.fixture
def indicators(db):
    """Two network-wide indicators: one with one measure, one with two."""
    return [
        indicator_with_measures("Care planning happens", count=1),
        indicator_with_measures("Care planning follows the process", count=2),
    ]


@pytest.fixture
def planned(trainer, hcp, practice_a, indicators):
    """An observation of the HCP planned by the trainer."""
    return quality_services.qa_observation_plan(
        observer=trainer,
        observed=hcp,
        organisation=practice_a,
        observed_on=datetime.date(2026, 3, 17),
        indicators=indicators,
    )


@pytest.fixture
def prepared(planned, trainer, indicators):
    """The observation after the talk beforehand."""
    return quality_services.qa_observation_record_before(
        observation=planned,
        actor=trainer,
        concerns_before="Keeping to time.",
        concern_indicators=indicators[1:],
    )


def findings_for(observation, result=MeasureFinding.IN_PLACE):
    """Every measure of an observation with the same finding."""
    return {m.pk: (result, "") for m in measures_in_scope(observation)}


@pytest.fixture
def observed(prepared, trainer):
    """The observation with every measure recorded."""
    return quality_services.qa_observation_record_results(
        observation=prepared, actor=trainer, findings=findings_for(prepared)
    )


def action_formset(observation, rows=1):
    """A bound action-plan formset with a number of actions."""
    data = {
        "actions-TOTAL_FORMS": str(rows),
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    for index in range(rows):
        data[f"actions-{index}-what"] = f"Action {index}"
        data[f"actions-{index}-who"] = "Hana"
        data[f"actions-{index}-due_on"] = "2026-05-01"
        data[f"actions-{index}-confidence"] = "7"
    formset = QAActionFormSet(data, instance=observation, prefix="actions")
    assert formset.is_valid(), formset.errors
    return formset


@pytest.fixture
def discussed(observed, trainer):
    """The observation discussed afterwards, with an action document."""
    return quality_services.qa_observation_record_after(
        observation=observed,
        actor=trainer,
        discussion_after="Talked it through.",
        action_document="Work on sharing the plan.",
        actions=action_formset(observed),
    )

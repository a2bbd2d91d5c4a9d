"""Feedback fixtures: a workshop session with its questionnaires; QA observations by stage."""

import datetime

import pytest

from feedback import qa_services
from feedback.models import MeasureFinding
from feedback.qa_forms import QAActionFormSet
from feedback.qa_queries import measures_in_scope
from tests.factories.feedback import (
    observer_version,
    representative_version,
    simulation_session,
    workshop,
)
from tests.factories.feedback_qa import indicator_with_measures


@pytest.fixture
def rep_version(db):
    """The published representative's questionnaire."""
    return representative_version()


@pytest.fixture
def obs_version(db):
    """The published observer's checklist."""
    return observer_version()


@pytest.fixture
def workshop_a(site_a, trainer):
    """A workshop at site A that the trainer runs."""
    return workshop(site_a, trainers=[trainer])


@pytest.fixture
def session(workshop_a, hcp, second_hcp, rep_version, obs_version):
    """The HCP's consultation with Ray, observed by the second HCP."""
    return simulation_session(workshop_a, hcp, representative_name="Ray", observers=[second_hcp])


@pytest.fixture
def answers(rep_version):
    """A complete set of answers to the representative's questionnaire, as posted."""
    return {
        "item_story_heard": "5",
        "item_results_explained": "na",
        "item_plan_mine": "2",
        "item_plan_confidence": "8",
        "item_went_well": "You asked what mattered to me.",
        "item_could_be_better": "Less screen time.",
        "shown_as": "pseudonym",
        "pseudonym": "Sunny",
    }


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
    return qa_services.qa_observation_plan(
        observer=trainer,
        observed=hcp,
        organisation=practice_a,
        observed_on=datetime.date(2026, 3, 17),
        indicators=indicators,
    )


@pytest.fixture
def prepared(planned, trainer, indicators):
    """The observation after the talk beforehand."""
    return qa_services.qa_observation_record_before(
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
    return qa_services.qa_observation_record_results(
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
    return qa_services.qa_observation_record_after(
        observation=observed,
        actor=trainer,
        discussion_after="Talked it through.",
        action_document="Work on sharing the plan.",
        actions=action_formset(observed),
    )

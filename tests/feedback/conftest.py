"""Feedback fixtures: a workshop session with its questionnaires and the answers to give."""

import pytest

from tests.factories.feedback import (
    observer_version,
    representative_version,
    simulation_session,
    workshop,
)


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

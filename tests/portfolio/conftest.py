"""Shared records for the portfolio tests: a simulation the HCP played and its feedback."""

import pytest

from tests.factories.competences import (
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.portfolio import attended, simulation, simulation_feedback, workshop


@pytest.fixture
def care_planning_day(site_a, hcp):
    """A workshop the HCP attended."""
    day = workshop(site_a)
    attended(hcp, day)
    return day


@pytest.fixture
def session(care_planning_day, hcp):
    """A simulated consultation the HCP played at the workshop."""
    return simulation(hcp, care_planning_day)


@pytest.fixture
def feedback(session, representative):
    """The representative's feedback on it."""
    return simulation_feedback(session, respondent=representative)


@pytest.fixture
def hcp_post(hcp, practice_a):
    """The HCP is a practice nurse whose post needs Diab HA1, HA2 and HA6 at level 3."""
    profile = PostProfileFactory(name="Practice nurse", organisation=None)
    for code in ("Diab HA1", "Diab HA2", "Diab HA6"):
        PostRequirementFactory(
            profile=profile, competence=national_competence(code), foundation_level=2, full_level=3
        )
    return StaffPostFactory(user=hcp, profile=profile, organisation=practice_a)

"""Post profiles and posts shared by the competence tests."""

import pytest

from tests.factories.competences import (
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)


@pytest.fixture
def practice_nurse(db):
    """The national "Practice nurse" profile: Diab HA1, HA2 and HA6 at 2 then 3."""
    profile = PostProfileFactory(name="Practice nurse", organisation=None)
    for code in ("Diab HA1", "Diab HA2", "Diab HA6"):
        PostRequirementFactory(
            profile=profile, competence=national_competence(code), foundation_level=2, full_level=3
        )
    return profile


@pytest.fixture
def healthcare_assistant(db):
    """The national "Healthcare assistant" profile: Diab HA2 at 1 then 2."""
    profile = PostProfileFactory(name="Healthcare assistant", organisation=None)
    PostRequirementFactory(
        profile=profile,
        competence=national_competence("Diab HA2"),
        foundation_level=1,
        full_level=2,
    )
    return profile


@pytest.fixture
def hcp_post(hcp, practice_a, practice_nurse):
    """The HCP has been a practice nurse in practice A for three years."""
    return StaffPostFactory(user=hcp, profile=practice_nurse, organisation=practice_a)

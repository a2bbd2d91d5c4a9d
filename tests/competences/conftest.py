"""Post profiles and posts shared by the competence tests."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.competences import (
    AssessmentFactory,
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.training_site import person_with_role
from training_site.models import Profession, Role


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


@dataclass(frozen=True)
class Workforce:
    """The people of the hand-built workforce, by the part each plays."""

    nurse: object
    new_nurse: object
    last_day: object
    assistant: object
    leaver: object
    starter: object
    nurse_b: object


@pytest.fixture
def workforce(
    network,
    site_a,
    site_b,
    hcp,
    second_hcp,
    hcp_b,
    practice_a,
    team_a,
    practice_b,
    practice_nurse,
    healthcare_assistant,
):
    """A small workforce whose profile is worked out by hand.

    Site A, as on today (Diab HA1 and HA6 need 3, or 2 in the first year; HA2 for a
    healthcare assistant needs 2):

    - nurse (practice A, 3 years): HA1 verified at 3 (met), HA2 awaiting (self-assessed),
      HA6 nothing (gap).
    - new_nurse (practice A, 100 days, so the foundation level 2): HA1 verified at 2 (met),
      HA2 returned (gap), HA6 verified but expired yesterday (gap).
    - last_day (practice A, post ends today): nothing anywhere (three gaps).
    - assistant (team A, healthcare assistant): HA2 verified at 2 (met).
    - leaver (practice A, post ended yesterday) and starter (team A, starts tomorrow):
      verified everywhere but not counted.

    Site B: nurse_b (practice B) verified at 3 in all three.

    So site A: HA1 need 3, met 2, gap 1 (67%); HA2 need 4, met 1, self-assessed 1, gap 2
    (25%); HA6 need 3, gap 3 (0%).
    """
    today = timezone.localdate()
    years_ago = today - timedelta(days=3 * 365)
    ha1, ha2, ha6 = (national_competence(code) for code in ("Diab HA1", "Diab HA2", "Diab HA6"))

    StaffPostFactory(user=hcp, profile=practice_nurse, organisation=practice_a)
    AssessmentFactory(hcp=hcp, competence=ha1, level=3, verified=True)
    AssessmentFactory(hcp=hcp, competence=ha2, level=3, awaiting=True)

    StaffPostFactory(
        user=second_hcp,
        profile=practice_nurse,
        organisation=practice_a,
        since=today - timedelta(days=100),
    )
    AssessmentFactory(hcp=second_hcp, competence=ha1, level=2, verified=True)
    AssessmentFactory(hcp=second_hcp, competence=ha2, level=3, returned=True)
    AssessmentFactory(
        hcp=second_hcp,
        competence=ha6,
        level=3,
        verified=True,
        expires_on=today - timedelta(days=1),
    )

    last_day = person_with_role(Role.HCP, practice_a, first_name="Lee", last_name="Lastday")
    StaffPostFactory(user=last_day, profile=practice_nurse, organisation=practice_a, until=today)

    assistant = person_with_role(
        Role.HCP,
        team_a,
        first_name="Asha",
        last_name="Assistant",
        profession=Profession.HEALTHCARE_ASSISTANT,
    )
    StaffPostFactory(user=assistant, profile=healthcare_assistant, organisation=team_a)
    AssessmentFactory(hcp=assistant, competence=ha2, level=2, verified=True)

    leaver = person_with_role(Role.HCP, practice_a, first_name="Leo", last_name="Leaver")
    StaffPostFactory(
        user=leaver,
        profile=practice_nurse,
        organisation=practice_a,
        since=years_ago,
        until=today - timedelta(days=1),
    )
    starter = person_with_role(Role.HCP, team_a, first_name="Sam", last_name="Starter")
    StaffPostFactory(
        user=starter,
        profile=healthcare_assistant,
        organisation=team_a,
        since=today + timedelta(days=1),
    )
    for person in (leaver, starter, hcp_b):
        for competence in (ha1, ha2, ha6):
            AssessmentFactory(hcp=person, competence=competence, level=3, verified=True)

    StaffPostFactory(user=hcp_b, profile=practice_nurse, organisation=practice_b)
    # Treebeard keeps siblings sorted by name, so creating Site A after Site B moves Site B's
    # path in the database; read every path back so tests hand the queries current nodes.
    for organisation in (network, site_a, site_b, practice_a, team_a, practice_b):
        organisation.refresh_from_db()
    return Workforce(hcp, second_hcp, last_day, assistant, leaver, starter, hcp_b)

"""Skills-gap queries: each need's state, group counts, the heatmap and past dates."""

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from competences import gaps
from competences.models import AssessmentAction, AssessmentStatus
from tests.factories.competences import (
    AssessmentEventFactory,
    AssessmentFactory,
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role

pytestmark = pytest.mark.django_db


def days_ago(days):
    """Return the date some days before today."""
    return timezone.localdate() - timedelta(days=days)


def at(day, hour=12, minute=0):
    """Return an aware datetime in the site's time zone on a day."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def counts(summaries):
    """Return {code: (need, met, self-assessed, gap, % met)} for summaries."""
    return {
        s.competence.code: (s.need, s.met, s.self_assessed, s.gap, s.percent_met) for s in summaries
    }


def cells(heatmap):
    """Return {(unit name, code): (need, met)} for heatmap cells."""
    return {(c.unit.name, c.competence.code): (c.need, c.met) for c in heatmap}


@pytest.fixture
def ha1():
    """The competence most tests need."""
    return national_competence("Diab HA1")


@pytest.fixture
def ha1_post(ha1):
    """A post needing Diab HA1 at level 2 in the first year and level 3 after."""
    profile = PostProfileFactory(name="Diabetes nurse")
    PostRequirementFactory(profile=profile, competence=ha1, foundation_level=2, full_level=3)
    return profile


@pytest.fixture
def person(practice_a):
    """A person in practice A whose post and assessment each test sets."""
    return person_with_role(Role.HCP, practice_a, first_name="Pat", last_name="Person")


def state_of(site_a, person, competence):
    """Return the (required level, state) of one person's need, or None when not needed."""
    return gaps.states_for_people(site_a, [person.pk], None).get((person.pk, competence.pk))


ESTABLISHED = timedelta(days=3 * 365)
FIRST_YEAR = timedelta(days=100)


@pytest.mark.parametrize(
    ("in_post", "assessment", "expected"),
    [
        (FIRST_YEAR, {"level": 2, "verified": True}, (2, gaps.MET)),
        (ESTABLISHED, {"level": 2, "verified": True}, (3, gaps.GAP)),
        (ESTABLISHED, {"level": 3, "verified": True}, (3, gaps.MET)),
        (ESTABLISHED, {"level": 4, "verified": True}, (3, gaps.MET)),
        (ESTABLISHED, {"level": 4}, (3, gaps.SELF_ASSESSED)),
        (ESTABLISHED, {"level": 4, "awaiting": True}, (3, gaps.SELF_ASSESSED)),
        (ESTABLISHED, {"level": 4, "returned": True}, (3, gaps.GAP)),
        (ESTABLISHED, {"level": 3, "verified": True, "expires_on": -1}, (3, gaps.GAP)),
        (ESTABLISHED, {"level": 3, "verified": True, "expires_on": 0}, (3, gaps.MET)),
        (ESTABLISHED, None, (3, gaps.GAP)),
        (FIRST_YEAR, None, (2, gaps.GAP)),
    ],
    ids=[
        "first-year-verified-at-foundation-level-is-met",
        "established-verified-below-full-level-is-gap",
        "verified-at-level-is-met",
        "verified-above-level-is-met",
        "self-assessed-is-shown-not-met",
        "awaiting-verification-is-shown-not-met",
        "returned-is-gap",
        "expired-yesterday-is-gap",
        "expiring-today-is-still-met",
        "no-assessment-is-gap",
        "first-year-no-assessment-is-gap",
    ],
)
def test_need_state_follows_post_profile_and_assessment(
    site_a, practice_a, person, ha1, ha1_post, in_post, assessment, expected
):
    StaffPostFactory(
        user=person,
        profile=ha1_post,
        organisation=practice_a,
        since=timezone.localdate() - in_post,
    )
    if assessment is not None:
        fields = dict(assessment)
        if "expires_on" in fields:
            fields["expires_on"] = timezone.localdate() + timedelta(days=fields["expires_on"])
        AssessmentFactory(hcp=person, competence=ha1, **fields)

    assert state_of(site_a, person, ha1) == expected
    level, state = expected
    column = {gaps.MET: 1, gaps.SELF_ASSESSED: 2, gaps.GAP: 3}[state]
    row = [1, 0, 0, 0]
    row[column] = 1
    assert counts(gaps.summary(site_a)) == {"Diab HA1": (*row, 100 if state == gaps.MET else 0)}


@pytest.mark.parametrize(
    ("since_offset", "expected_level"),
    [(relativedelta(years=1), 3), (relativedelta(years=1, days=-1), 2)],
    ids=["one-year-exactly-needs-full-level", "a-day-short-of-a-year-needs-foundation-level"],
)
def test_foundation_level_applies_only_in_the_first_year(
    site_a, practice_a, person, ha1, ha1_post, since_offset, expected_level
):
    StaffPostFactory(
        user=person,
        profile=ha1_post,
        organisation=practice_a,
        since=timezone.localdate() - since_offset,
    )
    AssessmentFactory(hcp=person, competence=ha1, level=2, verified=True)

    expected_state = gaps.MET if expected_level == 2 else gaps.GAP
    assert state_of(site_a, person, ha1) == (expected_level, expected_state)


def test_requirement_without_foundation_level_is_not_a_need_in_the_first_year(
    site_a, practice_a, person, ha1
):
    profile = PostProfileFactory(name="Later only")
    PostRequirementFactory(profile=profile, competence=ha1, foundation_level=None, full_level=3)
    StaffPostFactory(user=person, profile=profile, organisation=practice_a, since=days_ago(100))

    assert state_of(site_a, person, ha1) is None
    assert gaps.summary(site_a) == []
    assert gaps.training_needs(site_a) == []


def test_requirement_without_foundation_level_is_a_need_after_the_first_year(
    site_a, practice_a, person, ha1
):
    profile = PostProfileFactory(name="Later only")
    PostRequirementFactory(profile=profile, competence=ha1, foundation_level=None, full_level=3)
    StaffPostFactory(user=person, profile=profile, organisation=practice_a)

    assert state_of(site_a, person, ha1) == (3, gaps.GAP)
    assert counts(gaps.summary(site_a)) == {"Diab HA1": (1, 0, 0, 1, 0)}


def test_states_for_people_leave_out_people_in_another_site(site_a, workforce):
    states = gaps.states_for_people(site_a, [workforce.nurse.pk, workforce.nurse_b.pk])

    assert {user_id for user_id, _ in states} == {workforce.nurse.pk}


def test_site_summary_counts_need_met_self_assessed_and_gap(site_a, workforce):
    assert counts(gaps.summary(site_a)) == {
        "Diab HA1": (3, 2, 0, 1, 67),
        "Diab HA2": (4, 1, 1, 2, 25),
        "Diab HA6": (3, 0, 0, 3, 0),
    }


def test_unit_summary_counts_only_people_in_the_unit(practice_a, team_a, workforce):
    assert counts(gaps.summary(practice_a)) == {
        "Diab HA1": (3, 2, 0, 1, 67),
        "Diab HA2": (3, 0, 1, 2, 0),
        "Diab HA6": (3, 0, 0, 3, 0),
    }
    assert counts(gaps.summary(team_a)) == {"Diab HA2": (1, 1, 0, 0, 100)}


def test_other_site_is_counted_only_in_its_own_profile_and_the_network(site_b, network, workforce):
    assert counts(gaps.summary(site_b)) == {
        "Diab HA1": (1, 1, 0, 0, 100),
        "Diab HA2": (1, 1, 0, 0, 100),
        "Diab HA6": (1, 1, 0, 0, 100),
    }
    assert counts(gaps.summary(network)) == {
        "Diab HA1": (4, 3, 0, 1, 75),
        "Diab HA2": (5, 2, 1, 2, 40),
        "Diab HA6": (4, 1, 0, 3, 25),
    }


def test_posts_that_ended_or_have_not_started_are_not_counted(
    site_a, practice_a, team_a, practice_nurse, ha1
):
    leaver = person_with_role(Role.HCP, practice_a)
    StaffPostFactory(
        user=leaver, profile=practice_nurse, organisation=practice_a, until=days_ago(1)
    )
    starter = person_with_role(Role.HCP, team_a)
    StaffPostFactory(
        user=starter,
        profile=practice_nurse,
        organisation=team_a,
        since=timezone.localdate() + timedelta(days=1),
    )
    AssessmentFactory(hcp=leaver, competence=ha1, verified=True)

    assert gaps.summary(site_a) == []
    assert gaps.heatmap(site_a) == []
    assert gaps.training_needs(site_a) == []
    assert gaps.states_for_people(site_a, [leaver.pk, starter.pk]) == {}


def test_a_person_with_two_posts_needing_a_competence_is_counted_once(
    site_a, practice_a, team_a, person, practice_nurse, healthcare_assistant
):
    StaffPostFactory(user=person, profile=practice_nurse, organisation=practice_a)
    StaffPostFactory(user=person, profile=healthcare_assistant, organisation=team_a)
    AssessmentFactory(
        hcp=person, competence=national_competence("Diab HA2"), level=3, verified=True
    )

    summary = counts(gaps.summary(site_a))

    assert summary["Diab HA2"] == (1, 1, 0, 0, 100)


def test_heatmap_groups_by_the_units_directly_below(site_a, network, workforce):
    assert cells(gaps.heatmap(site_a)) == {
        ("Practice A", "Diab HA1"): (3, 2),
        ("Practice A", "Diab HA2"): (3, 0),
        ("Practice A", "Diab HA6"): (3, 0),
        ("Team A", "Diab HA2"): (1, 1),
    }
    assert cells(gaps.heatmap(network)) == {
        ("Site A", "Diab HA1"): (3, 2),
        ("Site A", "Diab HA2"): (4, 1),
        ("Site A", "Diab HA6"): (3, 0),
        ("Site B", "Diab HA1"): (1, 1),
        ("Site B", "Diab HA2"): (1, 1),
        ("Site B", "Diab HA6"): (1, 1),
    }


def test_heatmap_percentages_are_the_share_met(site_a, workforce):
    percentages = {(c.unit.name, c.competence.code): c.percent_met for c in gaps.heatmap(site_a)}

    assert percentages[("Practice A", "Diab HA1")] == 67
    assert percentages[("Team A", "Diab HA2")] == 100


def test_training_needs_rank_competences_by_people_with_a_gap(site_a, workforce):
    needs = [
        (n.competence.code, n.people_with_gap, n.people_self_assessed, n.need)
        for n in gaps.training_needs(site_a)
    ]

    assert needs == [("Diab HA6", 3, 0, 3), ("Diab HA2", 2, 1, 4), ("Diab HA1", 1, 0, 3)]


def record(assessment, when, to_status, action, **fields):
    """Append a step to an assessment's history at a given moment."""
    return AssessmentEventFactory(
        assessment=assessment, at=when, to_status=to_status, action=action, **fields
    )


@pytest.fixture
def verified_ten_days_ago(hcp, practice_a, practice_nurse, ha1, trainer):
    """The HCP self-assessed 60 days ago, asked 40 days ago, and was verified 10 days ago."""
    StaffPostFactory(user=hcp, profile=practice_nurse, organisation=practice_a)
    expires = timezone.localdate() + timedelta(days=365)
    assessment = AssessmentFactory(
        hcp=hcp,
        competence=ha1,
        level=3,
        verified=True,
        assessor=trainer,
        verified_on=days_ago(10),
        expires_on=expires,
    )
    record(assessment, at(days_ago(60)), AssessmentStatus.SELF_ASSESSED, "self_assessed")
    record(assessment, at(days_ago(40)), AssessmentStatus.AWAITING, AssessmentAction.REQUESTED)
    record(
        assessment,
        at(days_ago(10)),
        AssessmentStatus.VERIFIED,
        AssessmentAction.VERIFIED,
        actor=trainer,
        verified_level=3,
        expires_on=expires,
    )
    return assessment


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (90, (1, 0, 0, 1, 0)),
        (50, (1, 0, 1, 0, 0)),
        (20, (1, 0, 1, 0, 0)),
        (5, (1, 1, 0, 0, 100)),
        (0, (1, 1, 0, 0, 100)),
    ],
    ids=[
        "before-any-assessment-gap",
        "self-assessed",
        "awaiting-verification",
        "after-verification-met",
        "today-met",
    ],
)
def test_summary_on_a_past_date_reads_the_history(site_a, verified_ten_days_ago, days, expected):
    summary = counts(gaps.summary(site_a, on=days_ago(days)))

    assert summary["Diab HA1"] == expected


def test_verification_that_has_expired_since_was_met_on_a_past_date(
    site_a, hcp, practice_a, practice_nurse, ha1, trainer
):
    StaffPostFactory(user=hcp, profile=practice_nurse, organisation=practice_a)
    lapsed = days_ago(30)
    assessment = AssessmentFactory(
        hcp=hcp, competence=ha1, level=3, verified=True, assessor=trainer, expires_on=lapsed
    )
    record(
        assessment,
        at(days_ago(400)),
        AssessmentStatus.VERIFIED,
        AssessmentAction.VERIFIED,
        actor=trainer,
        verified_level=3,
        expires_on=lapsed,
    )

    assert counts(gaps.summary(site_a, on=days_ago(60)))["Diab HA1"] == (1, 1, 0, 0, 100)
    assert counts(gaps.summary(site_a, on=days_ago(30)))["Diab HA1"] == (1, 1, 0, 0, 100)
    assert counts(gaps.summary(site_a, on=days_ago(29)))["Diab HA1"] == (1, 0, 0, 1, 0)
    assert counts(gaps.summary(site_a))["Diab HA1"] == (1, 0, 0, 1, 0)


def test_verification_returned_since_was_met_on_a_past_date(
    site_a, hcp, practice_a, practice_nurse, ha1, trainer
):
    StaffPostFactory(user=hcp, profile=practice_nurse, organisation=practice_a)
    assessment = AssessmentFactory(
        hcp=hcp, competence=ha1, level=3, returned=True, assessor=trainer
    )
    expires = timezone.localdate() + timedelta(days=300)
    record(
        assessment,
        at(days_ago(100)),
        AssessmentStatus.VERIFIED,
        AssessmentAction.VERIFIED,
        actor=trainer,
        verified_level=3,
        expires_on=expires,
    )
    record(
        assessment,
        at(days_ago(20)),
        AssessmentStatus.RETURNED,
        AssessmentAction.RETURNED,
        actor=trainer,
    )

    assert counts(gaps.summary(site_a, on=days_ago(50)))["Diab HA1"] == (1, 1, 0, 0, 100)
    assert counts(gaps.summary(site_a))["Diab HA1"] == (1, 0, 0, 1, 0)


def test_past_date_uses_the_posts_and_outline_held_then(
    site_a, hcp, practice_a, practice_nurse, ha1, trainer
):
    StaffPostFactory(user=hcp, profile=practice_nurse, organisation=practice_a, since=days_ago(400))
    assessment = AssessmentFactory(hcp=hcp, competence=ha1, level=2, verified=True)
    record(
        assessment,
        at(days_ago(390)),
        AssessmentStatus.VERIFIED,
        AssessmentAction.VERIFIED,
        actor=trainer,
        verified_level=2,
        expires_on=timezone.localdate() + timedelta(days=300),
    )

    assert gaps.summary(site_a, on=days_ago(401)) == []
    assert counts(gaps.summary(site_a, on=days_ago(100)))["Diab HA1"] == (1, 1, 0, 0, 100)
    assert counts(gaps.summary(site_a))["Diab HA1"] == (1, 0, 0, 1, 0)


def test_verification_just_after_midnight_counts_from_the_next_day_in_summer_time(
    site_a, hcp, practice_a, practice_nurse, ha1, trainer
):
    """The day ends at local midnight, also when British Summer Time is an hour ahead of UTC."""
    day = date(2024, 7, 1)
    StaffPostFactory(
        user=hcp, profile=practice_nurse, organisation=practice_a, since=date(2020, 1, 1)
    )
    before, after = (
        AssessmentFactory(hcp=hcp, competence=ha1, level=3, verified=True),
        AssessmentFactory(
            hcp=hcp, competence=national_competence("Diab HA2"), level=3, verified=True
        ),
    )
    for assessment, moment in ((before, at(day, 23, 30)), (after, at(day + timedelta(1), 0, 30))):
        record(
            assessment,
            moment,
            AssessmentStatus.VERIFIED,
            AssessmentAction.VERIFIED,
            actor=trainer,
            verified_level=3,
            expires_on=date(2027, 1, 1),
        )

    summary = counts(gaps.summary(site_a, on=day))

    assert summary["Diab HA1"] == (1, 1, 0, 0, 100)
    assert summary["Diab HA2"] == (1, 0, 0, 1, 0)
    assert counts(gaps.summary(site_a, on=day + timedelta(1)))["Diab HA2"] == (1, 1, 0, 0, 100)


def test_heatmap_on_a_past_date_reads_the_history(site_a, verified_ten_days_ago):
    assert cells(gaps.heatmap(site_a, on=days_ago(20)))[("Practice A", "Diab HA1")] == (1, 0)
    assert cells(gaps.heatmap(site_a, on=days_ago(5)))[("Practice A", "Diab HA1")] == (1, 1)

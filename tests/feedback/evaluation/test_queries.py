"""Workshop evaluation reads: relevant questions, when each stage is open, the paired change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.evaluation import queries, reports
from feedback.evaluation.services import evaluation_submit
from tests.factories.evaluation import (
    BEHAVIOUR,
    IMPROVE,
    MOST_USEFUL,
    RESULTS,
    SKILL,
    after_version,
    before_version,
    booking,
    targeting_workshop,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(db):
    """The published before and after questionnaires."""
    return {queries.BEFORE: before_version(), queries.AFTER: after_version()}


def prompts(items):
    return [item.prompt for item in items]


def test_relevant_items_are_skills_and_targeted_competences(versions, site_a):
    workshop = targeting_workshop(site_a, competences=["Diab HA1"])

    before = queries.relevant_items(versions["before"], workshop, "before")
    after = queries.relevant_items(versions["after"], workshop, "after")

    assert prompts(before) == [SKILL, RESULTS]
    assert prompts(after) == [SKILL, RESULTS, MOST_USEFUL, IMPROVE]


def test_a_workshop_targeting_nothing_asks_only_the_general_skills(versions, site_a):
    workshop = targeting_workshop(site_a, competences=[])

    assert prompts(queries.relevant_items(versions["before"], workshop, "before")) == [SKILL]


def test_a_workshop_targeting_both_asks_both(versions, site_a):
    workshop = targeting_workshop(site_a, competences=["Diab HA1", "Diab HA6"])

    before = queries.relevant_items(versions["before"], workshop, "before")
    assert prompts(before) == [SKILL, RESULTS, BEHAVIOUR]


def test_before_is_open_once_booked_until_the_start(site_a, hcp):
    starts = timezone.now() + timedelta(days=3)
    place = booking(targeting_workshop(site_a, starts_at=starts), hcp)

    assert queries.stage_is_open("before", place, starts - timedelta(minutes=1))
    assert not queries.stage_is_open("before", place, starts)
    assert not queries.stage_is_open("after", place, starts + timedelta(hours=1))
    assert queries.stage_is_open("after", place, place.workshop.ends_at)


def test_after_is_open_once_attended(site_a, hcp):
    starts = timezone.now() - timedelta(hours=1)
    place = booking(targeting_workshop(site_a, starts_at=starts), hcp, BookingStatus.ATTENDED)

    assert queries.stage_is_open("after", place, starts + timedelta(minutes=30))


@pytest.mark.parametrize(
    "status", [BookingStatus.INVITED, BookingStatus.WAITING, BookingStatus.CANCELLED]
)
def test_no_stage_opens_without_a_place(site_a, hcp, status):
    place = booking(targeting_workshop(site_a), hcp, status)
    later = place.workshop.ends_at + timedelta(days=1)

    assert not queries.stage_is_open("before", place, place.workshop.starts_at - timedelta(1))
    assert not queries.stage_is_open("after", place, later)


def test_paired_change_counts_only_those_who_answered_both():
    rows = [
        (1, "before", "conf", "Confidence?", 2),
        (2, "before", "conf", "Confidence?", 4),
        (3, "before", "conf", "Confidence?", 6),
        (1, "after", "conf", "Confidence?", 5),
        (2, "after", "conf", "Confidence?", 5),
        (3, "after", "conf", "Confidence?", 9),
        (4, "after", "conf", "Confidence?", 10),
    ]

    [change] = reports.item_changes(rows, threshold=3)

    # Paired: (5-2) + (5-4) + (9-6) = 7 over 3 people; means over everyone who answered.
    assert (change.paired, change.change) == (3, 2.33)
    assert (change.before_count, change.before_mean) == (3, 4.0)
    assert (change.after_count, change.after_mean) == (4, 7.25)
    assert not change.suppressed


def test_paired_change_is_hidden_below_the_threshold():
    rows = [(1, "before", "conf", "Confidence?", 2), (1, "after", "conf", "Confidence?", 8)]

    [change] = reports.item_changes(rows, threshold=2)

    assert change.suppressed
    assert (change.paired, change.before_mean, change.after_mean, change.change) == (
        1,
        None,
        None,
        None,
    )


def answer(place, stage, versions, values, now):
    """Submit one stage through the service, values keyed by item code."""
    version = versions[stage]
    by_code = {item.code: item.pk for item in version.items.all()}
    evaluation_submit(
        booking=place,
        stage=stage,
        version=version,
        values={by_code[code]: value for code, value in values.items()},
        now=now,
    )


def test_workshop_evaluation_counts_rates_and_keeps_comments_nameless(
    versions, site_a, hcp, second_hcp, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 2
    starts = timezone.now() - timedelta(days=2)
    workshop = targeting_workshop(site_a, starts_at=starts)
    first = booking(workshop, hcp, BookingStatus.ATTENDED)
    second = booking(workshop, second_hcp, BookingStatus.ATTENDED)
    third = booking(workshop, person_with_role(Role.HCP, site_a), BookingStatus.ATTENDED)
    before_at, after_at = starts - timedelta(days=1), workshop.ends_at + timedelta(hours=1)
    answer(first, "before", versions, {"conf_agenda": (3, "", False)}, before_at)
    answer(second, "before", versions, {"conf_agenda": (6, "", False)}, before_at)
    answer(third, "before", versions, {"conf_agenda": (9, "", False)}, before_at)
    answer(
        first,
        "after",
        versions,
        {"conf_agenda": (7, "", False), "most_useful": (None, "The role play", False)},
        after_at,
    )
    answer(second, "after", versions, {"conf_agenda": (6, "", False)}, after_at)

    evaluation = reports.workshop_evaluation(workshop)

    assert (evaluation.expected, evaluation.before, evaluation.after, evaluation.paired) == (
        3,
        3,
        2,
        2,
    )
    [agenda] = evaluation.items
    assert (agenda.before_mean, agenda.after_mean, agenda.change, agenda.paired) == (
        6.0,
        6.5,
        2.0,
        2,
    )
    assert evaluation.comments == {MOST_USEFUL: ["The role play"]}


def test_outstanding_counts_attendees_without_an_after_answer(
    versions, site_a, trainer, hcp, second_hcp
):
    ended = timezone.now() - timedelta(days=2)
    workshop = targeting_workshop(site_a, starts_at=ended, trainers=[trainer])
    answered = booking(workshop, hcp, BookingStatus.ATTENDED)
    booking(workshop, second_hcp, BookingStatus.ATTENDED)
    booking(workshop, person_with_role(Role.HCP, site_a), BookingStatus.DID_NOT_ATTEND)
    answer(answered, "after", versions, {"conf_agenda": (7, "", False)}, timezone.now())

    [row] = queries.outstanding_evaluations(trainer)

    assert (row.workshop, row.answered, row.expected, row.outstanding) == (workshop, 1, 2, 1)
    assert queries.response_rate(workshop) == ("after", 1, 2)


def test_a_workshop_everyone_answered_is_not_outstanding(versions, site_a, trainer, hcp):
    ended = timezone.now() - timedelta(days=2)
    workshop = targeting_workshop(site_a, starts_at=ended, trainers=[trainer])
    place = booking(workshop, hcp, BookingStatus.ATTENDED)
    answer(place, "after", versions, {"conf_agenda": (7, "", False)}, timezone.now())

    assert queries.outstanding_evaluations(trainer) == []


def test_hcp_evaluations_say_what_is_to_do(versions, site_a, hcp):
    soon = targeting_workshop(site_a, starts_at=timezone.now() + timedelta(days=5), title="Soon")
    past = targeting_workshop(site_a, starts_at=timezone.now() - timedelta(days=5), title="Past")
    booking(soon, hcp)
    booking(past, hcp, BookingStatus.ATTENDED)

    to_do = {e.workshop.title: e.to_do for e in queries.evaluations_to_complete(hcp)}

    assert to_do == {"Soon": ("before",), "Past": ("after",)}


def test_after_closes_ninety_days_after_the_end(site_a, hcp):
    starts = timezone.now() - timedelta(days=100)
    place = booking(targeting_workshop(site_a, starts_at=starts), hcp, BookingStatus.ATTENDED)
    ends = place.workshop.ends_at

    assert queries.stage_is_open("after", place, ends + timedelta(days=89))
    assert not queries.stage_is_open("after", place, ends + timedelta(days=90))
    assert queries.evaluations_to_complete(hcp) == []


def test_response_rate_counts_before_until_the_workshop_ends(versions, site_a, hcp, second_hcp):
    upcoming = targeting_workshop(site_a, starts_at=timezone.now() + timedelta(days=2))
    place = booking(upcoming, hcp)
    booking(upcoming, second_hcp)
    booking(upcoming, person_with_role(Role.HCP, site_a), BookingStatus.WAITING)
    answer(place, "before", versions, {"conf_agenda": (4, "", False)}, timezone.now())

    assert queries.response_rate(upcoming) == ("before", 1, 2)

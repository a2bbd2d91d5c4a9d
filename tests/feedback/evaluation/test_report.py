"""Change in confidence per programme and per site: paired in SQL, scoped, small groups hidden."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.evaluation import reports
from feedback.evaluation.services import evaluation_submit
from feedback.models import InstrumentVersion
from tests.factories.evaluation import (
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


@pytest.fixture(autouse=True)
def versions(db, settings):
    """The published questionnaires; groups of two or more are shown."""
    settings.SMALL_NUMBER_THRESHOLD = 2
    return before_version(), after_version()


def submit(place, stage, value):
    version = InstrumentVersion.objects.get(instrument__purpose=f"workshop_{stage}")
    item = version.items.get(code="conf_agenda")
    when = place.workshop.starts_at - timedelta(hours=1) if stage == "before" else None
    evaluation_submit(
        booking=place, stage=stage, version=version, values={item.pk: (value, "", False)}, now=when
    )


def attendee(workshop, organisation, before, after):
    """An attendee answering before and/or after with the given confidence."""
    place = booking(workshop, person_with_role(Role.HCP, organisation), BookingStatus.ATTENDED)
    if before is not None:
        submit(place, "before", before)
    if after is not None:
        submit(place, "after", after)


def past_workshop(site, **fields):
    return targeting_workshop(site, starts_at=timezone.now() - timedelta(days=3), **fields)


def test_change_per_site_pairs_each_persons_answers(site_a, site_b, admin):
    first, second = past_workshop(site_a), past_workshop(site_a)
    attendee(first, site_a, 2, 6)
    attendee(second, site_a, 5, 6)
    attendee(second, site_a, None, 10)
    attendee(past_workshop(site_b), site_b, 3, 4)

    report = reports.change_report(admin)

    site_a_row, site_b_row = report.by_site
    # Site A pairs: (6-2) and (6-5); the after-only 10 is not paired.
    assert (site_a_row.group, site_a_row.prompt, site_a_row.paired) == ("Site A", SKILL, 2)
    assert (site_a_row.before_mean, site_a_row.after_mean, site_a_row.change) == (3.5, 6.0, 2.5)
    assert (site_b_row.group, site_b_row.paired, site_b_row.suppressed) == ("Site B", 1, True)
    assert site_b_row.change is None
    [programme] = report.by_programme
    assert (programme.paired, programme.change) == (3, 2.0)


def test_a_manager_sees_only_its_sites(site_a, site_b, manager, other_manager):
    attendee(past_workshop(site_a), site_a, 2, 6)
    attendee(past_workshop(site_b), site_b, 3, 4)

    assert [row.group for row in reports.change_report(manager).by_site] == ["Site A"]
    assert [row.group for row in reports.change_report(other_manager).by_site] == ["Site B"]


def test_a_trainer_sees_only_the_workshops_it_runs(site_a, trainer):
    attendee(past_workshop(site_a, trainers=[trainer]), site_a, 2, 6)
    attendee(past_workshop(site_a), site_a, 2, 6)

    [row] = reports.change_report(trainer).by_site
    assert row.paired == 1


def test_report_page_shows_numbers_and_hides_small_groups(client, site_a, site_b, admin):
    for _ in range(2):
        attendee(past_workshop(site_a), site_a, 2, 6)
    attendee(past_workshop(site_b), site_b, 3, 4)
    client.force_login(admin)

    text = client.get(reverse("feedback:evaluation-report")).content.decode()

    assert "+4.0" in text
    assert "Fewer than 2 people" in text


@pytest.mark.parametrize("who", ["hcp", "representative", "outsider"])
def test_others_get_404_for_the_report(client, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse("feedback:evaluation-report")).status_code == 404


def test_report_query_count_does_not_grow(client, site_a, admin, django_assert_max_num_queries):
    client.force_login(admin)
    for count in (1, 8):
        for _ in range(count):
            attendee(past_workshop(site_a), site_a, 2, 6)
        client.get(reverse("feedback:evaluation-report"))  # Refill the cached header links.
        with django_assert_max_num_queries(8):
            assert client.get(reverse("feedback:evaluation-report")).status_code == 200


def test_workshop_page_query_count_does_not_grow(
    client, site_a, trainer, django_assert_max_num_queries
):
    workshop = past_workshop(site_a, trainers=[trainer])
    client.force_login(trainer)
    for count in (1, 8):
        for _ in range(count):
            attendee(workshop, site_a, 2, 6)
        url = reverse("feedback:evaluation-workshop", args=[workshop.pk])
        client.get(url)  # Refill the cached header links that new pages cleared.
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200

"""The QA report: scoped to managed organisations, aggregated in SQL, small numbers hidden."""

import datetime

import pytest
from django.urls import reverse

from quality.models import QAObservationStatus
from tests.factories.quality import (
    MeasureResultFactory,
    QAObservationFactory,
    indicator_with_measures,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role

pytestmark = pytest.mark.django_db
REPORT = reverse("quality:report")


def observations(count, organisation, measure, observer, result="in_place", status="agreed"):
    """Create observations in an organisation, each finding the measure as given."""
    for number in range(count):
        hcp = person_with_role(Role.HCP, organisation)
        observation = QAObservationFactory(
            observed=hcp,
            observer=observer,
            organisation=organisation,
            status=status,
            observed_on=datetime.date(2026, 1, 1 + number % 28),
        )
        MeasureResultFactory(observation=observation, measure=measure, result=result)


@pytest.fixture
def measure(db):
    """The first measure of an indicator."""
    return indicator_with_measures("Care planning follows the process", count=1).measures.get()


def test_hcp_trainer_and_outsider_get_404(client, hcp, trainer, outsider):
    for person in (hcp, trainer, outsider):
        client.force_login(person)
        assert client.get(REPORT).status_code == 404
        assert client.get(reverse("quality:report-chart")).status_code == 404


def test_report_counts_findings_in_the_managers_organisations_only(
    client, manager, trainer, practice_a, practice_b, measure
):
    observations(4, practice_a, measure, trainer, "in_place")
    observations(2, practice_a, measure, trainer, "not_in_place")
    observations(3, practice_b, measure, trainer, "partly")
    observations(2, practice_a, measure, trainer, "partly", status=QAObservationStatus.PREPARED)
    client.force_login(manager)
    report = client.get(REPORT).context["report"]
    row = report.by_measure[0]
    assert (row.observations, row.in_place, row.partly, row.not_in_place) == (6, 4, 0, 2)
    assert report.observation_count == 6
    assert [r.setting for r in report.by_setting] == ["Practice A"]


def test_small_groups_show_their_size_but_not_their_breakdown(
    client, manager, trainer, practice_a, team_a, measure, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 5
    observations(5, practice_a, measure, trainer, "in_place")
    observations(2, team_a, measure, trainer, "not_in_place")
    client.force_login(manager)
    page = client.get(REPORT)
    report = page.context["report"]
    assert not report.by_measure[0].suppressed
    by_setting = {r.setting: r for r in report.by_setting}
    assert by_setting["Practice A"].in_place == 5
    assert by_setting["Team A"].suppressed and by_setting["Team A"].observations == 2
    assert "Too few observations to show" in page.content.decode()


def test_report_chart_is_svg_without_suppressed_rows(client, manager, trainer, practice_a, measure):
    observations(5, practice_a, measure, trainer, "partly")
    client.force_login(manager)
    response = client.get(reverse("quality:report-chart"))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_chart_with_only_small_groups_is_404(client, manager, trainer, practice_a, measure):
    observations(1, practice_a, measure, trainer)
    client.force_login(manager)
    assert client.get(reverse("quality:report-chart")).status_code == 404


def test_report_query_count_does_not_grow_with_data(
    client, manager, trainer, practice_a, team_a, measure, django_assert_max_num_queries
):
    client.force_login(manager)
    observations(5, practice_a, measure, trainer)
    with django_assert_max_num_queries(12) as small:
        client.get(REPORT)
    other = indicator_with_measures("Care planning happens", count=3)
    for extra in other.measures.all():
        observations(6, team_a, extra, trainer, "partly")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(REPORT)


def test_list_query_count_does_not_grow_with_data(
    client, manager, trainer, practice_a, measure, django_assert_max_num_queries
):
    client.force_login(manager)
    observations(3, practice_a, measure, trainer)
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("quality:list"))
    observations(30, practice_a, measure, trainer)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("quality:list"))
    assert page.context["page"].paginator.count == 33

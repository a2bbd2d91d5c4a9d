"""QA tables: observations, agreed actions and the report, sorted by column and paged."""

import datetime

import pytest
from django.urls import reverse

from quality.models import QAAction
from tests.factories.quality import (
    MeasureResultFactory,
    QAObservationFactory,
    indicator_with_measures,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role

pytestmark = pytest.mark.django_db
LIST = reverse("quality:list")


def seen_order(page, *texts):
    """Return the texts in the order they appear on the page."""
    return sorted(texts, key=page.content.decode().index)


def observe(person, observer, organisation, day=1, result=None, measure=None):
    """Create an agreed observation of a person, finding the measure as given."""
    observation = QAObservationFactory(
        observed=person,
        observer=observer,
        organisation=organisation,
        status="agreed",
        observed_on=datetime.date(2026, 1, day),
    )
    if measure:
        MeasureResultFactory(observation=observation, measure=measure, result=result)
    return observation


def test_observations_sort_by_person_observed(client, trainer, practice_a):
    observe(
        person_with_role(Role.HCP, practice_a, first_name="Ann", last_name="Zed"),
        trainer,
        practice_a,
        day=2,
    )
    observe(
        person_with_role(Role.HCP, practice_a, first_name="Bea", last_name="Abel"),
        trainer,
        practice_a,
        day=1,
    )
    client.force_login(trainer)
    names = ("Ann Zed</td>", "Bea Abel</td>")
    assert seen_order(client.get(LIST), *names) == ["Ann Zed</td>", "Bea Abel</td>"]
    assert seen_order(client.get(LIST + "?sort=observed"), *names) == [
        "Bea Abel</td>",
        "Ann Zed</td>",
    ]
    assert seen_order(client.get(LIST + "?sort=observed_on"), *names) == [
        "Bea Abel</td>",
        "Ann Zed</td>",
    ]


def test_observations_show_50_a_page(client, trainer, practice_a):
    for day in range(51):
        observe(person_with_role(Role.HCP, practice_a), trainer, practice_a, day=1 + day % 28)
    client.force_login(trainer)
    first = client.get(LIST)
    assert first.content.decode().count(": observation of ") == 50
    assert first.context["page"].paginator.count == 51
    assert client.get(LIST + "?page=2").content.decode().count(": observation of ") == 1


def test_actions_keep_their_order_and_sort_by_date(client, hcp, discussed):
    QAAction.objects.create(
        observation=discussed,
        what="Share the plan",
        who="Hana",
        due_on=datetime.date(2026, 4, 1),
        sort_order=5,
    )
    client.force_login(hcp)
    url = reverse("quality:detail", args=[discussed.pk])
    actions = ("Action 0", "Share the plan")
    assert seen_order(client.get(url), *actions) == ["Action 0", "Share the plan"]
    assert seen_order(client.get(url + "?sort=due_on"), *actions) == [
        "Share the plan",
        "Action 0",
    ]


def test_report_sorts_each_table_on_its_own(client, manager, trainer, practice_a, team_a):
    measure = indicator_with_measures("Sharing results", count=1).measures.get()
    for day in range(5):
        observe(
            person_with_role(Role.HCP, practice_a),
            trainer,
            practice_a,
            day + 1,
            "in_place",
            measure,
        )
    for day in range(6):
        observe(person_with_role(Role.HCP, team_a), trainer, team_a, day + 1, "partly", measure)
    client.force_login(manager)
    url = reverse("quality:report")
    practice, team = 'cell">Practice A<', 'cell">Team A<'
    assert seen_order(client.get(url), practice, team) == [practice, team]
    most = client.get(url + "?setting-sort=-observations")
    assert seen_order(most, practice, team) == [team, practice]
    assert "setting-sort=-observations&amp;measure-sort=measure" in most.content.decode()

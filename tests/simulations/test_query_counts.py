"""The library, the rota and the lists read in a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.factories.simulations import ScenarioFactory, book, care_plan, session
from tests.factories.training_site import person_with_role
from training_site.models import Role


def grow(day, practice_a, representative, count):
    """Add HCPs and sessions (half with care plans), each with an observer."""
    people = [
        person_with_role(Role.HCP, practice_a, email=f"grow{day.pk}.{n}@example.org")
        for n in range(count * 2)
    ]
    book(day, *people)
    for number in range(count):
        played = session(
            day,
            people[number],
            representative=representative,
            scenario=ScenarioFactory(),
            starts_at=None,
            observers=[people[count + number]],
        )
        if number % 2:
            care_plan(played, actions=2)
    return people


def count_queries(client, django_assert_max_num_queries, path, budget):
    """Load a page within a query budget."""
    with django_assert_max_num_queries(budget):
        response = client.get(path)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [2, 20])
def test_rota_queries_do_not_grow(
    client, django_assert_max_num_queries, day, trainer, practice_a, representative, size
):
    grow(day, practice_a, representative, size)
    client.force_login(trainer)
    response = count_queries(
        client, django_assert_max_num_queries, reverse("simulations:rota", args=[day.pk]), 14
    )
    assert response.text.count("Change<span") == size


@pytest.mark.parametrize("size", [2, 20])
def test_library_queries_do_not_grow(client, django_assert_max_num_queries, trainer, size):
    ScenarioFactory.create_batch(size)
    client.force_login(trainer)
    count_queries(client, django_assert_max_num_queries, reverse("simulations:scenario-list"), 12)


@pytest.mark.parametrize("size", [2, 20])
def test_representative_list_queries_do_not_grow(
    client, django_assert_max_num_queries, day, practice_a, representative, size
):
    grow(day, practice_a, representative, size)
    client.force_login(representative)
    response = count_queries(
        client,
        django_assert_max_num_queries,
        reverse("simulations:representative-sessions"),
        12,
    )
    assert response.text.count("Your role card") == size


@pytest.mark.parametrize("size", [2, 20])
def test_my_consultations_queries_do_not_grow(
    client, django_assert_max_num_queries, day, hcp, practice_a, representative, size
):
    people = grow(day, practice_a, representative, size)
    for played in day.simulation_sessions.all()[:size]:
        played.observers.add(hcp)
    client.force_login(hcp)
    response = count_queries(client, django_assert_max_num_queries, reverse("simulations:mine"), 12)
    assert response.text.count("Observing") == size
    assert people

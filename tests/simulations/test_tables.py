"""My simulated consultations: sorted by the column a person chooses, a page at a time."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories.simulations import book, care_plan, session, slot, workshop

pytestmark = pytest.mark.django_db
MINE = reverse("simulations:mine")


def seen_order(page, *texts):
    """Return the texts in the order they appear on the page."""
    return sorted(texts, key=page.text.index)


def test_consultations_sort_by_workshop_and_care_plan(client, site_a, trainer, hcp):
    later = workshop(site_a, trainers=[trainer], title="Autumn workshop")
    sooner = workshop(
        site_a,
        trainers=[trainer],
        title="Winter workshop",
        day=later.starts_at.date() - timedelta(days=3),
    )
    book(later, hcp)
    book(sooner, hcp)
    care_plan(session(sooner, hcp))
    session(later, hcp)
    client.force_login(hcp)
    titles = ("Autumn workshop", "Winter workshop")
    assert seen_order(client.get(MINE), *titles) == ["Autumn workshop", "Winter workshop"]
    by_title = client.get(MINE + "?sort=-workshop")
    assert seen_order(by_title, *titles) == ["Winter workshop", "Autumn workshop"]
    recorded_first = client.get(MINE + "?sort=-has_care_plan")
    assert seen_order(recorded_first, "Recorded", "Record it") == ["Recorded", "Record it"]
    recorded_last = client.get(MINE + "?sort=has_care_plan")
    assert seen_order(recorded_last, "Recorded", "Record it") == ["Record it", "Recorded"]


def test_consultations_show_25_a_page(client, day, hcp):
    for minute in range(26):
        session(day, hcp, starts_at=slot(day, 10, minute))
    client.force_login(hcp)
    first = client.get(MINE)
    assert first.text.count("Consulting with") == 25
    assert "Page 2 of 2" in first.text
    assert client.get(MINE + "?page=2").text.count("Consulting with") == 1


def test_consultations_of_others_are_not_listed(client, day, hcp, hcp_b):
    session(day, hcp)
    client.force_login(hcp_b)
    assert "Consulting with" not in client.get(MINE).text

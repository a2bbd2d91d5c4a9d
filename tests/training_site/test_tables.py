"""The organisations a manager sees, sorted and paginated as a table."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db

CAPTION = "Organisations you manage, with the people who hold a role in each"


def names(response):
    """Return the organisations' names in the order shown."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("caption", string=CAPTION).find_parent("table")
    return [tr.td.get_text(strip=True) for tr in table.tbody.find_all("tr")]


def test_organisations_sort_by_name(client, manager, site_a, practice_a, team_a):
    client.force_login(manager)
    url = reverse("organisation-list")

    assert names(client.get(url, {"sort": "name"})) == ["Practice A", "Site A", "Team A"]
    assert names(client.get(url, {"sort": "-name"})) == ["Team A", "Site A", "Practice A"]


def test_organisations_paginate(client, manager, site_a, practice_a, team_a, monkeypatch):
    monkeypatch.setattr("training_site.views.ORGANISATIONS_PER_PAGE", 2)
    client.force_login(manager)
    url = reverse("organisation-list")

    first = client.get(url, {"sort": "name"})

    assert names(first) == ["Practice A", "Site A"]
    assert names(client.get(url, {"sort": "name", "page": 2})) == ["Team A"]
    assert "Page 2 of 2" in first.content.decode()

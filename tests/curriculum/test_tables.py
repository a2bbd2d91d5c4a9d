"""The comparison and the changes waiting for approval, sorted and paginated as tables."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories.curriculum import module_page

pytestmark = pytest.mark.django_db


def text(element):
    """Return an element's text with white space collapsed."""
    return " ".join(element.get_text(" ").split())


def rows_of(response, caption):
    """Return the first cell's text of each row of the table with this caption."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("caption", string=caption).find_parent("table")
    return [text(tr.find(["th", "td"])) for tr in table.tbody.find_all("tr")]


def get_as(client, user, url, **params):
    """Fetch a page signed in as a person."""
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200
    return response


COMPONENTS = "Which programmes cover each essential component"
COMPETENCES = "Which programmes develop each competence"


def test_comparison_sorts_components_without_reordering_competences(client, demo, hcp):
    url = reverse("curriculum:compare")
    shown = get_as(client, hcp, url)
    reversed_components = get_as(client, hcp, url, **{"component-sort": "-item"})

    names = rows_of(shown, COMPONENTS)
    assert rows_of(reversed_components, COMPONENTS) == sorted(names, reverse=True)
    assert rows_of(reversed_components, COMPETENCES) == rows_of(shown, COMPETENCES)


def test_comparison_sorts_competences_by_code(client, demo, hcp):
    url = reverse("curriculum:compare")

    descending = rows_of(get_as(client, hcp, url, **{"competence-sort": "-item"}), COMPETENCES)

    codes = [" ".join(row.split()[:2]) for row in descending]
    assert codes == sorted(codes, reverse=True)


@pytest.fixture
def drafts(demo, trainer):
    """Three modules never approved, waiting in the unified programme."""
    return [
        module_page(demo.unified, title, live=False, user=trainer)
        for title in ("Care planning with interpreters", "Asking about carers", "Before the visit")
    ]


def test_changes_sort_by_page_title(client, trainer, drafts):
    url = reverse("curriculum:changes")

    ascending = rows_of(get_as(client, trainer, url, sort="page"), "Pages with unpublished changes")
    descending = rows_of(
        get_as(client, trainer, url, sort="-page"), "Pages with unpublished changes"
    )

    titles = sorted(page.title for page in drafts)
    assert ascending == titles
    assert descending == titles[::-1]


def test_changes_paginate(client, trainer, drafts, monkeypatch):
    monkeypatch.setattr("curriculum.views.CHANGES_PER_PAGE", 2)
    url = reverse("curriculum:changes")

    first = get_as(client, trainer, url, sort="page")
    second = get_as(client, trainer, url, sort="page", page=2)

    assert rows_of(first, "Pages with unpublished changes") == [
        "Asking about carers",
        "Before the visit",
    ]
    assert rows_of(second, "Pages with unpublished changes") == ["Care planning with interpreters"]
    assert "Page 2 of 2" in text(
        BeautifulSoup(first.content, "html.parser").select_one("nav.nhsuk-pagination")
    )

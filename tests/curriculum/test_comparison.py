"""The programme comparison: the demo programmes side by side, and what it costs."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from wagtail import hooks

from tests.factories.competences import national_competence
from tests.factories.curriculum import component, curriculum_index, module_page

pytestmark = pytest.mark.django_db

COMPARE = reverse("curriculum:compare")
PHILOSOPHY = "The care planning philosophy and consultation skills"
QUALITY = "Quality assurance"
ENGAGING = "Engaging clinicians to attend"
# Every site's demo programme has the model, stories and goals modules; results, recording,
# processes, quality and follow-up are spread so that only two components are not shared.
COMMON = [
    PHILOSOPHY,
    "Challenging existing consultation behaviours",
    "Goal setting and action planning",
    "Promoting reflective practice",
    "Organisational processes",
    "Modelling the approach throughout",
]
COLUMNS = ["Unified programme", "Calderdale and Kirklees", "North of Tyne", "Tower Hamlets"]


def compare_as(client, user):
    """Fetch the comparison signed in as a person and parse it."""
    client.force_login(user)
    response = client.get(COMPARE)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    """Return an element's text with white space collapsed."""
    return " ".join(element.get_text(" ").split())


def table(soup, caption):
    """Return a table's column headings and its rows as {heading: (cells, across sites)}."""
    found = soup.find("caption", string=caption).find_parent("table")
    headings = [text(th).removesuffix(" (sort)") for th in found.thead.find_all("th")]
    rows = {}
    for tr in found.tbody.find_all("tr"):
        cells = tr.find_all("td")
        covered = [text(td.select_one(".nhsuk-u-visually-hidden")) for td in cells[:-1]]
        rows[text(tr.th)] = (covered, text(cells[-1]))
    return headings, rows


def test_demo_comparison_shows_the_components_every_site_covers(client, demo, hcp):
    soup = compare_as(client, hcp)

    inset = soup.find("strong", string="Every site's programme covers:").find_parent("div")
    assert [text(li) for li in inset.find_all("li")] == COMMON


def test_demo_comparison_by_component_marks_shared_and_unique(client, demo, hcp):
    headings, rows = table(
        compare_as(client, hcp), "Which programmes cover each essential component"
    )

    assert headings == ["Component", *COLUMNS, "Across sites"]
    assert list(rows) == [*COMMON[:4], COMMON[4], QUALITY, COMMON[5], ENGAGING]
    assert rows[PHILOSOPHY] == (["Covered"] * 4, "Shared by all")
    assert rows[ENGAGING] == (
        ["Covered", "Covered", "Not covered", "Not covered"],
        "Only Calderdale and Kirklees",
    )
    assert rows[QUALITY] == (["Covered", "Covered", "Covered", "Not covered"], "")
    assert [across for _, across in rows.values()].count("Shared by all") == len(COMMON)


def test_demo_comparison_by_competence(client, demo, hcp):
    headings, rows = table(compare_as(client, hcp), "Which programmes develop each competence")

    assert headings == ["Competence", *COLUMNS, "Across sites"]
    codes = {" ".join(heading.split()[:2]): row for heading, row in rows.items()}
    assert list(codes) == ["Diab HA1", "Diab HA2", "Diab HA6", "Diab HD7", "Diab HD8"]
    assert codes["Diab HA1"] == (["Develops it"] * 4, "Shared by all")
    assert codes["Diab HD7"] == (
        ["Develops it", "Does not", "Does not", "Develops it"],
        "Only Tower Hamlets",
    )
    assert codes["Diab HD8"] == (["Develops it", "Develops it", "Develops it", "Does not"], "")


def test_demo_programmes_are_not_yet_evaluated(client, demo, hcp):
    soup = compare_as(client, hcp)

    rows = soup.find("h2", string="Evaluation").find_next_sibling("dl").select("div")
    assert [text(row.dt) for row in rows] == COLUMNS
    assert all(text(row.dd).startswith("Not yet evaluated") for row in rows)


def test_evaluation_from_a_hook_is_shown_against_its_programme(client, demo, hcp):
    def evaluations(request, programmes):
        return {demo.calderdale.pk: "4.6 out of 5 from 42 participants"}

    with hooks.register_temporarily("register_programme_evaluations", evaluations):
        soup = compare_as(client, hcp)

    rows = soup.find("h2", string="Evaluation").find_next_sibling("dl").select("div")
    shown = {text(row.dt): text(row.dd) for row in rows}
    assert shown["Calderdale and Kirklees"] == "4.6 out of 5 from 42 participants"
    assert shown["Tower Hamlets"].startswith("Not yet evaluated")


def test_draft_modules_do_not_count(client, demo, hcp):
    module_page(demo.tower_hamlets, "Bringing colleagues along", components=[ENGAGING], live=False)
    draft = demo.module(demo.north_of_tyne, "Goal setting and action planning")
    draft.components = [*draft.components.all(), component(ENGAGING)]
    draft.save_revision()

    _, rows = table(compare_as(client, hcp), "Which programmes cover each essential component")

    assert rows[ENGAGING][1] == "Only Calderdale and Kirklees"


def test_comparison_runs_the_same_queries_however_many_modules(client, demo, hcp):
    client.force_login(hcp)
    client.get(COMPARE)  # Fill the cache of site root paths first.
    with CaptureQueriesContext(connection) as few:
        assert client.get(COMPARE).status_code == 200
    for programme in (demo.unified, demo.tower_hamlets, demo.calderdale, demo.north_of_tyne):
        for number in range(3):
            module_page(
                programme,
                f"Extra module {number}",
                components=[QUALITY, ENGAGING],
                competences=[national_competence("Diab HA2"), national_competence("Diab HD8")],
            )

    client.get(COMPARE)  # Publishing clears the cached curriculum address; fill it again.
    with CaptureQueriesContext(connection) as many:
        response = client.get(COMPARE)

    _, rows = table(
        BeautifulSoup(response.content, "html.parser"),
        "Which programmes cover each essential component",
    )
    assert rows[ENGAGING][1] == "Shared by all"
    assert len(many) == len(few)


def test_comparison_without_programmes_says_so(client, hcp):
    curriculum_index()
    client.force_login(hcp)

    response = client.get(COMPARE)

    assertContains(response, "No programme has been published yet, so there is nothing to compare.")
    assertNotContains(response, "Shared by all")


def test_comparison_sends_anonymous_visitors_to_sign_in(client, demo):
    response = client.get(COMPARE)

    assertRedirects(response, f"{reverse('login')}?next={COMPARE}", fetch_redirect_response=False)

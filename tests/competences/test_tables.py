"""Competence lists drawn as tables: sorted from the query string, wrapped to scroll."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from competences.models import AssessmentStatus
from tests.competences.test_staff_import import MAPPING, MESSY, coded, csv_upload, profiles
from tests.factories.competences import (
    AssessmentFactory,
    CompetenceFactory,
    FrameworkFactory,
    evidence_on,
    national_competence,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role

pytestmark = pytest.mark.django_db
__all__ = ["coded", "profiles"]


def text(element):
    """Return an element's text with white space collapsed."""
    return " ".join(element.get_text(" ").split())


def captioned(response, words):
    """Return the table whose caption contains some words."""
    soup = BeautifulSoup(response.content, "html.parser")
    for caption in soup.find_all("caption"):
        if words in caption.get_text():
            return caption.find_parent("table")
    raise AssertionError(f"No table captioned {words!r}")


def first_cells(table):
    """Return the text of the first cell of each body row, as a reader sees them in order."""
    return [text(tr.find(["th", "td"])) for tr in table.tbody.find_all("tr")]


def column(table, index):
    """Return the text of one column's cells, top to bottom."""
    return [text(tr.find_all(["th", "td"])[index]) for tr in table.tbody.find_all("tr")]


def get_as(client, user, url, **params):
    """Fetch a page signed in as a person."""
    client.force_login(user)
    return client.get(url, params)


def test_framework_list_sorts_one_framework_by_code_and_leaves_the_others(client, hcp):
    local = FrameworkFactory(name="A local framework")
    for code in ("LOC-B", "LOC-A", "LOC-C"):
        CompetenceFactory(framework=local, code=code)

    response = get_as(
        client, hcp, reverse("competences:frameworks"), **{f"framework-{local.pk}-sort": "-code"}
    )

    assert first_cells(captioned(response, "Competences in A local framework")) == [
        "LOC-C",
        "LOC-B",
        "LOC-A",
    ]
    framework = national_competence("Diab HA1").framework.name
    national = first_cells(captioned(response, f"Competences in {framework}"))
    assert national.index("Diab HA1") < national.index("Diab HA2")


def test_verification_queue_sorts_by_person_and_still_verifies_the_ticked(client, trainer, site_a):
    zoe = person_with_role(Role.HCP, site_a, first_name="Zoe", last_name="Young")
    abe = person_with_role(Role.HCP, site_a, first_name="Abe", last_name="Adams")
    later = AssessmentFactory(hcp=zoe, awaiting=True, assessor=trainer)
    sooner = AssessmentFactory(hcp=abe, awaiting=True, assessor=trainer)
    evidence_on(sooner)
    url = reverse("competences:verification-queue")

    ascending = captioned(get_as(client, trainer, url, sort="person"), "waiting for you")
    descending = captioned(get_as(client, trainer, url, sort="-person"), "waiting for you")

    assert column(ascending, 1) == ["Abe Adams", "Zoe Young"]
    assert column(descending, 1) == ["Zoe Young", "Abe Adams"]
    boxes = ascending.select('input[name="assessments"]')
    assert [box["value"] for box in boxes] == [str(sooner.pk), str(later.pk)]
    client.post(f"{url}?sort=person", {"assessments": [sooner.pk]})
    sooner.refresh_from_db()
    later.refresh_from_db()
    assert (sooner.status, later.status) == (AssessmentStatus.VERIFIED, AssessmentStatus.AWAITING)


def test_verification_queue_keeps_the_ticks_when_the_choice_is_refused(
    client, trainer, manager, hcp
):
    mine = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    theirs = AssessmentFactory(
        hcp=hcp, awaiting=True, assessor=manager, competence=national_competence("Diab HA2")
    )
    client.force_login(trainer)

    response = client.post(
        reverse("competences:verification-queue"), {"assessments": [mine.pk, theirs.pk]}
    )

    table = captioned(response, "waiting for you")
    assert table.select_one(f'input[value="{mine.pk}"]').has_attr("checked")
    assert table.select_one(f'input[value="{theirs.pk}"]') is None


def test_competence_page_sorts_what_the_post_needs(client, hcp, hcp_post):
    url = reverse("competences:mine")

    table = captioned(get_as(client, hcp, url, **{"needed-sort": "-competence"}), "post needs")

    codes = [cell.split(" ")[0] + " " + cell.split(" ")[1] for cell in first_cells(table)]
    assert codes == ["Diab HA6", "Diab HA2", "Diab HA1"]
    assert "Rate yourself" in text(table)


def test_competence_page_sorts_the_other_competences_rated(client, hcp, hcp_post):
    for code in ("CS4", "Diab HD7"):
        AssessmentFactory(hcp=hcp, competence=national_competence(code))
    url = reverse("competences:mine")

    ascending = captioned(get_as(client, hcp, url, **{"rated-sort": "competence"}), "rated")
    descending = captioned(get_as(client, hcp, url, **{"rated-sort": "-competence"}), "rated")

    assert [cell.split(" ")[0] for cell in first_cells(ascending)] == ["CS4", "Diab"]
    assert [cell.split(" ")[0] for cell in first_cells(descending)] == ["Diab", "CS4"]


def test_gap_profile_sorts_competences_by_gap(client, manager, workforce):
    url = reverse("competences:gap-profile")

    table = captioned(get_as(client, manager, url, **{"competence-sort": "-gap"}), "per competence")

    assert [text(tr.th.strong) for tr in table.tbody.find_all("tr")] == [
        "Diab HA6",
        "Diab HA2",
        "Diab HA1",
    ]
    assert column(table, 4) == ["3", "2", "1"]


def test_gap_profile_sorts_units_by_a_competence_and_keeps_the_scope(
    client, manager, site_a, workforce
):
    url = reverse("competences:gap-profile")

    by_name = captioned(get_as(client, manager, url, organisation=site_a.pk), "heatmap")
    by_ha2 = captioned(get_as(client, manager, url, **{"unit-sort": "-code_1"}), "heatmap")

    assert first_cells(by_name) == ["Practice A", "Team A"]
    assert first_cells(by_ha2) == ["Team A", "Practice A"]
    [heading] = [th for th in by_name.thead.find_all("th") if text(th).startswith("Diab HA2")]
    assert "unit-sort=code_1" in heading.a["href"]
    assert f"organisation={site_a.pk}" in heading.a["href"]


def test_import_problems_and_preview_scroll_inside_the_page(client, manager, coded, profiles):
    client.force_login(manager)
    client.post(reverse("competences:staff-import"), {"file": csv_upload(*MESSY)})

    response = client.post(reverse("competences:staff-import-map"), MAPPING)

    for words in ("Rows with problems", "The first rows of the file"):
        table = captioned(response, words)
        assert "yoc-table-scroll" in table.parent["class"]
        assert table.thead.find("a") is None
    assert first_cells(captioned(response, "Rows with problems")) == ["4", "5"]
    assert first_cells(captioned(response, "The first rows of the file")) == [
        "2",
        "3",
        "4",
        "5",
        "6",
    ]


def test_competence_page_sorts_ksf_dimensions(client, hcp, hcp_post):
    url = reverse("competences:mine")

    shown = captioned(get_as(client, hcp, url), "KSF dimensions")
    descending = captioned(get_as(client, hcp, url, **{"ksf-sort": "-dimension"}), "KSF dimensions")

    codes = [cell.split(" ")[0] for cell in first_cells(shown)]
    assert codes == sorted(codes)
    assert [cell.split(" ")[0] for cell in first_cells(descending)] == codes[::-1]
    assert len(codes) > 1

"""The curriculum's pages as people read them: index, programme and module."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from wagtail.models import PageViewRestriction
from wagtail_factories import DocumentFactory

from curriculum.models import DeliveryMethod, ProgrammeStatus
from tests.factories.competences import national_competence
from tests.factories.curriculum import curriculum_index, module_page, programme_page

pytestmark = pytest.mark.django_db

NOTES = "Pair each participant with a user representative and a scenario."
OUTCOMES = [
    "Open a consultation with an open question",
    "Agree an agenda that starts from the person's priorities",
]


def get_as(client, user, url):
    """Fetch a page signed in as a person."""
    client.force_login(user)
    return client.get(url)


def soup_of(response):
    """Parse a page that must have been served."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    """Return an element's text with white space collapsed."""
    return " ".join(element.get_text(" ").split())


def section(soup, heading):
    """Return the texts of the list that follows an h2."""
    h2 = soup.find("h2", string=heading)
    assert h2 is not None, f"No section {heading!r}"
    return [text(li) for li in h2.find_next_sibling("ul").find_all("li")]


@pytest.fixture
def curriculum(site_a):
    """Two live programmes and a draft one; a live and a draft module."""
    index = curriculum_index()
    unified = programme_page(
        index, "Unified care planning programme", status=ProgrammeStatus.ADOPTED
    )
    site_course = programme_page(index, "Site A care planning workshops", owning_site=site_a)
    draft_programme = programme_page(index, "Site A refresher", owning_site=site_a, live=False)
    checklist = DocumentFactory(title="Observation checklist")
    stories = module_page(
        unified,
        "Sharing stories and negotiating the agenda",
        aims="<p>To practise opening a consultation with the person's story.</p>",
        outcomes=OUTCOMES,
        duration_minutes=150,
        delivery_method=DeliveryMethod.SIMULATION,
        competences=[national_competence("Diab HA1"), national_competence("Diab HA6")],
        components=[
            "The care planning philosophy and consultation skills",
            "Challenging existing consultation behaviours",
        ],
        resources=[
            {"title": "Observation checklist", "document": checklist},
            {"title": "Consultation scenarios", "url": "https://example.org/scenarios"},
        ],
        facilitator_notes=f"<p>{NOTES}</p>",
    )
    draft_module = module_page(unified, "Recording the care plan", live=False)
    return SimpleNamespace(
        index=index,
        unified=unified,
        site_course=site_course,
        draft_programme=draft_programme,
        stories=stories,
        draft_module=draft_module,
        checklist=checklist,
    )


@pytest.fixture
def trainer_with_admin_access(trainer):
    """The trainer, let into the content admin."""
    editors = Group.objects.create(name="Content editors")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    trainer.groups.add(editors)
    return trainer


def test_index_lists_live_programmes_unified_first(client, hcp, curriculum):
    soup = soup_of(get_as(client, hcp, curriculum.index.url))

    cards = soup.select(".nhsuk-card")
    assert [(text(card.h2), card.h2.a["href"]) for card in cards] == [
        ("Unified care planning programme", curriculum.unified.url),
        ("Site A care planning workshops", curriculum.site_course.url),
    ]
    assert text(cards[0].select_one(".nhsuk-card__description")) == "Unified programme · Adopted"
    assert text(cards[1].select_one(".nhsuk-card__description")) == "Site A · Pilot"
    assert "Site A refresher" not in text(soup)


def test_index_links_to_the_comparison_and_the_search(client, hcp, curriculum):
    soup = soup_of(get_as(client, hcp, curriculum.index.url))

    assert soup.find("a", href=reverse("curriculum:compare"))
    assert soup.find("form", action=reverse("curriculum:search"))


def test_index_without_live_programmes_says_so(client, hcp, site_a):
    index = curriculum_index()
    programme_page(index, "Site A draft course", owning_site=site_a, live=False)

    response = get_as(client, hcp, index.url)

    assertContains(response, "No programme has been published yet.")
    assertNotContains(response, "Site A draft course")


def test_programme_lists_its_live_modules_with_competences_and_components(client, hcp, curriculum):
    soup = soup_of(get_as(client, hcp, curriculum.unified.url))

    modules = soup.find("h2", string="Modules").find_next_sibling("ol").find_all("li")
    assert len(modules) == 1
    stories = modules[0]
    assert stories.h3.a["href"] == curriculum.stories.url
    assert text(stories.h3) == "Sharing stories and negotiating the agenda"
    assert "2 hours 30 minutes · Simulated consultation with a user representative" in text(stories)
    assert [text(tag) for tag in stories.select(".nhsuk-tag")] == [
        "Diab HA1",
        "Diab HA6",
        "The care planning philosophy and consultation skills",
        "Challenging existing consultation behaviours",
    ]
    assert "Recording the care plan" not in text(soup)


def test_programme_page_runs_the_same_queries_however_many_modules(client, hcp, curriculum):
    client.force_login(hcp)
    client.get(curriculum.unified.url)  # Fill the cache of site root paths first.
    with CaptureQueriesContext(connection) as few:
        client.get(curriculum.unified.url)
    for number in range(4):
        module_page(
            curriculum.unified,
            f"Extra module {number}",
            competences=[national_competence("Diab HA2")],
            components=["Quality assurance"],
        )

    client.get(
        curriculum.unified.url
    )  # Publishing clears the cached curriculum address; fill it again.
    with CaptureQueriesContext(connection) as many:
        response = client.get(curriculum.unified.url)

    assertContains(response, "Extra module 3")
    assert len(many) == len(few)


def test_programme_shows_who_it_is_for_and_its_format(client, hcp, curriculum):
    soup = soup_of(get_as(client, hcp, curriculum.site_course.url))

    assert text(soup.select_one(".nhsuk-caption-l")) == "Site A"
    rows = {text(row.dt): text(row.dd) for row in soup.select(".nhsuk-summary-list__row")}
    assert rows == {"Status": "Pilot", "For": "Practice nurses and GPs", "Format": "One day"}
    assert "This programme has no published modules yet." in text(soup)


def test_module_shows_aims_outcomes_competences_components_and_resources(client, hcp, curriculum):
    soup = soup_of(get_as(client, hcp, curriculum.stories.url))

    assert text(soup.h1) == "Sharing stories and negotiating the agenda"
    aims = soup.find("h2", string="Aims").find_next_sibling("p")
    assert text(aims) == "To practise opening a consultation with the person's story."
    assert section(soup, "Learning outcomes") == OUTCOMES
    assert section(soup, "Competences it develops") == [
        f"{code} {national_competence(code).title}" for code in ("Diab HA1", "Diab HA6")
    ]
    assert section(soup, "Essential components it covers") == [
        "The care planning philosophy and consultation skills",
        "Challenging existing consultation behaviours",
    ]
    resources = soup.find("h2", string="Resources").find_next_sibling("ul").find_all("a")
    assert [(text(a), a["href"]) for a in resources] == [
        ("Observation checklist", curriculum.checklist.url),
        ("Consultation scenarios", "https://example.org/scenarios"),
    ]
    breadcrumb = [a["href"] for a in soup.select(".nhsuk-breadcrumb a")]
    assert breadcrumb == [curriculum.index.url, curriculum.unified.url]


@pytest.mark.parametrize("fixture", ["hcp", "representative", "trainer"])
def test_facilitator_notes_are_hidden_from_people_without_content_access(
    client, request, curriculum, fixture
):
    response = get_as(client, request.getfixturevalue(fixture), curriculum.stories.url)

    assertContains(response, "Learning outcomes")
    assertNotContains(response, "Facilitator notes")
    assertNotContains(response, NOTES)


def test_facilitator_notes_are_shown_to_a_trainer_with_content_access(
    client, trainer_with_admin_access, curriculum
):
    soup = soup_of(get_as(client, trainer_with_admin_access, curriculum.stories.url))

    notes = soup.select_one("details.nhsuk-details")
    assert text(notes.summary) == "Facilitator notes"
    assert NOTES in text(notes)


@pytest.mark.parametrize("page", ["draft_programme", "draft_module"])
def test_draft_pages_are_not_served(client, hcp, curriculum, page):
    response = get_as(client, hcp, getattr(curriculum, page).url)

    assert response.status_code == 404


def test_unpublished_change_to_a_live_module_is_not_shown(client, hcp, curriculum):
    draft = curriculum.stories
    draft.aims = "<p>A rewrite nobody has approved.</p>"
    draft.save_revision()

    response = get_as(client, hcp, curriculum.stories.url)

    assertContains(response, "To practise opening a consultation with the person")
    assertNotContains(response, "A rewrite nobody has approved.")


def test_anonymous_visitor_is_sent_to_sign_in(client, curriculum):
    assert not PageViewRestriction.objects.exists()

    for page in (curriculum.index, curriculum.unified, curriculum.stories):
        response = client.get(page.url)
        assertRedirects(
            response, f"/account/sign-in/?next={page.url}", fetch_redirect_response=False
        )
        assertNotContains(response, page.title, status_code=302)


def test_demo_curriculum_is_read_by_a_signed_in_hcp(client, demo, hcp):
    module = demo.module(demo.unified, "Goal setting and action planning")

    response = get_as(client, hcp, module.url)

    assertContains(response, "<h1>Goal setting and action planning</h1>", html=True)
    assertNotContains(response, "Facilitator notes")

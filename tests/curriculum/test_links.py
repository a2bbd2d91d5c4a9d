"""Where the curriculum shows up elsewhere: training needs, the header and the trainer's home."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.competences import (
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.curriculum import curriculum_index, module_page

pytestmark = pytest.mark.django_db

PANEL = "Curriculum changes not yet approved"
NAV_LINK = re.compile(
    r'<a class="nhsuk-header__navigation-link" href="(?P<url>[^"]+)"[^>]*>\s*'
    r"(?:<strong[^>]*>\s*)?(?P<label>[^<]+?)\s*<"
)


def get_as(client, user, url):
    """Fetch a page signed in as a person."""
    client.force_login(user)
    return client.get(url)


def navigation(response):
    """Return the header's links as {label: url}."""
    return {m["label"]: m["url"] for m in NAV_LINK.finditer(response.content.decode())}


def offers_for(response, code):
    """Return the training offered for a competence as [(label, link)]."""
    soup = BeautifulSoup(response.content, "html.parser")
    for card in soup.select(".nhsuk-card"):
        if code in card.h2.get_text():
            heading = card.find("h3", string="Training that develops it")
            if heading is None:
                return []
            return [(a.get_text(), a["href"]) for a in heading.find_next_sibling("ul")("a")]
    raise AssertionError(f"No training need for {code}")


def panel(response, title=PANEL):
    """Return the home page card with a title, or None."""
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find("h3", string=title)
    return heading.find_parent("div", class_="nhsuk-card") if heading else None


@pytest.fixture
def nurse_with_gaps(hcp, practice_a):
    """The HCP holds a practice nurse post needing Diab HA6, and has not assessed it."""
    profile = PostProfileFactory(name="Practice nurse")
    PostRequirementFactory(profile=profile, competence=national_competence("Diab HA6"))
    StaffPostFactory(user=hcp, profile=profile, organisation=practice_a)
    return hcp


def test_training_needs_list_the_modules_that_develop_a_competence(
    client, demo, manager, nurse_with_gaps
):
    response = get_as(client, manager, reverse("competences:training-needs"))

    offers = offers_for(response, "Diab HA6")
    goals = demo.module(demo.unified, "Goal setting and action planning")
    unified = demo.unified.title
    assert (f"Module: Goal setting and action planning ({unified})", goals.url) in offers
    labels = [label for label, _ in offers]
    assert labels[:3] == [
        f"Module: Sharing stories and negotiating the agenda ({unified})",
        f"Module: Goal setting and action planning ({unified})",
        f"Module: Follow-up half day: reflecting on practice ({unified})",
    ]
    own_site = f"({demo.tower_hamlets.title})"
    assert labels[3:] and all(label.endswith(own_site) for label in labels[3:])
    assert len(set(labels)) == len(labels)
    others = (demo.calderdale.title, demo.north_of_tyne.title)
    assert not any(title in label for label in labels for title in others)


def test_training_needs_do_not_offer_draft_modules(client, demo, manager, nurse_with_gaps):
    module_page(
        demo.tower_hamlets,
        "Goals with interpreters",
        competences=[national_competence("Diab HA6")],
        live=False,
    )

    response = get_as(client, manager, reverse("competences:training-needs"))

    assert not any(
        label.startswith("Module: Goals with interpreters")
        for label, _ in offers_for(response, "Diab HA6")
    )


@pytest.mark.parametrize("fixture", ["hcp", "trainer", "representative", "outsider"])
def test_navigation_offers_the_curriculum_to_everyone_signed_in(client, request, fixture):
    index = curriculum_index()

    links = navigation(get_as(client, request.getfixturevalue(fixture), reverse("home")))

    assert links["Curriculum"] == index.url == "/curriculum/"


def test_navigation_marks_the_curriculum_while_reading_it(client, hcp):
    index = curriculum_index()

    response = get_as(client, hcp, index.url)

    assertContains(response, f'href="{index.url}" aria-current="page"')


def test_navigation_has_no_curriculum_before_it_is_published(client, hcp):
    assert "Curriculum" not in navigation(get_as(client, hcp, reverse("home")))


def test_anonymous_visitor_sees_no_curriculum_link(client, demo):
    assert "Curriculum" not in navigation(client.get(reverse("login")))


def test_trainer_home_shows_curriculum_changes_not_yet_approved(client, demo, trainer):
    module = demo.module(demo.unified, "Goal setting and action planning")
    module.aims = "<p>Goals first.</p>"
    module.save_revision(user=trainer)

    card = panel(get_as(client, trainer, reverse("home")))

    assert card is not None
    assert [li.get_text() for li in card.find_all("li")][0].startswith(
        "Goal setting and action planning, changed "
    )
    assert card.find("a", href=reverse("curriculum:changes"))


def test_trainer_home_says_when_every_page_is_approved(client, demo, trainer):
    card = panel(get_as(client, trainer, reverse("home")))

    assert "Every curriculum page is as approved." in card.get_text()
    assert card.find("a", href=reverse("wagtailadmin_home"))


@pytest.mark.parametrize("fixture", ["hcp", "representative", "manager"])
def test_curriculum_changes_panel_is_only_for_trainers(client, request, demo, fixture):
    response = get_as(client, request.getfixturevalue(fixture), reverse("home"))

    assertNotContains(response, PANEL)


def test_trainer_without_content_access_has_no_curriculum_changes_panel(client, trainer):
    curriculum_index()

    response = get_as(client, trainer, reverse("home"))

    assert not trainer.has_perm("wagtailadmin.access_admin")
    assertNotContains(response, PANEL)

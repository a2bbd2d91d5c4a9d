"""Searching the curriculum: live programmes and modules by their words, never drafts."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from pytest_django.asserts import assertRedirects

from tests.factories.curriculum import curriculum_index, module_page, programme_page

pytestmark = pytest.mark.django_db

SEARCH = reverse("curriculum:search")


def search_as(client, user, query):
    """Search signed in as a person; return the parsed page."""
    client.force_login(user)
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def results(soup):
    """Return the results as [(title, link, what it is)]."""
    found = []
    for item in soup.select("main ul.nhsuk-list li"):
        link = item.find("a")
        found.append((link.get_text(), link["href"], item.find("span").get_text()))
    return found


def summary(soup):
    """Return the sentence counting the results, if any."""
    counted = [p.get_text() for p in soup.find_all("p") if " for ‘" in p.get_text()]
    return counted[0] if counted else None


@pytest.fixture
def curriculum(site_a):
    """A programme with a module on the agenda, a draft module and a draft programme."""
    index = curriculum_index()
    unified = programme_page(
        index,
        "Unified care planning programme",
        summary="<p>Care planning for practice teams.</p>",
    )
    stories = module_page(
        unified,
        "Sharing stories and negotiating the agenda",
        aims="<p>To practise listening to the person's story.</p>",
        outcomes=["Notice and hold back the urge to fix or advise"],
    )
    draft_module = module_page(
        unified, "Setting the agenda with interpreters", aims="<p>Interpreters.</p>", live=False
    )
    draft_programme = programme_page(
        index, "Agenda setting masterclass", owning_site=site_a, live=False
    )
    return SimpleNamespace(
        unified=unified, stories=stories, draft_module=draft_module, draft=draft_programme
    )


def test_search_finds_a_module_by_a_word_of_its_title(client, hcp, curriculum):
    soup = search_as(client, hcp, "agenda")

    assert results(soup) == [
        (
            "Sharing stories and negotiating the agenda",
            curriculum.stories.url,
            "Module of Unified care planning programme",
        )
    ]
    assert summary(soup) == "1 result for ‘agenda’."


@pytest.mark.parametrize("query", ["listening", "advise"])
def test_search_finds_a_module_by_its_aims_and_outcomes(client, hcp, curriculum, query):
    soup = search_as(client, hcp, query)

    assert [title for title, _, _ in results(soup)] == [curriculum.stories.title]


def test_search_finds_a_programme(client, hcp, curriculum):
    soup = search_as(client, hcp, "unified")

    assert results(soup) == [
        ("Unified care planning programme", curriculum.unified.url, "Programme")
    ]


def test_search_does_not_find_drafts(client, hcp, curriculum):
    for query in ("interpreters", "masterclass"):
        soup = search_as(client, hcp, query)

        assert results(soup) == []
        assert summary(soup) == f"0 results for ‘{query}’."
        assert "Try fewer or different words." in soup.get_text()


def test_search_does_not_find_an_unpublished_change(client, hcp, curriculum):
    curriculum.stories.aims = "<p>Motivational interviewing techniques.</p>"
    curriculum.stories.save_revision()

    assert results(search_as(client, hcp, "motivational")) == []
    assert [t for t, _, _ in results(search_as(client, hcp, "listening"))] == [
        curriculum.stories.title
    ]


@pytest.mark.parametrize("query", ['"agenda', 'agenda"', "agenda\x00", "agenda*"])
def test_search_ignores_quotes_and_null_characters(client, hcp, curriculum, query):
    soup = search_as(client, hcp, query)

    assert [title for title, _, _ in results(soup)] == [curriculum.stories.title]


@pytest.mark.parametrize("query", ["agenda AND (", "NOT", "(((", "a:b", "-agenda", "'"])
def test_search_with_query_syntax_characters_still_answers(client, hcp, curriculum, query):
    soup = search_as(client, hcp, query)

    assert summary(soup).endswith(f"for ‘{query}’.")


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_search_shows_no_results(client, hcp, curriculum, query):
    soup = search_as(client, hcp, query)

    assert results(soup) == []
    assert summary(soup) is None
    assert soup.find("input", id="curriculum-search")["value"] == ""


def test_search_before_any_curriculum_finds_nothing(client, hcp):
    assert results(search_as(client, hcp, "agenda")) == []


def test_search_sends_anonymous_visitors_to_sign_in(client, curriculum):
    response = client.get(SEARCH, {"q": "agenda"})

    assert response.status_code == 302
    assertRedirects(
        response,
        f"{reverse('login')}?next={SEARCH}%3Fq%3Dagenda",
        fetch_redirect_response=False,
    )


def test_words_only_in_the_facilitator_notes_do_not_find_a_module(client, hcp, demo):
    client.force_login(hcp)
    response = client.get(reverse("curriculum:search"), {"q": "anonymised"})
    assert "Preparing the person with their results" not in response.content.decode()

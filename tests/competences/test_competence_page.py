"""The competence page: what a person's posts need and where the person stands."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.competences import (
    AssessmentFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)

pytestmark = pytest.mark.django_db


def standings(client, user):
    """Fetch the person's own competence page; return it and its required rows by code."""
    client.force_login(user)
    response = client.get(reverse("competences:mine"))
    return response, {s.competence.code: s for s in response.context["page"].required}


def test_page_lists_what_the_post_needs_with_the_ksf_it_evidences(client, hcp, hcp_post):
    response, rows = standings(client, hcp)
    assert {code: (s.required_level, s.state) for code, s in rows.items()} == {
        "Diab HA1": (3, "not_started"),
        "Diab HA2": (3, "not_started"),
        "Diab HA6": (3, "not_started"),
    }
    assertContains(response, "Practice nurse at Practice A since")
    assertContains(response, "Evidence for KSF HWB6 level 3")
    assertContains(
        response,
        f'href="{reverse("competences:self-assess", args=[national_competence("Diab HA1").pk])}"',
    )


def test_new_starter_is_held_to_the_foundation_outline(
    client, hcp, practice_a, practice_nurse, trainer
):
    StaffPostFactory(
        user=hcp,
        profile=practice_nurse,
        organisation=practice_a,
        since=timezone.localdate() - timedelta(days=100),
    )
    PostRequirementFactory(
        profile=practice_nurse,
        competence=national_competence("Diab HD7"),
        foundation_level=None,
        full_level=3,
    )
    AssessmentFactory(hcp=hcp, verified=True, assessor=trainer, level=2)
    response, rows = standings(client, hcp)
    assert sorted(rows) == ["Diab HA1", "Diab HA2", "Diab HA6"]
    assert rows["Diab HA1"].required_level == 2
    assert rows["Diab HA1"].state == "met"
    assertContains(response, "first year in post: foundation outline")


def test_verified_below_the_full_level_is_not_met(client, hcp, hcp_post, trainer):
    AssessmentFactory(hcp=hcp, verified=True, assessor=trainer, level=2)
    response, rows = standings(client, hcp)
    assert rows["Diab HA1"].state == "below"
    assert response.context["page"].counts.get("met") is None
    assertContains(response, "Below the level needed")


def test_two_posts_needing_one_competence_ask_for_the_higher_level(
    client, hcp, hcp_post, team_a, healthcare_assistant
):
    StaffPostFactory(user=hcp, profile=healthcare_assistant, organisation=team_a)
    _, rows = standings(client, hcp)
    assert rows["Diab HA2"].required_level == 3
    assert len(rows) == 3


def test_a_post_that_has_ended_needs_nothing(client, hcp, practice_a, practice_nurse):
    today = timezone.localdate()
    StaffPostFactory(
        user=hcp,
        profile=practice_nurse,
        organisation=practice_a,
        since=today - timedelta(days=800),
        until=today - timedelta(days=1),
    )
    response, rows = standings(client, hcp)
    assert rows == {}
    assertContains(response, "No post is recorded for you yet")


def test_competences_rated_outside_the_post_are_listed_separately(client, hcp, hcp_post):
    AssessmentFactory(hcp=hcp, competence=national_competence("CS4"))
    response, rows = standings(client, hcp)
    assert "CS4" not in rows
    assert [s.competence.code for s in response.context["page"].other] == ["CS4"]
    assertContains(response, "Other competences you have rated")


def test_other_hcp_does_not_see_someone_elses_ratings_on_its_page(client, hcp, second_hcp):
    AssessmentFactory(hcp=hcp, competence=national_competence("CS4"))
    client.force_login(second_hcp)
    response = client.get(reverse("competences:mine"))
    assert response.context["page"].other == []
    assertNotContains(response, "CS4")

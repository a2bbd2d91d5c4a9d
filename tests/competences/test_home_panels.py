"""The home page shows an HCP where it stands and an assessor what waits for it."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.competences import AssessmentFactory, national_competence

pytestmark = pytest.mark.django_db


def home_as(client, user):
    """Fetch the home page signed in as a person."""
    client.force_login(user)
    return client.get(reverse("home"))


def test_hcp_sees_your_competences_with_what_its_post_needs(client, hcp, hcp_post, trainer):
    AssessmentFactory(hcp=hcp, verified=True, assessor=trainer)
    AssessmentFactory(
        hcp=hcp, competence=national_competence("Diab HA2"), awaiting=True, assessor=trainer
    )
    AssessmentFactory(
        hcp=hcp, competence=national_competence("Diab HA6"), returned=True, assessor=trainer
    )
    response = home_as(client, hcp)
    assertContains(response, '<h3 class="nhsuk-card__heading">Your competences</h3>')
    assertContains(response, "Your post needs 3 competences.")
    assertContains(response, "1 verified. 1 waiting for verification.")
    assertContains(response, "1 returned with an action point")
    assertContains(response, f'href="{reverse("competences:mine")}"')
    assertNotContains(response, "Competences to verify")


def test_hcp_without_a_post_is_told_to_ask_its_manager(client, hcp):
    response = home_as(client, hcp)
    assertContains(response, "Your competences")
    assertContains(response, "No post is recorded for you yet")


def test_trainer_sees_competences_to_verify_with_links(client, hcp, second_hcp, trainer):
    first = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    second = AssessmentFactory(hcp=second_hcp, awaiting=True, assessor=trainer)
    AssessmentFactory(
        hcp=hcp, competence=national_competence("Diab HA2"), verified=True, assessor=trainer
    )
    response = home_as(client, trainer)
    assertContains(response, '<h3 class="nhsuk-card__heading">Competences to verify</h3>')
    assertContains(response, "2 assessments are waiting for you.")
    for assessment in (first, second):
        assertContains(
            response,
            f'<a href="{reverse("competences:assessment-detail", args=[assessment.pk])}">'
            f"{escape(assessment.hcp.get_full_name())}: Diab HA1</a>",
        )
    assertContains(response, f'href="{reverse("competences:verification-queue")}"')
    assertNotContains(response, "Your competences")


def test_trainer_with_nothing_waiting_is_told_so(client, hcp, trainer, manager):
    AssessmentFactory(hcp=hcp, awaiting=True, assessor=manager)
    response = home_as(client, trainer)
    assertContains(response, "Competences to verify")
    assertContains(response, "Nothing is waiting for you to verify.")


@pytest.mark.parametrize("fixture", ["representative", "outsider"])
def test_people_who_neither_assess_nor_are_assessed_see_neither_panel(client, request, fixture):
    response = home_as(client, request.getfixturevalue(fixture))
    assertNotContains(response, "Your competences")
    assertNotContains(response, "Competences to verify")

"""Rating oneself: statements checked for patient details, and offered to HCPs only."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from competences.models import Assessment
from tests.factories.competences import national_competence

pytestmark = pytest.mark.django_db


def _rate(client, hcp, statement, **extra):
    competence = national_competence("Diab HA1")
    client.force_login(hcp)
    url = reverse("competences:self-assess", args=[competence.pk])
    return client.post(url, {"level": 2, "statement": statement, **extra})


def test_a_statement_with_an_nhs_number_is_stopped_and_nothing_is_saved(client, hcp):
    response = _rate(client, hcp, "Agreed goals with the patient 943 476 5919 at clinic.")
    assertContains(response, "This looks as if it contains an NHS number.")
    assertContains(response, "Confirm that no one can be identified from what you wrote")
    assert not Assessment.objects.filter(hcp=hcp).exists()


def test_a_confirmed_statement_is_saved(client, hcp):
    response = _rate(
        client, hcp, "Extension 943 476 5919 is the clinic's phone.", identifiers_checked="on"
    )
    assert response.status_code == 302
    assert Assessment.objects.get(hcp=hcp).statement.startswith("Extension")


def test_an_ordinary_statement_needs_no_confirmation(client, hcp):
    response = _rate(client, hcp, "I agree goals with people at every review.")
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["trainer", "representative", "manager"])
def test_only_an_hcp_is_offered_rate_yourself_on_the_frameworks_page(client, hcp, who, request):
    national_competence("Diab HA1")
    client.force_login(request.getfixturevalue(who))
    assert "Rate yourself" not in client.get(reverse("competences:frameworks")).content.decode()
    client.force_login(hcp)
    assertContains(client.get(reverse("competences:frameworks")), "Rate yourself")

"""The individual gap profile by KSF dimension on the competence page."""

from django.urls import reverse

from tests.factories.competences import AssessmentFactory, national_competence


def test_ksf_view_shows_each_dimension_needed_and_what_is_evidenced(client, hcp, hcp_post):
    AssessmentFactory(hcp=hcp, competence=national_competence("Diab HA1"), level=3, verified=True)
    AssessmentFactory(hcp=hcp, competence=national_competence("Diab HA6"), level=3)
    client.force_login(hcp)

    page = client.get(reverse("competences:mine")).content.decode()

    assert "By KSF dimension" in page
    assert "HWB6 Assessment and treatment planning" in page
    assert "Needed at level 3; evidenced at level 3." in page
    assert "HWB4 Enablement to address health and wellbeing needs" in page
    assert "Needed at level 3; not yet evidenced." in page
    assert "HWB7 Interventions and treatments" in page
    assert "Needed at level 2; not yet evidenced." in page


def test_a_verification_below_the_level_needed_is_not_evidence(client, hcp, hcp_post):
    AssessmentFactory(hcp=hcp, competence=national_competence("Diab HA1"), level=2, verified=True)
    client.force_login(hcp)

    page = client.get(reverse("competences:mine")).content.decode()

    assert "Needed at level 3; not yet evidenced." in page
    assert "Below the level needed" in page

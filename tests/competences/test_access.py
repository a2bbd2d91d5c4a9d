"""Who may see a person's assessments and competence page, and who may decide on them."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains

from competences.models import AssessmentEvent, AssessmentStatus
from tests.factories.competences import AssessmentFactory, national_competence
from tests.factories.training_site import person_with_role
from training_site.models import Role

pytestmark = pytest.mark.django_db

OUTSIDE_THE_LINE = ["other_manager", "hcp_b", "representative", "outsider", "trainer"]


@pytest.fixture
def assessment(hcp, manager):
    """The HCP's assessment, waiting for the site's manager to verify it."""
    return AssessmentFactory(hcp=hcp, awaiting=True, assessor=manager, level=2)


def get_as(client, user, url):
    """Fetch a page signed in as a person."""
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("fixture", OUTSIDE_THE_LINE)
def test_people_outside_the_line_get_404_for_the_assessment(client, request, assessment, fixture):
    person = request.getfixturevalue(fixture)
    url = reverse("competences:assessment-detail", args=[assessment.pk])
    assert get_as(client, person, url).status_code == 404


@pytest.mark.parametrize("fixture", OUTSIDE_THE_LINE)
def test_people_outside_the_line_get_404_for_the_competence_page(
    client, request, hcp, hcp_post, assessment, fixture
):
    person = request.getfixturevalue(fixture)
    url = reverse("competences:person", args=[hcp.pk])
    assert get_as(client, person, url).status_code == 404


def test_trainer_who_is_not_the_assessor_gets_404_even_in_the_same_site(
    client, hcp, site_a, trainer
):
    assessment = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    other_trainer = person_with_role(Role.TRAINER, site_a, first_name="Theo")
    url = reverse("competences:assessment-detail", args=[assessment.pk])
    assert get_as(client, other_trainer, url).status_code == 404
    assert get_as(client, trainer, url).status_code == 200


@pytest.mark.parametrize("fixture", ["manager", "admin"])
def test_managers_of_the_hcp_see_its_assessment_and_competence_page(
    client, request, hcp, hcp_post, assessment, fixture
):
    person = request.getfixturevalue(fixture)
    detail = get_as(client, person, reverse("competences:assessment-detail", args=[assessment.pk]))
    assertContains(detail, "Diab HA1")
    assertContains(detail, assessment.statement)
    page = get_as(client, person, reverse("competences:person", args=[hcp.pk]))
    assertContains(page, f"{escape(hcp.get_full_name())}: competences")
    assertContains(page, "Practice nurse at Practice A")
    assertContains(page, "Waiting for verification")


def test_hcp_sees_its_own_assessment(client, hcp, assessment):
    response = get_as(client, hcp, reverse("competences:assessment-detail", args=[assessment.pk]))
    assertContains(response, "Your assessment")


def test_second_hcp_in_the_same_practice_gets_404(client, hcp, second_hcp, assessment):
    url = reverse("competences:assessment-detail", args=[assessment.pk])
    assert get_as(client, second_hcp, url).status_code == 404
    url = reverse("competences:person", args=[hcp.pk])
    assert get_as(client, second_hcp, url).status_code == 404


@pytest.mark.parametrize("action", ["verify", "return"])
@pytest.mark.parametrize("fixture", ["trainer", "other_manager", "hcp_b", "outsider"])
def test_only_the_named_assessor_may_decide(client, request, hcp, site_a, action, fixture):
    assessor = person_with_role(Role.TRAINER, site_a, first_name="Theo")
    assessment = AssessmentFactory(hcp=hcp, awaiting=True, assessor=assessor)
    person = request.getfixturevalue(fixture)
    client.force_login(person)
    response = client.post(
        reverse(f"competences:{action}", args=[assessment.pk]),
        {"verified_level": 3, "action_point": "Try again."},
    )
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AWAITING
    assert not AssessmentEvent.objects.filter(assessment=assessment).exists()


@pytest.mark.parametrize("action", ["verify", "return"])
def test_manager_who_may_see_but_was_not_asked_may_not_decide(
    client, hcp, trainer, manager, action
):
    assessment = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    client.force_login(manager)
    assert (
        client.get(reverse("competences:assessment-detail", args=[assessment.pk])).status_code
        == 200
    )
    response = client.post(
        reverse(f"competences:{action}", args=[assessment.pk]),
        {"verified_level": 3, "action_point": "Try again."},
    )
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AWAITING


def test_hcp_may_not_verify_its_own_assessment(client, hcp, trainer):
    assessment = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    client.force_login(hcp)
    response = client.post(
        reverse("competences:verify", args=[assessment.pk]), {"verified_level": 4}
    )
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AWAITING


def test_only_the_hcp_may_ask_for_verification_or_add_evidence(client, hcp, manager, trainer):
    assessment = AssessmentFactory(hcp=hcp, competence=national_competence("Diab HA2"))
    client.force_login(manager)
    response = client.post(
        reverse("competences:request-verification", args=[assessment.pk]),
        {"assessor": trainer.pk},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("competences:add-evidence", args=[assessment.pk]),
        {"kind": "reflection", "description": "Not mine to add."},
    )
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SELF_ASSESSED
    assert not assessment.evidence.exists()


def test_signed_out_visitor_is_sent_to_sign_in(client, assessment):
    response = client.get(reverse("competences:assessment-detail", args=[assessment.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

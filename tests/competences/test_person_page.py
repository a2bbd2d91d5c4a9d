"""A manager's view of a person: worded for the manager, with levels, the plan and workshops."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.competences import AssessmentFactory, national_competence
from tests.factories.curriculum import curriculum_index, programme_page
from tests.factories.portfolio import DevelopmentGoalFactory
from tests.factories.workshops import booking, workshop
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def standing(hcp, hcp_post, trainer):
    """Hana: HA1 verified at level 3 until next year, HA2 expired, HA6 self-assessed at 2."""
    today = timezone.localdate()
    AssessmentFactory(
        hcp=hcp, verified=True, assessor=trainer, level=3, expires_on=today + timedelta(days=400)
    )
    AssessmentFactory(
        hcp=hcp,
        verified=True,
        assessor=trainer,
        level=2,
        competence=national_competence("Diab HA2"),
        expires_on=today - timedelta(days=3),
    )
    AssessmentFactory(hcp=hcp, level=2, competence=national_competence("Diab HA6"))
    return hcp


def _page(client, viewer, person):
    client.force_login(viewer)
    return client.get(reverse("competences:person", args=[person.pk]))


def test_the_manager_reads_the_current_level_and_expiry_per_competence(client, manager, standing):
    page = _page(client, manager, standing)
    expires = timezone.localdate() + timedelta(days=400)
    assertContains(page, "Current level")
    assertContains(page, f"3 Competent, verified until {expires:%-d %b %Y}")
    assertContains(page, "2 Developing, expired")
    assertContains(page, "2 Developing, self-assessed")


def test_the_manager_view_is_worded_for_the_manager(client, manager, standing):
    page = _page(client, manager, standing)
    assertContains(page, "Hana has not yet asked for verification.")
    assertContains(page, "The verification has expired: Hana needs to update the rating")
    assertNotContains(page, "Your verification has expired")
    assertNotContains(page, "Add evidence and ask a trainer or manager to verify it.")


def test_the_person_still_reads_its_own_page_in_the_second_person(client, standing):
    page = _page(client, standing, standing)
    assertContains(page, "Your verification has expired")
    assertContains(page, "Your development goals")
    assertNotContains(page, "Workshops attended")


def test_the_manager_sees_the_development_plan_and_the_workshops_attended(
    client, manager, standing, site_a
):
    DevelopmentGoalFactory(hcp=standing, title="Agree goals before results")
    DevelopmentGoalFactory(hcp=standing, title="Finished goal", status="achieved")
    programme = programme_page(curriculum_index(), "Site A care planning", owning_site=site_a)
    came = workshop(programme, site_a, title="Foundation day", days=-20)
    missed = workshop(programme, site_a, title="Follow-up day", days=-5)
    booking(came, standing, BookingStatus.ATTENDED)
    booking(missed, standing, BookingStatus.DID_NOT_ATTEND)
    page = _page(client, manager, standing)
    assertContains(page, f"{standing.get_full_name()}&#x27;s development plan")
    assertContains(page, "Agree goals before results")
    assertContains(page, "Finished goal")
    assertContains(page, "Workshops attended")
    assertContains(page, "Foundation day")
    assertNotContains(page, "Follow-up day")


def test_a_manager_of_another_site_sees_none_of_it(client, other_manager, standing):
    DevelopmentGoalFactory(hcp=standing, title="Agree goals before results")
    assert _page(client, other_manager, standing).status_code == 404

"""Navigation, home panels, workshop links, the content admin and the demo."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from simulations.demo import build_demo_simulations
from simulations.models import CarePlan, Scenario, SimulationSession
from simulations.wagtail_hooks import workshop_simulation_links
from tests.factories.simulations import ScenarioFactory, care_plan, session, workshop


def test_navigation_by_role(client, hcp, representative, trainer):
    for person, label in [
        (hcp, "Simulated consultations"),
        (representative, "My sessions"),
        (trainer, "Scenarios"),
    ]:
        client.force_login(person)
        assert label in client.get("/").text


def test_hcp_home_shows_next_consultation_and_care_plans_to_write(client, day, hcp):
    coming = session(day, hcp)
    past_day = workshop(day.site, day=timezone.localdate() - timedelta(days=3))
    past_day.bookings.create(hcp=hcp, status="attended")
    played = session(past_day, hcp)
    client.force_login(hcp)
    page = client.get("/").text
    assert reverse("simulations:session-detail", args=[coming.pk]) in page
    assert reverse("simulations:care-plan", args=[played.pk]) in page
    care_plan(played)
    assert reverse("simulations:care-plan", args=[played.pk]) not in client.get("/").text


def test_representative_home_lists_upcoming_sessions(client, day, hcp, representative):
    coming = session(day, hcp, representative=representative)
    client.force_login(representative)
    page = client.get("/").text
    assert reverse("simulations:session-detail", args=[coming.pk]) in page


def test_trainer_home_links_the_library_and_next_rotas(client, trainer, day):
    ScenarioFactory()
    client.force_login(trainer)
    page = client.get("/").text
    assert "1 scenario ready to use" in page
    assert reverse("simulations:rota", args=[day.pk]) in page


@pytest.mark.parametrize(
    ("who", "offered"),
    [("trainer", True), ("manager", True), ("hcp", False), ("other_manager", False)],
)
def test_workshop_links_offer_the_rota_to_those_who_may_open_it(request, day, who, offered):
    fake = RequestFactory().get("/")
    fake.user = request.getfixturevalue(who)
    links = workshop_simulation_links(fake, day)
    assert bool(links) is offered
    if offered:
        assert links[0].url == reverse("simulations:rota", args=[day.pk])


def test_trainer_with_permission_edits_scenarios_inline_in_the_admin(client, trainer):
    trainer.is_staff = True
    trainer.save()
    trainer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "add_scenario", "change_scenario", "view_scenario"]
        )
    )
    client.force_login(trainer)
    response = client.get(reverse("scenarios:add"))
    assert response.status_code == 200
    assert "results-FORMS" in response.text
    assert "learning points for the trainer" in response.text.lower()


def test_hcp_cannot_open_the_scenario_admin(client, hcp):
    client.force_login(hcp)
    response = client.get(reverse("scenarios:add"))
    assert response.status_code in (302, 403)
    assert not Scenario.objects.exists()


def test_demo_builds_scenarios_and_sessions_and_is_safe_twice(demo_people):
    build_demo_simulations()
    build_demo_simulations()
    assert Scenario.objects.count() == 5
    smith = Scenario.objects.get(person_name="Mrs Smith")
    assert smith.results.count() == 5
    assert SimulationSession.objects.filter(hcp__email="hcp@example.org").count() == 2
    assert CarePlan.objects.get().actions.count() == 4


@pytest.fixture
def demo_people(site_a, hcp, representative, trainer):
    """The demo's site code on site A and a programme to hang a workshop on."""
    from tests.factories.simulations import programme
    from training_site.models import Organisation

    Organisation.objects.filter(pk=site_a.pk).update(code="YOC-TH")
    programme()

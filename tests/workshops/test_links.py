"""Links other apps offer on a workshop; waves; changing a workshop."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from wagtail import hooks

from tests.factories.workshops import workshop
from training_site.navigation import NavigationItem
from workshops.models import WorkshopWave
from workshops.wagtail_hooks import workshop_training_offers

pytestmark = pytest.mark.django_db


def _rota(request, workshop):
    return [NavigationItem("Simulation rota", f"/simulations/rota/{workshop.pk}/", order=10)]


def test_workshop_page_shows_links_other_apps_offer(client, a_workshop, trainer):
    client.force_login(trainer)
    url = reverse("workshops:detail", args=[a_workshop.pk])
    with hooks.register_temporarily("register_workshop_links", _rota):
        assertContains(client.get(url), f'href="/simulations/rota/{a_workshop.pk}/"')
    assertNotContains(client.get(url), f'href="/simulations/rota/{a_workshop.pk}/"')


def _after(request, user):
    return [NavigationItem(f"Evaluations outstanding for {user.first_name}", "/evaluations/")]


def test_dashboard_shows_links_other_apps_offer_the_trainer(client, trainer):
    client.force_login(trainer)
    with hooks.register_temporarily("register_workshop_dashboard_links", _after):
        page = client.get(reverse("workshops:index"))
    assertContains(page, f"Evaluations outstanding for {trainer.first_name}")


def test_dashboard_leads_a_trainer_to_its_outstanding_evaluations(client, trainer):
    client.force_login(trainer)
    page = client.get(reverse("workshops:index"))
    assertContains(page, 'href="/feedback/evaluations/outstanding/"')


def test_start_a_wave_for_practices_of_the_site(client, trainer, site_a, practice_a, practice_b):
    client.force_login(trainer)
    bad = client.post(
        reverse("workshops:wave-create"),
        {"name": "Wave 1", "site": site_a.pk, "practices": [practice_b.pk]},
    )
    assertContains(bad, "Select a valid choice")
    assert not WorkshopWave.objects.exists()
    client.post(
        reverse("workshops:wave-create"),
        {"name": "Wave 1", "site": site_a.pk, "practices": [practice_a.pk]},
    )
    wave = WorkshopWave.objects.get()
    assert list(wave.practices.all()) == [practice_a]


def test_hcp_cannot_start_a_wave(client, hcp):
    client.force_login(hcp)
    assert client.get(reverse("workshops:wave-create")).status_code == 404


def test_change_a_workshop_keeps_bad_input_unsaved(client, a_workshop, trainer, ws_modules):
    client.force_login(trainer)
    url = reverse("workshops:edit", args=[a_workshop.pk])
    assertContains(client.get(url), 'value="Care planning workshop"')
    response = client.post(
        url,
        {
            "title": "Renamed",
            "programme": a_workshop.programme_id,
            "site": a_workshop.site_id,
            "day": "2030-01-10",
            "starts": "10:00",
            "ends": "12:00",
            "venue": "",
            "online_url": "",
            "capacity": "5",
            "status": "open",
        },
    )
    assertContains(response, "Give a venue or an online link.")
    a_workshop.refresh_from_db()
    assert a_workshop.title == "Care planning workshop"
    client.post(
        url,
        {
            "title": "Renamed",
            "programme": a_workshop.programme_id,
            "modules": [ws_modules[1].pk],
            "site": a_workshop.site_id,
            "day": "2030-01-10",
            "starts": "10:00",
            "ends": "12:00",
            "online_url": "https://meet.example.org/yoc",
            "capacity": "5",
            "status": "open",
        },
    )
    a_workshop.refresh_from_db()
    assert a_workshop.title == "Renamed"
    assert list(a_workshop.modules.all()) == [ws_modules[1]]
    assert list(a_workshop.trainers.all()) == [trainer]


def test_dashboard_offers_outstanding_evaluations_only_to_trainers(client, manager):
    client.force_login(manager)
    page = client.get(reverse("workshops:index"))
    assert page.status_code == 200
    assertNotContains(page, 'href="/feedback/evaluations/outstanding/"')


def test_training_needs_offer_only_workshops_the_manager_can_open(
    rf, a_workshop, ws_modules, manager, site_b
):
    elsewhere = workshop(a_workshop.programme, site_b, modules=ws_modules, title="Site B day")
    request = rf.get("/")
    request.user = manager
    ha1 = ws_modules[0].competences.get()
    offered = [item["url"] for item in workshop_training_offers(request, [ha1.pk])[ha1.pk]]
    assert offered == [reverse("workshops:detail", args=[a_workshop.pk])]
    assert reverse("workshops:detail", args=[elsewhere.pk]) not in offered

"""Workshops on the role home pages and in the navigation."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories.workshops import booking, workshop
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


def test_hcp_home_shows_invitations_and_next_workshop(client, ws_programme, site_a, hcp):
    booking(
        workshop(ws_programme, site_a, title="Invited one", days=20), hcp, BookingStatus.INVITED
    )
    booking(workshop(ws_programme, site_a, title="Booked one", days=5), hcp)
    client.force_login(hcp)
    page = client.get("/")
    assertContains(page, "1 invitation waiting for your answer")
    assertContains(page, "Your next workshop")
    assertContains(page, "Booked one")
    assertContains(page, f'href="{reverse("workshops:mine")}"')


def test_trainer_home_shows_coming_workshops(client, a_workshop, trainer, hcp):
    booking(a_workshop, hcp)
    client.force_login(trainer)
    page = client.get("/")
    assertContains(page, "Your coming workshops")
    assertContains(page, "1 of 2 booked")
    assertContains(page, f'href="{reverse("workshops:index")}"')


def test_manager_home_shows_engagement(client, ws_programme, site_a, manager, hcp, second_hcp):
    booking(workshop(ws_programme, site_a, days=-3), hcp, BookingStatus.ATTENDED)
    client.force_login(manager)
    page = client.get("/")
    assertContains(page, "1 of 2 HCPs in Site A have attended a workshop")


def test_outsider_has_no_workshops_link(client, outsider):
    client.force_login(outsider)
    page = client.get("/")
    assert reverse("workshops:index") not in page.content.decode()

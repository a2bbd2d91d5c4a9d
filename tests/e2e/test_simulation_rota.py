"""The day of simulated consultations: the trainer's rota, the HCP's care plan, the role card."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from simulations.models import SimulationSession
from tests.e2e.conftest import VIEWPORTS, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def check_both_widths(page, name):
    """Check and photograph the current page at desktop and phone width."""
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        assert_accessible(page)
        screenshot(page, f"{name}-{viewport}")
    page.set_viewport_size(VIEWPORTS["desktop"])


def test_trainer_builds_the_rota(demo_network, live_server, open_page):
    played = SimulationSession.objects.filter(hcp__email="hcp@example.org").first()
    page = open_page("desktop")
    sign_in(page, live_server, "trainer@example.org")

    page.get_by_role("link", name="Scenarios").first.click()
    expect(page.get_by_role("heading", name="Scenario library")).to_be_visible()
    check_both_widths(page, "simulations-library")
    page.get_by_role("link", name="Blood pressure and a stone to lose").click()
    expect(page.get_by_role("heading", name="Learning points for the trainer")).to_be_visible()
    check_both_widths(page, "simulations-scenario")

    page.goto(f"{live_server.url}/simulations/workshops/{played.workshop_id}/rota/")
    expect(page.get_by_role("heading", name="Simulation rota")).to_be_visible()
    check_both_widths(page, "simulations-rota")

    page.get_by_role("link", name="Add a consultation").click()
    starts_at = timezone.localtime(played.starts_at)
    page.get_by_label("Starts at").fill(starts_at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("HCP who consults").select_option(label=played.hcp.get_full_name())
    page.get_by_label("Scenario").select_option(label="Feet and a new job")
    page.get_by_label("Representative's first name or pseudonym").fill("Jo")
    page.get_by_role("button", name="Add to the rota").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert "already plays another consultation" in page.content()
    check_both_widths(page, "simulations-rota-clash")

    page.get_by_label("Starts at").fill(starts_at.replace(hour=15).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Add to the rota").click()
    assert "The consultation is on the rota." in page.content()
    expect(page.get_by_role("heading", name="15:00", exact=True)).to_be_visible()


def test_hcp_records_a_care_plan_and_representative_reads_its_role_card(
    demo_network, live_server, open_page
):
    page = open_page("phone")
    sign_in(page, live_server, "hcp@example.org")
    page.goto(f"{live_server.url}/simulations/")
    expect(page.get_by_role("heading", name="My simulated consultations")).to_be_visible()
    check_both_widths(page, "simulations-mine")

    played = SimulationSession.objects.filter(
        hcp__email="hcp@example.org", care_plan__isnull=False
    ).first()
    page.goto(f"{live_server.url}/simulations/sessions/{played.pk}/")
    assert "Rejoin the slimming group" in page.content()
    check_both_widths(page, "simulations-session-hcp")
    page.get_by_role("link", name="Change the care plan").click()
    page.get_by_label("Agreed priorities and goals").fill("Better blood pressure control.")
    page.get_by_role("button", name="Save the care plan").click()
    assert "Your care plan is saved." in page.content()
    page.goto(f"{live_server.url}/simulations/sessions/{played.pk}/care-plan/")
    check_both_widths(page, "simulations-care-plan")
    page.goto(f"{live_server.url}/simulations/sessions/{played.pk}/letter/")
    assert "Dear Mrs Smith," in page.content()
    check_both_widths(page, "simulations-letter")

    rep = open_page("phone")
    sign_in(rep, live_server, "rep@example.org")
    rep.goto(f"{live_server.url}/simulations/representing/")
    expect(rep.get_by_role("heading", name="My sessions")).to_be_visible()
    check_both_widths(rep, "simulations-rep-sessions")
    rep.get_by_role("link", name="Your role card").first.click()
    expect(rep.get_by_role("heading", name="Your role card")).to_be_visible()
    assert "Learning points" not in rep.content()
    check_both_widths(rep, "simulations-role-card")

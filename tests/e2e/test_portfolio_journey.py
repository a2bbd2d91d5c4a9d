"""An HCP reflects, shares with its trainer and withdraws, plans a goal from a gap and exports."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Leading with results in the simulation"


def _both_widths(page, name):
    """Save the page at desktop width and at 375 pixels wide, checking both."""
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)
    screenshot(page, f"{name}-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    assert_accessible(page)
    screenshot(page, f"{name}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_reflect_share_withdraw_plan_and_export(demo_network, live_server, open_page):
    hcp = open_page("desktop")
    sign_in(hcp, live_server, "hcp@example.org")
    hcp.get_by_role("navigation", name="Menu").get_by_role("link", name="My portfolio").click()
    _both_widths(hcp, "portfolio-reflections")
    hcp.get_by_role("link", name="Write a reflection").click()
    hcp.get_by_label("What? So what? Now what?").check()
    hcp.get_by_role("button", name="Continue").click()
    hcp.get_by_label("Title").fill(TITLE)
    hcp.get_by_label("What?", exact=True).fill("I opened with the HbA1c before her agenda.")
    hcp.get_by_label("So what?", exact=True).fill("Her worries about her feet came second.")
    hcp.get_by_label("Now what?", exact=True).fill("Ask what she wants to talk about first.")
    status = hcp.locator("[data-autosave-status]")
    status.get_by_text("Draft saved at").wait_for(timeout=15000)
    hcp.get_by_label("Diab HA6", exact=False).check()
    _both_widths(hcp, "portfolio-reflection-form")
    hcp.get_by_role("button", name="Save and mark complete").click()
    assert "Your reflection has been saved and marked complete." in hcp.content()
    hcp.get_by_label("Share with").select_option(label="Tessa Okafor (trainer@example.org)")
    hcp.get_by_role("button", name="Share", exact=True).click()
    assert "Your reflection is shared with Tessa Okafor." in hcp.content()
    _both_widths(hcp, "portfolio-reflection-shared")
    reflection_url = hcp.url

    trainer = open_page("desktop")
    sign_in(trainer, live_server, "trainer@example.org")
    nav = trainer.get_by_role("navigation", name="Menu")
    nav.get_by_role("link", name="Shared reflections").click()
    _both_widths(trainer, "portfolio-shared-with-me")
    trainer.get_by_role("link", name=TITLE).click()
    assert "Her worries about her feet came second." in trainer.content()
    assert_accessible(trainer)

    hcp.get_by_role("button", name="Withdraw sharing with Tessa Okafor").click()
    assert "Tessa Okafor can no longer see it." in hcp.content()
    assert trainer.goto(reflection_url).status == 404

    hcp.goto(f"{live_server.url}/competences/")
    hcp.get_by_role("link", name="Plan a goal (Diab HA6)").click()
    hcp.get_by_label("Goal", exact=True).fill("Start each review from the person's agenda")
    review_on = timezone.localdate() + timedelta(days=30)
    hcp.get_by_label("Review date").fill(review_on.isoformat())
    hcp.get_by_label("What will be done").fill("Ask the agenda question first")
    hcp.get_by_label("Who will do it").fill("Me")
    hcp.get_by_label("By when").fill((review_on - timedelta(days=7)).isoformat())
    _both_widths(hcp, "portfolio-goal-form")
    hcp.get_by_role("button", name="Save the goal").click()
    assert "has been saved" in hcp.content()
    _both_widths(hcp, "portfolio-goal")
    hcp.goto(f"{live_server.url}/competences/")
    assert "Goal: Start each review from the person" in hcp.content()

    hcp.goto(f"{live_server.url}/portfolio/timeline/")
    _both_widths(hcp, "portfolio-timeline")
    hcp.get_by_role("link", name="Export").click()
    hcp.get_by_label("Development plan").check()
    _both_widths(hcp, "portfolio-export")
    with hcp.expect_download() as download:
        hcp.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename.endswith(".pdf")

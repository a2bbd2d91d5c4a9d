"""A trainer schedules a workshop and invites; an HCP books it, attends and gets a certificate."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, assert_accessible, screenshot, sign_in
from workshops.models import Workshop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Care planning foundation day: journey"


def test_trainer_runs_a_workshop_and_hcp_gets_its_certificate(
    demo_network, live_server, open_page, browser, tmp_path
):
    trainer = open_page("desktop")
    sign_in(trainer, live_server, "trainer@example.org")
    trainer.get_by_role("navigation", name="Menu").get_by_role("link", name="Workshops").click()
    assert_accessible(trainer)
    trainer.get_by_role("link", name="Schedule a workshop").click()
    trainer.get_by_label("Programme").select_option(label="Tower Hamlets care planning workshops")
    trainer.get_by_role("button", name="Continue").click()
    trainer.get_by_role("button", name="Schedule the workshop").click()
    expect(trainer.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(trainer)
    day = timezone.localdate() + timedelta(days=7)
    trainer.get_by_label("Title").fill(TITLE)
    trainer.get_by_label("The care planning model and its four domains").check()
    trainer.get_by_label("Site", exact=True).select_option(label="Tower Hamlets")
    trainer.get_by_label("Date").fill(day.isoformat())
    trainer.get_by_label("Start time").fill("09:30")
    trainer.get_by_label("End time").fill("12:30")
    trainer.get_by_label("Venue").fill("Training room 2, Mile End Hospital")
    trainer.get_by_label("Places").fill("10")
    trainer.get_by_label("Open for booking", exact=True).check()
    trainer.get_by_role("button", name="Schedule the workshop").click()
    assert "is scheduled. Now invite people to it." in trainer.content()
    trainer.get_by_label("Practice or team").select_option(label="Bow Road Health Centre")
    trainer.get_by_role("button", name="Invite the practice").click()
    assert "invited." in trainer.content()
    assert_accessible(trainer)
    screenshot(trainer, "workshop-detail-desktop")

    hcp = open_page("phone")
    sign_in(hcp, live_server, "hcp@example.org")
    hcp.goto(f"{live_server.url}/workshops/mine/")
    assert_accessible(hcp)
    hcp.get_by_role("link", name=TITLE).first.click()
    hcp.get_by_role("button", name="Book a place").click()
    assert "You are booked." in hcp.content()
    assert_accessible(hcp)
    screenshot(hcp, "workshop-booking-phone")
    with hcp.expect_download() as download:
        hcp.get_by_role("link", name="Add to your calendar (.ics)").click()
    ics = Path(download.value.path()).read_text()
    assert "BEGIN:VEVENT" in ics
    assert TITLE in ics.replace("\r\n ", "")

    workshop = Workshop.objects.get(title=TITLE)
    now = timezone.now()
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=now - timedelta(hours=2), ends_at=now - timedelta(minutes=5)
    )
    tablet = browser.new_context(viewport={"width": 768, "height": 1024}).new_page()
    tablet.console_errors = []
    sign_in(tablet, live_server, "trainer@example.org", DEMO_PASSWORD)
    tablet.goto(f"{live_server.url}/workshops/{workshop.pk}/register/")
    tablet.get_by_role("group", name="Hannah Price").get_by_label("Attended").check()
    assert_accessible(tablet)
    screenshot(tablet, "workshop-register-tablet")
    tablet.get_by_role("button", name="Save the register").click()
    assert "The register is saved." in tablet.content()
    tablet.context.close()

    hcp.goto(f"{live_server.url}/workshops/mine/")
    with hcp.expect_download() as download:
        hcp.get_by_role("link", name=f"Download your certificate for {TITLE} (PDF)").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert_accessible(hcp)

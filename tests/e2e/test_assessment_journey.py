"""An HCP asks its trainer to verify; the trainer reads the evidence and decides in a browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_hcp_asks_and_trainer_verifies(demo_network, live_server, open_page):
    hcp = open_page("phone")
    sign_in(hcp, live_server, "hcp@example.org")
    hcp.goto(f"{live_server.url}/competences/frameworks/")
    assert_accessible(hcp)
    hcp.get_by_role("link", name="Rate yourself on Diab HD7").click()
    hcp.get_by_role("button", name="Save my rating").click()
    expect(hcp.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(hcp)
    hcp.get_by_label("3 Competent").check()
    hcp.get_by_label("What do you do that shows this?").fill(
        "I monitor care plans for people admitted to the ward and agree changes with them."
    )
    hcp.get_by_role("button", name="Save my rating").click()
    assert "Your rating of Diab HD7 has been saved." in hcp.content()
    hcp.get_by_label("Who should verify it?").select_option(label="Tessa Okafor")
    hcp.get_by_role("button", name="Ask for verification").click()
    assert "Tessa Okafor has been asked to verify it." in hcp.content()
    assert_accessible(hcp)
    screenshot(hcp, "assessment-requested-phone")

    trainer = open_page("desktop")
    sign_in(trainer, live_server, "trainer@example.org")
    trainer.get_by_role("navigation", name="Menu").get_by_role("link", name="Verify").click()
    assert_accessible(trainer)
    screenshot(trainer, "verification-queue-desktop")
    waiting = trainer.get_by_role("row").filter(has_text="Diab HD7")
    expect(waiting).to_contain_text("No evidence")
    with_evidence = trainer.get_by_role("row").filter(has_text="A colleague observed").first
    expect(with_evidence).to_be_visible()
    with_evidence.get_by_role("checkbox").check()
    waiting.get_by_role("checkbox").check()
    trainer.get_by_role("button", name="Verify the chosen assessments").click()
    expect(trainer.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert "Hannah Price's Diab HD7 has no evidence" in trainer.content()
    assert_accessible(trainer)

    trainer.get_by_role("link", name="Diab HD7", exact=True).click()
    trainer.get_by_label("3 Competent").check()
    trainer.get_by_role("button", name="Verify", exact=True).click()
    expect(trainer.get_by_role("heading", name="There is a problem")).to_be_visible()
    trainer.get_by_label("How you observed it directly").fill(
        "Observed two ward rounds where she reviewed care plans with patients."
    )
    trainer.get_by_role("button", name="Verify", exact=True).click()
    assert "You verified Hannah Price's Diab HD7." in trainer.content()

    hcp.goto(f"{live_server.url}/competences/")
    rated = hcp.get_by_role("row").filter(has_text="Diab HD7")
    assert "Verified" in rated.inner_text()
    assert_accessible(hcp)
    screenshot(hcp, "competence-page-phone")

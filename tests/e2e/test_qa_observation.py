"""A trainer plans, records and writes up a QA observation on a tablet; the HCP agrees it."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
MEASURE = "The consultation brings in the person's own view as well as the professional's."


def test_trainer_records_and_hcp_agrees_an_observation(demo_network, live_server, open_page):
    trainer = open_page("desktop")
    trainer.set_viewport_size(TABLET)
    sign_in(trainer, live_server, "trainer@example.org")
    trainer.goto(f"{live_server.url}/feedback/qa/")
    assert_accessible(trainer)
    screenshot(trainer, "qa-list-tablet")
    trainer.get_by_role("link", name="Plan an observation").first.click()
    trainer.get_by_role("button", name="Plan the observation").click()
    expect(trainer.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(trainer)
    trainer.get_by_label("Who will you observe?").select_option(
        label="Hannah Price (hcp@example.org)"
    )
    trainer.get_by_label("Where?").select_option(label="Bow Road Health Centre")
    trainer.get_by_label("On what date?").fill("2026-12-15")
    trainer.get_by_label("Care planning happens in the diabetes service").check()
    trainer.get_by_label("Care planning follows the whole process").check()
    screenshot(trainer, "qa-plan-tablet")
    trainer.get_by_role("button", name="Plan the observation").click()

    expect(trainer.get_by_role("heading", name="Before the observation")).to_be_visible()
    concerns = trainer.get_by_role("group", name="particularly concerned about")
    concerns.get_by_label("Care planning follows the whole process").check()
    trainer.get_by_label("Concerns raised before the observation").fill(
        "Worried about running out of time when the person brings a long agenda."
    )
    assert_accessible(trainer)
    trainer.get_by_role("button", name="Save and go to the observation").click()

    expect(trainer.get_by_role("heading", name="During the observation")).to_be_visible()
    trainer.get_by_role("button", name="Save every measure").click()
    expect(trainer.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert "Say whether this was in place: The consultation brings in" in trainer.content()
    assert_accessible(trainer)
    groups = trainer.locator("fieldset.nhsuk-fieldset")
    for index in range(groups.count()):
        groups.nth(index).get_by_label("In place", exact=True).check()
    trainer.get_by_role("group", name=MEASURE).get_by_label("Partly in place").check()
    screenshot(trainer, "qa-during-tablet")
    trainer.get_by_role("button", name="Save every measure").click()

    expect(trainer.get_by_role("heading", name="After the observation")).to_be_visible()
    trainer.get_by_label("Discussion after the observation").fill(
        "The person's agenda came first; the plan was mostly the nurse's words."
    )
    trainer.get_by_label("What will be done").fill("Write the plan in the person's own words")
    trainer.get_by_label("Who will do it").fill("Hannah Price")
    trainer.get_by_label("By when").fill("2030-01-31")
    trainer.get_by_label("Confidence (0 to 10)").fill("7")
    assert_accessible(trainer)
    screenshot(trainer, "qa-after-tablet")
    trainer.get_by_role("button", name="Save and send for agreement").click()
    assert "The person observed can now read and agree it." in trainer.content()
    assert_accessible(trainer)
    screenshot(trainer, "qa-detail-discussed-tablet")

    hcp = open_page("phone")
    sign_in(hcp, live_server, "hcp@example.org")
    hcp.get_by_role("link", name="Observed by Tessa Okafor").first.click()
    assert "Partly in place" in hcp.content()
    assert "Write the plan in the person's own words" in hcp.content()
    hcp.get_by_role("button", name="Agree the observation").click()
    assert "Tick to say you have read and agree the observation." in hcp.content()
    assert_accessible(hcp)
    hcp.get_by_label("I have read this observation and agree it").check()
    hcp.get_by_role("button", name="Agree the observation").click()
    assert "You have agreed this observation." in hcp.content()
    assert_accessible(hcp)
    screenshot(hcp, "qa-detail-agreed-phone")

    manager = open_page("desktop")
    sign_in(manager, live_server, "manager@example.org")
    manager.goto(f"{live_server.url}/feedback/qa/report/")
    assert "Care planning follows the whole process" in manager.content()
    assert_accessible(manager)
    screenshot(manager, "qa-report-desktop")

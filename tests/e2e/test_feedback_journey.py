"""From the trainer's rota to the representative's phone to the HCP's feedback page."""

import contextlib

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories.feedback import observer_version, representative_version, workshop
from tests.factories.simulations import ScenarioFactory
from tests.factories.training_site import OrganisationFactory, person_with_role
from tests.factories.workshops import booking
from training_site.models import OrganisationKind, Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


@pytest.fixture
def day(transactional_db):
    """A workshop under way at a site, the HCP booked on it, a scenario and the questionnaires."""
    network = OrganisationFactory(name="Network", kind=OrganisationKind.NETWORK)
    site = OrganisationFactory(parent=network, name="Bow site", kind=OrganisationKind.SITE)
    trainer = person_with_role(Role.TRAINER, site, email="trainer@example.org", first_name="Tess")
    hcp = person_with_role(
        Role.HCP, site, email="hcp@example.org", first_name="Hana", last_name="Price"
    )
    representative_version()
    observer_version()
    ScenarioFactory(title="Mrs Smith's annual review")
    care_planning_day = workshop(site, trainers=[trainer], title="Care planning day")
    booking(care_planning_day, hcp)
    return care_planning_day


def put_on_the_rota(trainer, live_server, workshop):
    """The trainer adds Hana's consultation with Ray to the workshop's rota."""
    trainer.goto(f"{live_server.url}/workshops/{workshop.pk}/")
    trainer.get_by_role("link", name="Simulation rota").click()
    trainer.get_by_role("link", name="Add a consultation").click()
    now = timezone.localtime().replace(second=0, microsecond=0)
    trainer.get_by_label("Starts at").fill(now.strftime("%Y-%m-%dT%H:%M"))
    trainer.get_by_label("HCP who consults").select_option(label="Hana Price")
    trainer.get_by_label("Scenario").select_option(label="Mrs Smith's annual review")
    trainer.get_by_label("Representative's first name or pseudonym").fill("Ray")
    trainer.get_by_role("button", name="Add to the rota").click()
    assert "The consultation is on the rota." in trainer.content()
    assert_accessible(trainer)
    screenshot(trainer, "feedback-journey-rota-desktop")


def test_representative_gives_feedback_by_link_and_hcp_reads_it(day, live_server, open_page):
    trainer = open_page("desktop")
    sign_in(trainer, live_server, "trainer@example.org", PASSWORD)
    put_on_the_rota(trainer, live_server, day)
    trainer.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Feedback links"
    ).click()
    trainer.get_by_role("link", name="Care planning day").click()
    assert_accessible(trainer)
    trainer.get_by_role("button", name="Make links for every session still waiting").click()
    expect(trainer.get_by_text("Shown only now")).to_be_visible()
    assert trainer.locator("svg.yoc-qr").count() == 1
    assert_accessible(trainer)
    screenshot(trainer, "feedback-links-desktop")
    link = trainer.locator(".yoc-link-text").inner_text()

    phone = open_page("phone")
    phone.set_viewport_size({"width": 375, "height": 812})
    phone.goto(link)
    expect(phone.get_by_text("About your consultation with Hana.")).to_be_visible()
    assert phone.get_by_role("link", name="Sign out").count() == 0
    assert_accessible(phone)
    phone.get_by_label("5 Completely").first.check()
    phone.get_by_label("What went well?").fill("You asked what mattered to me first.")

    phone.context.set_offline(True)
    phone.get_by_role("button", name="Send my feedback").click()
    phone.wait_for_load_state()
    with contextlib.suppress(PlaywrightError):
        phone.reload()
    phone.context.set_offline(False)
    phone.goto(link)
    phone.console_errors.clear()
    expect(phone.get_by_text("We kept the answers you had already given")).to_be_visible()
    assert phone.get_by_label("What went well?").input_value() == (
        "You asked what mattered to me first."
    )
    assert phone.locator("input[name=item_story_heard][value='5']").is_checked()

    phone.get_by_role("group", name="Is the plan mine?").get_by_label("Yes").check()
    phone.get_by_label("A pseudonym").check()
    phone.get_by_role("button", name="Send my feedback").click()
    expect(phone.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        phone.get_by_role("link", name="Type the name the professional will see.")
    ).to_be_visible()
    assert phone.get_by_label("What went well?").input_value() == (
        "You asked what mattered to me first."
    )
    assert phone.get_by_label("A pseudonym").is_checked()
    phone.get_by_label("Pseudonym", exact=True).fill("Sunny")
    assert_accessible(phone)
    screenshot(phone, "feedback-form-phone")
    phone.get_by_role("button", name="Send my feedback").click()
    expect(phone.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(phone)

    again = phone.goto(link)
    assert again.status == 410
    expect(
        phone.get_by_role("heading", name="Your feedback has already been received")
    ).to_be_visible()
    phone.console_errors.clear()
    assert_accessible(phone)
    screenshot(phone, "feedback-link-refused-phone")

    hcp = open_page("phone")
    sign_in(hcp, live_server, "hcp@example.org", PASSWORD)
    hcp.goto(f"{live_server.url}/feedback/mine/")
    assert_accessible(hcp)
    hcp.get_by_role("link", name="Mrs Smith's annual review: Sunny").click()
    expect(hcp.get_by_role("heading", name="Feedback from Sunny")).to_be_visible()
    assert "You asked what mattered to me first." in hcp.content()
    assert "Ray" not in hcp.locator("main").inner_text()
    assert_accessible(hcp)
    screenshot(hcp, "feedback-about-me-phone")

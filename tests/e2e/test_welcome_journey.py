"""A manager imports a new starter from the HR extract; the starter signs in with its link."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ESR_EXTRACT = (
    "Assignment Number,Employee Name,Staff Group,Job Role,Position Title,Organisation,"
    "Assignment Start Date,Cost Centre,Email Address\r\n"
    '20001-1,"Newman, Nadia",Nursing and Midwifery Registered,Staff Nurse,Practice nurse,'
    "Bow Road Health Centre,01-Nov-2026,CC900,nadia.newman@example.org\r\n"
)
PASSWORD = "a long walk by the canal"


def test_a_new_starter_is_welcomed_and_signs_in_with_the_link_once(
    demo_network, live_server, open_page, tmp_path
):
    extract = tmp_path / "esr-extract.csv"
    extract.write_text(ESR_EXTRACT, encoding="utf-8")
    manager = open_page("desktop")
    sign_in(manager, live_server, "manager@example.org")
    manager.goto(f"{live_server.url}/competences/staff/import/")
    manager.get_by_label("HR extract").set_input_files(str(extract))
    manager.get_by_role("button", name="Continue").click()
    manager.get_by_role("button", name="Preview the import").click()
    assert_accessible(manager)
    screenshot(manager, "staff-import-preview-desktop")
    mail.outbox.clear()
    manager.get_by_role("button", name="Confirm import").click()
    manager.wait_for_load_state()
    expect(manager.locator("main")).to_contain_text("1 new")

    [welcome] = [m for m in mail.outbox if m.to == ["nadia.newman@example.org"]]
    assert welcome.subject.startswith("Welcome to")
    path = re.search(r"/account/welcome/\S+/", welcome.body).group(0)

    starter = open_page("phone")
    starter.goto(f"{live_server.url}{path}")
    assert_accessible(starter)
    screenshot(starter, "welcome-set-password-phone")
    starter.get_by_label("New password", exact=True).fill(PASSWORD)
    starter.get_by_label("New password confirmation").fill(PASSWORD)
    starter.get_by_role("button", name="Set password and sign in").click()
    starter.wait_for_load_state()
    expect(starter.locator("main")).to_contain_text("Your password is set and you are signed in.")
    assert starter.url.rstrip("/") == live_server.url
    assert_accessible(starter)

    again = open_page("phone")
    again.goto(f"{live_server.url}{path}")
    expect(again.get_by_role("heading", name="This link has been used")).to_be_visible()

"""Each demo role signs in and lands on its own home page, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORTS, assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLE_HOMES = {
    "admin": ("Hello, Alex", "The network", ["People", "Organisations", "Content admin"]),
    "trainer": ("Hello, Tessa", "Training you run", ["Content admin"]),
    "hcp": ("Hello, Hannah", "Your learning and competences", []),
    "rep": ("Hello, Ray", "Feedback you give", []),
    "manager": ("Hello, Maya", "Your team", ["People", "Organisations"]),
}


@pytest.mark.parametrize("role", ROLE_HOMES)
def test_demo_role_lands_on_its_home_page(role, demo_network, live_server, open_page):
    greeting, section, links = ROLE_HOMES[role]
    for viewport in VIEWPORTS:
        page = open_page(viewport)
        sign_in(page, live_server, f"{role}@example.org")

        assert page.url == f"{live_server.url}/"
        assert page.get_by_role("heading", level=1).inner_text() == greeting
        expect(page.get_by_role("heading", name=section)).to_be_visible()
        menu_toggle = page.locator("#toggle-menu")
        if menu_toggle.is_visible():
            menu_toggle.click()
        navigation = page.get_by_role("navigation", name="Menu")
        for link in links:
            expect(navigation.get_by_role("link", name=link)).to_be_visible()
        assert_accessible(page)
        screenshot(page, f"home-{role}-{viewport}")


def test_wrong_password_is_explained_next_to_the_form(demo_network, live_server, open_page):
    page = open_page("phone")
    sign_in(page, live_server, "hcp@example.org", "not-the-password")

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert "Enter a correct email address and password" in page.content()
    assert_accessible(page)
    screenshot(page, "sign-in-error-phone")

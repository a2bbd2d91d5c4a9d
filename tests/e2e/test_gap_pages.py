"""A site manager reads its skills-gap profile, the matrix and the training needs."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_manager_reads_the_gap_profile(viewport, demo_network, live_server, open_page):
    page = open_page(viewport)
    sign_in(page, live_server, "manager@example.org")

    page.goto(f"{live_server.url}/competences/gaps/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tower Hamlets"
    heatmap = page.locator("img.yoc-chart")
    assert heatmap.evaluate("image => image.complete && image.naturalWidth > 0")
    assert "Highest:" in heatmap.get_attribute("alt")
    assert_accessible(page)
    screenshot(page, f"gap-profile-{viewport}")

    page.get_by_role("link", name="People by competence").click()
    expect(page.get_by_role("link", name="Hannah Price")).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"gap-matrix-{viewport}")

    page.get_by_role("link", name="Training needs").click()
    assert "Training places to close it" in page.content()
    assert_accessible(page)
    screenshot(page, f"training-needs-{viewport}")

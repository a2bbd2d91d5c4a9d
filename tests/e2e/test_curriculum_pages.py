"""An HCP reads the curriculum: the index, a programme, a module and the comparison."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_hcp_reads_the_curriculum_and_compares_programmes(
    viewport, demo_network, live_server, open_page
):
    page = open_page(viewport)
    sign_in(page, live_server, "hcp@example.org")

    page.goto(f"{live_server.url}/curriculum/")
    assert page.get_by_role("heading", level=1).inner_text() == "Curriculum"
    assert_accessible(page)
    screenshot(page, f"curriculum-index-{viewport}")

    page.get_by_role("link", name="Year of Care unified care planning programme").click()
    expect(page.get_by_role("heading", name="Modules")).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"curriculum-programme-{viewport}")

    page.get_by_role("link", name="Goal setting and action planning").click()
    expect(page.get_by_role("heading", name="Learning outcomes")).to_be_visible()
    assert "Diab HA6" in page.content()
    assert "Facilitator notes" not in page.content()
    assert_accessible(page)
    screenshot(page, f"curriculum-module-{viewport}")

    page.goto(f"{live_server.url}/curriculum/compare/")
    assert "Every site's programme covers" in page.content()
    expect(page.get_by_text("Only Calderdale and Kirklees").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, f"curriculum-comparison-{viewport}")

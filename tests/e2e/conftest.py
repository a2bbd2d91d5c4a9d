"""Browser journeys: Playwright driving the system Chromium, with an axe-core check per page.

Without Chromium these tests are skipped with a message, except on CI (CI=true), where a
missing browser fails the run.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
ON_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    """Skip browser journeys, saying why, when there is no Chromium to drive."""
    if CHROMIUM.exists():
        return
    if ON_CI:
        raise pytest.UsageError(f"CI=true but Chromium is missing at {CHROMIUM}.")
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: browser journeys skipped "
        "(apt-get install -y chromium to run them)."
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def pytest_collection_finish(session):
    """Say once, at the top of the run, that the browser journeys will be skipped."""
    if not CHROMIUM.exists() and not ON_CI:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(
                f"NOTE: Chromium not found at {CHROMIUM}; browser journeys will be skipped.",
                yellow=True,
            )


@pytest.fixture(scope="package", autouse=True)
def allow_orm_beside_playwright():
    """Let the ORM run while Playwright's event loop is alive, for browser journeys only."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the whole run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Open a fresh page at a named viewport; console errors other than fonts are collected."""
    contexts = []

    def opener(viewport="desktop"):
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda message: _collect_error(page, message))
        return page

    yield opener
    for context in contexts:
        context.close()


def _collect_error(page, message):
    """Keep console errors, except fonts the closed network cannot fetch."""
    if message.type == "error" and "ERR_NAME_NOT_RESOLVED" not in message.text:
        page.console_errors.append(message.text)


def assert_accessible(page):
    """Fail on a serious or critical WCAG 2.2 AA violation, a console error or sideways scroll."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, f"Accessibility violations on {page.url}:\n" + "\n".join(blocking)
    assert not page.console_errors, f"Console errors on {page.url}: {page.console_errors}"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def screenshot(page, name):
    """Save a full-page screenshot under artifacts/screenshots for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


DEMO_PASSWORD = "demo-journey-password"


@pytest.fixture
def demo_network(transactional_db):
    """The demo network, with every demo account's password set to DEMO_PASSWORD."""
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", password=DEMO_PASSWORD, stdout=quiet)


def sign_in(page, live_server, email, password=DEMO_PASSWORD):
    """Sign in through the real form and wait for the page it lands on."""
    page.goto(f"{live_server.url}/account/sign-in/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

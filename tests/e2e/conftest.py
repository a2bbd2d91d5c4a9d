"""Browser journeys: Playwright driving the system Chromium, with an axe-core check per page.

Without Chromium these tests are skipped with a message, except on CI (CI=true), where a
missing browser fails the run.
"""

import os
import time
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
    """Sign in through the real form, with an authenticator code if asked, and wait for the page."""
    device = authenticator_of(email)
    page.goto(f"{live_server.url}/account/sign-in/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if device:
        page.wait_for_url("**/account/second-factor/**")
        assert_accessible(page)
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()
        assert "/account/second-factor/" not in page.url, f"Code not accepted for {email}"


def authenticator_of(email):
    """Return the confirmed authenticator app of a person who must use one, set up if missing."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from training_site.second_factor import APP_DEVICE_NAME, second_factor_required

    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None or not second_factor_required(user):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)


def current_code(device):
    """Return the code an authenticator app shows now, after any code already used."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    ahead = device.last_t + 1 - totp.t()
    if ahead > device.tolerance:
        time.sleep((ahead - device.tolerance) * device.step)
        totp.time = time.time()
        ahead = device.last_t + 1 - totp.t()
    totp.time += max(ahead, 0) * device.step
    return f"{totp.token():0{device.digits}d}"

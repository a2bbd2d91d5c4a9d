"""Every link the demo shows each role leads somewhere that role may go.

Loads the whole demo once, because what is checked is every page the demo's people reach.
Sorting and paging links, downloads, the content admin and signing out are not followed.
"""

from io import StringIO
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from training_site.models import User

pytestmark = pytest.mark.django_db

DEMO_ROLES = [
    "admin@example.org",
    "manager@example.org",
    "trainer@example.org",
    "hcp@example.org",
    "rep@example.org",
]
PAGE_LIMIT = 1000
MIN_PAGES = 20
BROKEN = {404, 410, 500}
SKIPPED_PREFIXES = ("/account/sign-out/", f"/{settings.WAGTAILADMIN_PATH}", "/documents/")
SKIPPED_ENDINGS = (".csv", ".xlsx", ".pdf", ".zip", ".ics", ".svg", ".png", "/export/")
SKIPPED_QUERIES = ("sort=", "page=", "-sort=", "-page=")


def followable(href, base):
    """Return the site path a link leads to, or None for links the crawl does not follow."""
    if not href or href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    url, _fragment = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_ENDINGS):
        return None
    if any(key in parts.query for key in SKIPPED_QUERIES):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def crawl(client):
    """Follow same-site links from the home page; return how many pages answered, and the broken."""
    queue, seen, broken, visited = [("/", "(start)")], {"/"}, [], 0
    while queue and visited < PAGE_LIMIT:
        url, found_on = queue.pop(0)
        visited += 1
        response = client.get(url)
        if response.status_code in BROKEN:
            broken.append(f"{response.status_code} {url} (linked from {found_on})")
            continue
        if response.status_code in (301, 302):
            hrefs = [response["Location"]]
        elif "html" in response.get("Content-Type", ""):
            soup = BeautifulSoup(response.content, "html.parser")
            hrefs = [anchor["href"] for anchor in soup.find_all("a", href=True)]
        else:
            hrefs = []
        for href in hrefs:
            target = followable(href, url)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, url))
    return visited, broken


@pytest.fixture
def demo():
    """The demo network, people, curriculum, workshops and feedback, as seed_demo builds them."""
    call_command("seed_demo", password="demo-password-for-tests", stdout=StringIO())


def test_no_demo_role_is_shown_a_link_that_is_missing_gone_or_failing(demo):
    broken = []
    for email in DEMO_ROLES:
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(email=email))
        visited, found = crawl(client)
        assert visited >= MIN_PAGES, f"{email} reached only {visited} pages"
        broken += [f"{email}: {line}" for line in found]
    assert not broken, "\n".join(broken)

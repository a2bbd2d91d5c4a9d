"""The seeded demo end to end: the comparison and the training needs managers see.

The one place the whole demo is loaded, because what is checked is the demo itself.
"""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from curriculum.models import ModulePage
from training_site.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    """The demo network, people, competences and curriculum, as seed_demo builds them."""
    call_command("seed_demo", password="demo-password-for-tests", stdout=StringIO())


def get_as(client, email, url):
    """Fetch a page signed in as a demo account; return it parsed."""
    client.force_login(User.objects.get(email=email))
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_seeded_comparison_shows_the_components_every_site_covers(client, seeded):
    soup = get_as(client, "hcp@example.org", reverse("curriculum:compare"))

    inset = soup.find("strong", string="Every site's programme covers:").find_parent("div")
    common = [li.get_text() for li in inset.find_all("li")]
    assert "The care planning philosophy and consultation skills" in common
    assert "Engaging clinicians to attend" not in common
    assert "Only Calderdale and Kirklees" in soup.get_text()


def test_seeded_manager_sees_modules_among_the_training_needs(client, seeded):
    soup = get_as(client, "manager@example.org", reverse("competences:training-needs"))

    offered = {(a.get_text(), a["href"]) for a in soup.select(".nhsuk-card li a")}
    goals = ModulePage.objects.get(
        title="Goal setting and action planning", url_path__contains="unified"
    )
    label = f"Module: Goal setting and action planning ({goals.get_parent().title})"
    assert (label, goals.url) in offered

"""The engagement report: who has been trained, by practice and post, scoped and exported."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.competences import PostProfileFactory, StaffPostFactory
from tests.factories.training_site import person_with_role
from tests.factories.workshops import booking, workshop
from training_site.models import Role
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def trained(ws_programme, site_a, hcp, second_hcp, practice_a):
    """Hana attended a workshop, Harry is booked on a coming one."""
    past = workshop(ws_programme, site_a, days=-10)
    coming = workshop(ws_programme, site_a, days=10)
    booking(past, hcp, BookingStatus.ATTENDED)
    booking(coming, second_hcp, BookingStatus.BOOKED)
    nurse = PostProfileFactory(name="Practice nurse", organisation=None)
    StaffPostFactory(user=hcp, profile=nurse, organisation=practice_a)
    StaffPostFactory(user=second_hcp, profile=nurse, organisation=practice_a)


def test_manager_sees_practices_posts_and_who_is_not_trained(client, trained, manager, team_a):
    untrained = person_with_role(Role.HCP, team_a, first_name="Una", last_name="Trained")
    client.force_login(manager)
    page = client.get(reverse("workshops:engagement"))
    rows = {
        row.label: (row.hcps, row.attended, row.booked, row.not_yet)
        for row in page.context["units"]
    }
    assert rows == {"Practice A": (2, 1, 1, 0), "Team A": (1, 0, 0, 1)}
    posts = {row.label: (row.hcps, row.attended, row.booked) for row in page.context["posts"]}
    assert posts == {"Practice nurse": (2, 1, 1)}
    not_trained = {p.pk for p in page.context["not_trained"]}
    assert untrained.pk in not_trained
    assert len(not_trained) == 2
    assertContains(page, "Una Trained")
    assertNotContains(page, "Hana ")


def test_other_manager_cannot_see_another_site(client, trained, other_manager, site_a, hcp):
    client.force_login(other_manager)
    url = reverse("workshops:engagement") + f"?organisation={site_a.pk}"
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("workshops:engagement-csv") + f"?organisation={site_a.pk}").status_code
        == 404
    )
    client.force_login(hcp)
    assert client.get(reverse("workshops:engagement")).status_code == 404


def test_csv_lists_everyone_and_escapes_formulas(client, trained, manager, practice_a):
    person_with_role(Role.HCP, practice_a, first_name="=HYPERLINK(1)", last_name="Evil")
    client.force_login(manager)
    response = client.get(reverse("workshops:engagement-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "hcp@example.org,Hana" in text
    title, blank, *lines = text.strip().splitlines()
    today = timezone.localdate()
    assert title == f'"Workshop engagement: Site A, on {today.day} {today:%B %Y}"'
    assert blank == ""
    assert lines[0] == "Email,First name,Last name,Workplace,Attended a workshop,Booked"
    assert len(lines) == 4
    assert response["Content-Disposition"] == (
        f'attachment; filename="workshop-engagement-site-a-{today:%Y-%m-%d}.csv"'
    )


def test_engagement_query_count_does_not_grow(
    client, ws_programme, site_a, practice_a, team_a, manager, django_assert_max_num_queries
):
    def add(count):
        coming = workshop(ws_programme, site_a, days=10)
        for _ in range(count):
            booking(coming, person_with_role(Role.HCP, practice_a))
            person_with_role(Role.HCP, team_a)

    add(2)
    client.force_login(manager)
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("workshops:engagement"))
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("workshops:engagement"))

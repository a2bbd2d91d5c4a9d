"""The skills-gap pages: who may see them, what they show, and what they cost."""

import base64
import re
from datetime import datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from competences.models import AssessmentAction, AssessmentStatus
from tests.factories.competences import (
    AssessmentEventFactory,
    AssessmentFactory,
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.training_site import OrganisationFactory, person_with_role
from training_site.models import OrganisationKind, Profession, Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_share_shown(settings):
    """Show every share, however small the group: these tests check the arithmetic."""
    settings.SMALL_NUMBER_THRESHOLD = 1


PAGES = ["gap-profile", "gap-matrix", "training-needs"]
DOWNLOADS = [
    "gap-summary-csv",
    "gap-summary-xlsx",
    "gap-matrix-csv",
    "gap-matrix-xlsx",
    "gap-report",
]
EVERY_URL = PAGES + DOWNLOADS
PREPARED = ["gap-summary-xlsx", "gap-matrix-xlsx", "gap-report"]
NOT_MANAGERS = ["hcp", "trainer", "representative", "outsider"]


def days_ago(days):
    """Return the date some days before today."""
    return timezone.localdate() - timedelta(days=days)


def at(day, hour=12):
    """Return an aware datetime in the site's time zone on a day."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def get_as(client, user, name, **params):
    """Fetch a gap page or download signed in as a person."""
    client.force_login(user)
    return client.get(reverse(f"competences:{name}"), params)


def page(response):
    """Parse a page's HTML."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    """Return an element's text with white space collapsed."""
    return " ".join(element.get_text(" ").split())


def table_with_caption(soup, words):
    """Return the table whose caption contains some words."""
    for caption in soup.find_all("caption"):
        if words in caption.get_text():
            return caption.find_parent("table")
    raise AssertionError(f"No table captioned {words!r}")


def summary_table(response):
    """Return the profile's summary as {code: [cell texts]}, and its column headings."""
    table = table_with_caption(page(response), "per competence")
    headings = [text(th).removesuffix(" (sort)") for th in table.thead.find_all("th")]
    rows = {
        text(tr.th.strong): [text(td) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    return headings, rows


def matrix(response):
    """Return the matrix's column headings and rows of cell texts."""
    soup = page(response)
    table = soup.find("table", class_="nhsuk-table")
    headings = [text(th).removesuffix(" (sort)") for th in table.thead.find_all("th")]
    rows = [[text(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    return headings, rows


def names_in(response):
    """Return the names in the matrix, in the order shown."""
    return [row[0] for row in matrix(response)[1]]


def error_messages(response):
    """Return the texts of the page's error summary."""
    return [text(li) for li in page(response).select(".nhsuk-error-summary li")]


# Access


@pytest.mark.parametrize("name", EVERY_URL)
@pytest.mark.parametrize("fixture", NOT_MANAGERS)
def test_people_who_manage_nothing_get_404(client, request, hcp_post, fixture, name):
    person = request.getfixturevalue(fixture)

    assert get_as(client, person, name).status_code == 404


@pytest.mark.parametrize("name", EVERY_URL)
def test_anonymous_visitor_is_sent_to_sign_in(client, hcp_post, name):
    url = reverse(f"competences:{name}")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("name", EVERY_URL)
def test_site_manager_gets_its_own_site(client, manager, site_a, hcp_post, name):
    response = get_as(client, manager, name)

    if name in PREPARED:
        assert response.status_code == 302
        status = page(client.get(response["Location"]))
        assert "Site A" in text(status.h1)
        response = client.get(status.find("a", string=re.compile(r"^Download "))["href"])
    assert response.status_code == 200
    if name in PAGES:
        assert text(page(response).h1).endswith("Site A")
    else:
        assert "site-a" in response["Content-Disposition"]


@pytest.mark.parametrize("name", EVERY_URL)
def test_site_manager_gets_404_for_the_other_site(client, manager, site_b, hcp_post, name):
    assert get_as(client, manager, name, organisation=site_b.pk).status_code == 404


@pytest.mark.parametrize("name", EVERY_URL)
def test_site_manager_gets_404_for_the_network_above_it(client, manager, network, hcp_post, name):
    assert get_as(client, manager, name, organisation=network.pk).status_code == 404


@pytest.mark.parametrize("name", EVERY_URL)
def test_other_manager_cannot_see_site_a(client, other_manager, site_a, hcp_post, name):
    assert get_as(client, other_manager, name, organisation=site_a.pk).status_code == 404


def test_other_manager_sees_only_its_own_site_by_default(client, other_manager, workforce):
    headings, rows = summary_table(get_as(client, other_manager, "gap-profile"))

    assert rows["Diab HA1"][:4] == ["1", "1", "0", "0"]
    assert rows["Diab HA2"][:4] == ["1", "1", "0", "0"]


def test_site_manager_sees_a_unit_below_its_site(client, manager, practice_a, workforce):
    response = get_as(client, manager, "gap-profile", organisation=practice_a.pk)

    headings, rows = summary_table(response)
    assert text(page(response).h1) == "Practice A"
    assert rows["Diab HA2"][:5] == ["3", "0", "1", "2", "0%"]


def test_network_admin_sees_the_whole_network_by_default(client, admin, workforce):
    response = get_as(client, admin, "gap-profile")

    headings, rows = summary_table(response)
    assert text(page(response).h1) == "Test network"
    assert rows == {
        "Diab HA1": ["4", "3", "0", "1", "75%"],
        "Diab HA2": ["5", "2", "1", "2", "40%"],
        "Diab HA6": ["4", "1", "0", "3", "25%"],
    }


def test_network_admin_sees_the_other_site(client, admin, site_b, workforce):
    response = get_as(client, admin, "gap-profile", organisation=site_b.pk)

    assert text(page(response).h1) == "Site B"


# The profile: summary, heatmap, comparison, benchmark


def test_profile_shows_counts_per_competence(client, manager, workforce):
    headings, rows = summary_table(get_as(client, manager, "gap-profile"))

    assert headings[:6] == ["Competence", "Need it", "Met", "Self-assessed only", "Gap", "% met"]
    assert {code: cells[:5] for code, cells in rows.items()} == {
        "Diab HA1": ["3", "2", "0", "1", "67%"],
        "Diab HA2": ["4", "1", "1", "2", "25%"],
        "Diab HA6": ["3", "0", "0", "3", "0%"],
    }


def heatmap_image(client, response):
    """Return the heatmap <img> of a profile page and the SVG it shows.

    The image is either inline (a data:image/svg+xml URI) or served by the site as
    image/svg+xml; either way the SVG is read the way a browser would.
    """
    image = page(response).find("img", alt=lambda alt: alt and "Heatmap" in alt)
    assert image is not None
    src = image["src"]
    if src.startswith("data:image/svg+xml"):
        header, data = src.split(",", 1)
        svg = base64.b64decode(data).decode() if header.endswith(";base64") else data
    else:
        served = client.get(src)
        assert served.status_code == 200
        assert served["Content-Type"].startswith("image/svg+xml")
        svg = served.content.decode()
    return image, svg


def test_profile_shows_heatmap_image_described_in_words(client, manager, workforce):
    image, svg = heatmap_image(client, get_as(client, manager, "gap-profile"))

    assert "<svg" in svg
    assert "Practice A" in svg and "Team A" in svg
    assert "Highest: Team A, Diab HA2, 100% met." in image["alt"]
    lowest = image["alt"].split("Lowest:")[1]
    assert lowest.startswith(" Practice A, Diab HA")
    assert "0% met" in lowest


@pytest.mark.parametrize("fixture", ["other_manager", "hcp", "outsider", None])
def test_heatmap_image_of_site_a_is_not_served_to_others(
    client, request, manager, site_a, workforce, fixture
):
    image, svg = heatmap_image(client, get_as(client, manager, "gap-profile"))
    if image["src"].startswith("data:"):
        pytest.skip("The heatmap is inline in the page, which is tested for access.")
    src = f"{image['src'].split('?')[0]}?organisation={site_a.pk}"
    client.logout()
    if fixture:
        client.force_login(request.getfixturevalue(fixture))

    response = client.get(src)

    assert response.status_code == (404 if fixture else 302)


def test_profile_shows_heatmap_numbers_in_a_table(client, manager, workforce):
    table = table_with_caption(page(get_as(client, manager, "gap-profile")), "heatmap")

    headings = [text(th).removesuffix(" (sort)") for th in table.thead.find_all("th")]
    rows = {
        text(tr.th): [text(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")
    }
    assert headings == ["Unit", "Diab HA1", "Diab HA2", "Diab HA6"]
    assert rows == {
        "Practice A": ["67% (3)", "0% (3)", "0% (3)"],
        "Team A": ["–", "100% (1)", "–"],
    }


def test_network_heatmap_has_a_row_per_site(client, admin, workforce):
    table = table_with_caption(page(get_as(client, admin, "gap-profile")), "heatmap")

    rows = {
        text(tr.th): [text(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")
    }
    assert rows == {
        "Site A": ["67% (3)", "25% (4)", "0% (3)"],
        "Site B": ["100% (1)", "100% (1)", "100% (1)"],
    }


def test_profile_without_posts_says_so_and_shows_no_heatmap(client, manager, site_a):
    soup = page(get_as(client, manager, "gap-profile"))

    assert "Nobody in Site A holds a post" in text(soup)
    assert soup.find("img") is None


@pytest.fixture
def verified_ten_days_ago(hcp, practice_a, practice_nurse, trainer):
    """The HCP asked for verification 40 days ago and was verified at level 3 10 days ago."""
    StaffPostFactory(user=hcp, profile=practice_nurse, organisation=practice_a)
    expires = timezone.localdate() + timedelta(days=365)
    assessment = AssessmentFactory(
        hcp=hcp,
        competence=national_competence("Diab HA1"),
        level=3,
        verified=True,
        assessor=trainer,
        expires_on=expires,
    )
    AssessmentEventFactory(
        assessment=assessment,
        action=AssessmentAction.REQUESTED,
        to_status=AssessmentStatus.AWAITING,
        at=at(days_ago(40)),
    )
    AssessmentEventFactory(
        assessment=assessment,
        actor=trainer,
        action=AssessmentAction.VERIFIED,
        from_status=AssessmentStatus.AWAITING,
        to_status=AssessmentStatus.VERIFIED,
        verified_level=3,
        expires_on=expires,
        at=at(days_ago(10)),
    )
    return assessment


def test_profile_compared_with_an_earlier_date_shows_the_change(
    client, manager, verified_ten_days_ago, practice_a
):
    ward = PostProfileFactory(name="Ward nurse")
    PostRequirementFactory(
        profile=ward, competence=national_competence("Diab HD7"), foundation_level=2
    )
    newcomer = person_with_role(Role.HCP, practice_a)
    StaffPostFactory(user=newcomer, profile=ward, organisation=practice_a, since=days_ago(5))
    compare = days_ago(20)

    response = get_as(client, manager, "gap-profile", compare=compare.isoformat())

    headings, rows = summary_table(response)
    assert headings[6] == f"Change since {compare.day} {compare:%b %Y}"
    assert rows["Diab HA1"][:6] == ["1", "1", "0", "0", "100%", "0% to 100%"]
    assert rows["Diab HA2"][5] == "0% to 0%"
    assert rows["Diab HD7"][5] == "Not needed then"


def test_profile_without_compare_has_no_change_column(client, manager, verified_ten_days_ago):
    headings, rows = summary_table(get_as(client, manager, "gap-profile"))

    assert not any(heading.startswith("Change since") for heading in headings)


def test_profile_on_a_past_date_shows_the_state_then(client, manager, verified_ten_days_ago):
    response = get_as(client, manager, "gap-profile", on=days_ago(20).isoformat())

    headings, rows = summary_table(response)
    assert rows["Diab HA1"][:5] == ["1", "0", "1", "0", "0%"]


def test_site_manager_sees_rest_of_network_hidden_when_too_few(
    client, manager, workforce, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 5

    headings, rows = summary_table(get_as(client, manager, "gap-profile"))

    assert headings[-1] == "Rest of the network, % met"
    for code in ("Diab HA1", "Diab HA2", "Diab HA6"):
        assert rows[code][-1] == "Not shown: fewer than 5 people"


def test_site_manager_sees_rest_of_network_share_unless_it_reveals_everyones_status(
    client, manager, workforce, settings, practice_b, practice_nurse
):
    """A share of 0% or 100% tells the status of every person in the group, so it is hidden."""
    settings.SMALL_NUMBER_THRESHOLD = 1
    colleague = person_with_role(Role.HCP, practice_b)
    StaffPostFactory(user=colleague, profile=practice_nurse, organisation=practice_b)
    AssessmentFactory(
        hcp=colleague, competence=national_competence("Diab HA6"), level=3, verified=True
    )

    headings, rows = summary_table(get_as(client, manager, "gap-profile"))

    assert headings[-1] == "Rest of the network, % met"
    assert rows["Diab HA1"][-1] == "50%"
    assert rows["Diab HA2"][-1] == "50%"
    assert rows["Diab HA6"][-1].startswith("Not shown")


@pytest.mark.parametrize("organisation", [None, "site_a"])
def test_network_admin_gets_no_benchmark_column(
    client, request, admin, workforce, settings, organisation
):
    settings.SMALL_NUMBER_THRESHOLD = 1
    params = {"organisation": request.getfixturevalue(organisation).pk} if organisation else {}

    response = get_as(client, admin, "gap-profile", **params)

    headings, rows = summary_table(response)
    assert "Rest of the network, % met" not in headings
    assert "Not shown" not in text(page(response))


# The matrix


def test_matrix_shows_people_by_competence_with_tags(client, manager, workforce):
    headings, rows = matrix(get_as(client, manager, "gap-matrix"))

    assert headings == ["Name", "Post", "Organisation", "Diab HA1", "Diab HA2", "Diab HA6"]
    by_name = {row[0]: row[1:] for row in rows}
    assert set(by_name) == {
        workforce.nurse.get_full_name(),
        workforce.new_nurse.get_full_name(),
        "Lee Lastday",
        "Asha Assistant",
    }
    assert by_name[workforce.nurse.get_full_name()] == [
        "Practice nurse",
        "Practice A",
        "Met needs level 3",
        "Self-assessed needs level 3",
        "Gap needs level 3",
    ]
    assert by_name[workforce.new_nurse.get_full_name()][2:] == [
        "Met needs level 2",
        "Gap needs level 2",
        "Gap needs level 2",
    ]
    assert by_name["Asha Assistant"] == [
        "Healthcare assistant",
        "Team A",
        "Not needed –",
        "Met needs level 2",
        "Not needed –",
    ]


def test_matrix_tags_use_the_nhs_colours(client, manager, workforce):
    soup = page(get_as(client, manager, "gap-matrix"))

    tags = {text(tag): tag["class"] for tag in soup.select("strong.nhsuk-tag")}
    assert "nhsuk-tag--green" in tags["Met"]
    assert "nhsuk-tag--red" in tags["Gap"]
    assert "nhsuk-tag--yellow" in tags["Self-assessed"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"unit": "team_a"}, {"Asha Assistant"}),
        ({"unit": "practice_a"}, {"nurse", "new_nurse", "Lee Lastday"}),
        ({"post": "healthcare_assistant"}, {"Asha Assistant"}),
        ({"post": "practice_nurse"}, {"nurse", "new_nurse", "Lee Lastday"}),
        ({"profession": Profession.HEALTHCARE_ASSISTANT}, {"Asha Assistant"}),
        ({"status": "gap"}, {"nurse", "new_nurse", "Lee Lastday"}),
        ({"status": "self_assessed"}, {"nurse"}),
        ({"status": "met"}, {"nurse", "new_nurse", "Asha Assistant"}),
        ({"unit": "practice_a", "status": "met"}, {"nurse", "new_nurse"}),
    ],
    ids=[
        "unit-team",
        "unit-practice",
        "post-assistant",
        "post-nurse",
        "profession",
        "status-gap",
        "status-self-assessed",
        "status-met",
        "unit-and-status",
    ],
)
def test_matrix_filters(client, request, manager, workforce, filters, expected):
    params = {
        key: (request.getfixturevalue(value).pk if key in ("unit", "post") else value)
        for key, value in filters.items()
    }
    wanted = {
        getattr(workforce, name).get_full_name() if hasattr(workforce, name) else name
        for name in expected
    }

    response = get_as(client, manager, "gap-matrix", **params)

    assert set(names_in(response)) == wanted


def test_matrix_unit_filter_offers_only_units_in_scope(client, manager, workforce):
    response = get_as(client, manager, "gap-matrix")

    choices = [text(option) for option in page(response).select("select[name=unit] option")]
    assert "– Practice A" in choices
    assert not any("Site B" in choice or "Practice B" in choice for choice in choices)


@pytest.fixture
def named(workforce):
    """The workforce, with the two nurses given names that sort predictably."""
    for person, first, last in (
        (workforce.nurse, "Nia", "Nurse"),
        (workforce.new_nurse, "Nico", "Newnurse"),
    ):
        person.first_name, person.last_name = first, last
        person.save()
    return workforce


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Asha Assistant", "Lee Lastday", "Nico Newnurse", "Nia Nurse"]),
        ("-name", ["Nia Nurse", "Nico Newnurse", "Lee Lastday", "Asha Assistant"]),
    ],
)
def test_matrix_sorts_by_name(client, manager, named, sort, expected):
    assert names_in(get_as(client, manager, "gap-matrix", sort=sort)) == expected


def test_matrix_sorts_by_post(client, manager, named):
    ascending = matrix(get_as(client, manager, "gap-matrix", sort="post"))[1]
    descending = matrix(get_as(client, manager, "gap-matrix", sort="-post"))[1]

    assert [row[1] for row in ascending] == ["Healthcare assistant"] + ["Practice nurse"] * 3
    assert [row[1] for row in descending] == ["Practice nurse"] * 3 + ["Healthcare assistant"]


@pytest.fixture
def sixty_people(site_a, practice_a, practice_nurse):
    """Sixty practice nurses in practice A, named Person 00 to Person 59."""
    people = []
    for n in range(60):
        person = person_with_role(
            Role.HCP, practice_a, first_name="Pat", last_name=f"Person{n:02d}"
        )
        StaffPostFactory(user=person, profile=practice_nurse, organisation=practice_a)
        people.append(person)
    return people


def test_matrix_shows_fifty_people_a_page(client, manager, sixty_people):
    first = get_as(client, manager, "gap-matrix")
    second = get_as(client, manager, "gap-matrix", page=2)

    assert names_in(first) == [f"Pat Person{n:02d}" for n in range(50)]
    assert names_in(second) == [f"Pat Person{n:02d}" for n in range(50, 60)]
    assert "60 people" in text(page(first))
    assert "Page 2 of 2" in text(page(first))


def test_matrix_second_page_shows_the_states_of_its_people(client, manager, sixty_people):
    AssessmentFactory(
        hcp=sixty_people[55],
        competence=national_competence("Diab HA1"),
        level=3,
        verified=True,
    )

    headings, rows = matrix(get_as(client, manager, "gap-matrix", page=2))

    by_name = {row[0]: row[3:] for row in rows}
    assert by_name["Pat Person55"] == [
        "Met needs level 3",
        "Gap needs level 3",
        "Gap needs level 3",
    ]
    assert by_name["Pat Person56"][0] == "Gap needs level 3"


# Training needs


def test_training_needs_ranks_the_biggest_gap_first(client, manager, workforce):
    soup = page(get_as(client, manager, "training-needs"))

    cards = soup.select(".nhsuk-card")
    headings = [text(card.h2) for card in cards]
    assert [heading.split(" ", 1)[1][: len("Diab HA6")] for heading in headings] == [
        "Diab HA6",
        "Diab HA2",
        "Diab HA1",
    ]
    assert headings[0].startswith("1. Diab HA6")
    first = {text(row.dt): text(row.dd) for row in cards[0].select(".nhsuk-summary-list__row")}
    assert first == {
        "People with a gap": "3 of 3 who need it",
        "Training places to close it": "3",
        "Waiting on verification": "0",
    }
    second = {text(row.dt): text(row.dd) for row in cards[1].select(".nhsuk-summary-list__row")}
    assert second["Training places to close it"] == "2"
    assert second["Waiting on verification"] == "1"


def test_training_needs_without_posts_says_so(client, manager, site_a):
    soup = page(get_as(client, manager, "training-needs"))

    assert soup.select(".nhsuk-card") == []
    assert "no training needs to rank" in text(soup)


# Validation


@pytest.mark.parametrize("name", PAGES)
def test_future_date_shows_an_error_not_a_crash(client, manager, workforce, name):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = get_as(client, manager, name, on=tomorrow.isoformat())

    messages = error_messages(response)
    assert any("must be" in message for message in messages)
    assert text(page(response).h1).endswith("Site A")


@pytest.mark.parametrize("name", PAGES)
def test_compare_date_after_the_profile_date_shows_an_error(client, manager, workforce, name):
    response = get_as(
        client,
        manager,
        name,
        on=days_ago(10).isoformat(),
        compare=days_ago(5).isoformat(),
    )

    messages = error_messages(response)
    assert any("must be before" in message for message in messages)


def test_profile_with_invalid_dates_shows_today(client, manager, workforce):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = get_as(client, manager, "gap-profile", on=tomorrow.isoformat())

    headings, rows = summary_table(response)
    assert rows["Diab HA1"][:5] == ["3", "2", "0", "1", "67%"]
    assert not any(heading.startswith("Change since") for heading in headings)


# Query budgets


def grow(site, practice_nurse, healthcare_assistant, people, units):
    """Add people in new units below a site, in posts and with assessments in every state."""
    competences = [national_competence(code) for code in ("Diab HA1", "Diab HA2", "Diab HA6")]
    states = [{"verified": True}, {"awaiting": True}, {"returned": True}, {}, None]
    places = [OrganisationFactory(parent=site, kind=OrganisationKind.TEAM) for _ in range(units)]
    for n in range(people):
        place = places[n % units]
        person = person_with_role(Role.HCP, place)
        profile = practice_nurse if n % 3 else healthcare_assistant
        StaffPostFactory(
            user=person, profile=profile, organisation=place, since=days_ago(100 + 200 * (n % 3))
        )
        for m, competence in enumerate(competences):
            state = states[(n + m) % len(states)]
            if state is not None:
                AssessmentFactory(hcp=person, competence=competence, level=3, **state)


def queries_for(client, name):
    """Return how many queries a page costs, checking it answers."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"competences:{name}"))
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_page_costs_the_same_queries_with_ten_times_the_workforce(
    client, manager, site_a, practice_nurse, healthcare_assistant, name
):
    grow(site_a, practice_nurse, healthcare_assistant, people=4, units=2)
    client.force_login(manager)
    client.get(reverse(f"competences:{name}"))
    small = queries_for(client, name)

    grow(site_a, practice_nurse, healthcare_assistant, people=36, units=18)
    large = queries_for(client, name)

    assert large == small

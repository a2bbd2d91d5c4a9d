"""The site's own pages: home, people, organisations and the header's navigation."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from wagtail import hooks

from tests.factories.training_site import MembershipFactory, person_with_role
from training_site.home import HOOK_NAME as HOME_HOOK
from training_site.home import ROLE_EMPTY_TEXTS, ROLE_HEADINGS
from training_site.models import Profession, Role
from training_site.wagtail_hooks import site_home_panels

pytestmark = pytest.mark.django_db

NAV_LINK = re.compile(
    r'<a class="nhsuk-header__navigation-link" href="(?P<url>[^"]+)"[^>]*>\s*'
    r"(?:<strong[^>]*>\s*)?(?P<label>[^<]+?)\s*<"
)


def navigation(response):
    """Return the header's links as {label: url}."""
    return {m["label"]: m["url"] for m in NAV_LINK.finditer(response.content.decode())}


def cell(content):
    """Match a table cell holding exactly this content, whatever its other attributes."""
    return re.compile(rf'<td[^>]*class="nhsuk-table__cell"[^>]*>{content}</td>')


def listed(response, person):
    """Say whether a person's row is in the people table."""
    return bool(cell(re.escape(person.email)).search(response.content.decode()))


@pytest.fixture
def cast(hcp, second_hcp, hcp_b, trainer, representative, manager, other_manager, admin):
    """Everyone holding a role, so that each test sees the whole network."""


def get_as(client, user, url):
    """Fetch a page signed in as a person."""
    client.force_login(user)
    return client.get(url)


@pytest.fixture
def only_site_panels(monkeypatch):
    """Leave out the panels other apps add, so each role's section has none of its own."""
    get_hooks = hooks.get_hooks
    monkeypatch.setattr(
        hooks,
        "get_hooks",
        lambda name: [site_home_panels] if name == HOME_HOOK else get_hooks(name),
    )


ROLE_FIXTURES = [
    (Role.HCP, "hcp"),
    (Role.TRAINER, "trainer"),
    (Role.REPRESENTATIVE, "representative"),
    (Role.MANAGER, "manager"),
    (Role.NETWORK_ADMIN, "admin"),
]


@pytest.mark.parametrize("role, fixture", ROLE_FIXTURES)
def test_home_greets_each_role_with_its_own_section(client, request, cast, role, fixture):
    person = request.getfixturevalue(fixture)
    response = get_as(client, person, reverse("home"))
    assertContains(response, f"Hello, {person.first_name}")
    assertContains(response, f'<h2 id="section-{role}">{ROLE_HEADINGS[role]}</h2>', html=False)
    for other, heading in ROLE_HEADINGS.items():
        if heading and other != role:
            assertNotContains(response, heading)


@pytest.mark.parametrize(
    "role, fixture",
    [(Role.HCP, "hcp"), (Role.TRAINER, "trainer"), (Role.REPRESENTATIVE, "representative")],
)
def test_home_section_without_panels_shows_its_empty_state(
    client, request, cast, only_site_panels, role, fixture
):
    response = get_as(client, request.getfixturevalue(fixture), reverse("home"))
    assertContains(response, ROLE_HEADINGS[role])
    assertContains(response, escape(ROLE_EMPTY_TEXTS[role]))


def test_representative_home_says_how_feedback_links_arrive(client, representative):
    response = get_as(client, representative, reverse("home"))
    assertContains(response, escape(ROLE_EMPTY_TEXTS[Role.REPRESENTATIVE]))


def test_hcp_home_lists_its_role_and_practice(client, hcp):
    response = get_as(client, hcp, reverse("home"))
    assertContains(response, "Health care professional at Practice A")


def test_manager_home_counts_its_people_and_who_never_signed_in(client, cast, manager):
    response = get_as(client, manager, reverse("home"))
    assertContains(response, f">{ROLE_HEADINGS[Role.MANAGER]}</h2>")
    assertContains(response, "People in your organisations")
    assertContains(response, "4 people have never signed in.")
    assertContains(response, f'href="{reverse("people-list")}?signed_in=never"')
    assertNotContains(response, ROLE_HEADINGS[Role.HCP])


def test_manager_whose_people_have_all_signed_in_is_told_so(client, manager, hcp):
    hcp.last_login = timezone.now()
    hcp.save(update_fields=["last_login"])
    response = get_as(client, manager, reverse("home"))
    assertContains(response, "Everyone in your organisations has signed in at least once.")


def test_network_admin_home_names_sites_without_a_manager(client, admin, manager, site_b):
    response = get_as(client, admin, reverse("home"))
    assertContains(response, f">{ROLE_HEADINGS[Role.NETWORK_ADMIN]}</h2>")
    assertContains(response, "Organisations and accounts")
    assertContains(response, "1 site has no manager:")
    assertContains(response, "<li>Site B</li>", html=False)
    assertNotContains(response, "<li>Site A</li>", html=False)


def test_network_admin_home_counts_accounts_without_a_role(client, cast, admin, outsider):
    response = get_as(client, admin, reverse("home"))
    assertContains(response, "Every site has a manager.")
    assertContains(response, "1 account holds no role anywhere")


def test_outsider_home_says_it_has_no_role_yet(client, cast, outsider):
    response = get_as(client, outsider, reverse("home"))
    assertContains(response, "Hello, Olly")
    assertContains(response, "You do not have a role in any organisation yet.")
    for heading in ROLE_HEADINGS.values():
        if heading:
            assertNotContains(response, heading)


def test_person_with_two_roles_sees_a_section_for_each_in_order(client, hcp, site_a):
    MembershipFactory(user=hcp, organisation=site_a, role=Role.TRAINER)
    response = get_as(client, hcp, reverse("home"))
    content = response.content.decode()
    assert content.index(ROLE_HEADINGS[Role.HCP]) < content.index(ROLE_HEADINGS[Role.TRAINER])
    assertNotContains(response, ROLE_HEADINGS[Role.MANAGER])


@pytest.mark.parametrize(
    "name, args",
    [
        ("home", []),
        ("people-list", []),
        ("person-detail", [1]),
        ("organisation-list", []),
        ("account", []),
        ("password_change", []),
    ],
)
def test_anonymous_visitor_is_sent_to_sign_in(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)


@pytest.mark.parametrize("fixture", ["hcp", "trainer", "representative", "outsider"])
@pytest.mark.parametrize("name", ["people-list", "organisation-list"])
def test_people_and_organisations_answer_404_to_those_who_do_not_manage(
    client, request, cast, outsider, fixture, name
):
    response = get_as(client, request.getfixturevalue(fixture), reverse(name))
    assert response.status_code == 404


def test_manager_people_list_shows_its_site_and_not_another(
    client, cast, manager, hcp, second_hcp, trainer, representative, hcp_b, other_manager
):
    response = get_as(client, manager, reverse("people-list"))
    assert response.status_code == 200
    for person in (hcp, second_hcp, trainer, representative):
        assert listed(response, person)
        assertContains(response, escape(person.get_full_name()))
    for person in (hcp_b, other_manager):
        assert not listed(response, person)
        assertNotContains(response, escape(person.get_full_name()))
    assertContains(response, "<p>4 people</p>", html=False)


def test_manager_people_list_shows_each_persons_roles(client, manager, hcp):
    response = get_as(client, manager, reverse("people-list"))
    assertContains(response, "Health care professional, Practice A")


def test_other_manager_people_list_shows_only_site_b(client, cast, other_manager, hcp, hcp_b):
    response = get_as(client, other_manager, reverse("people-list"))
    assert listed(response, hcp_b)
    assert not listed(response, hcp)


def test_network_admin_people_list_shows_both_sites(client, cast, admin, hcp, hcp_b, manager):
    response = get_as(client, admin, reverse("people-list"))
    for person in (hcp, hcp_b, manager):
        assert listed(response, person)


def test_manager_sees_a_person_of_its_site(client, cast, manager, hcp):
    response = get_as(client, manager, reverse("person-detail", args=[hcp.pk]))
    assertContains(response, f"<h1>{escape(hcp.get_full_name())}</h1>", html=False)
    assertContains(response, "Health care professional at Practice A")


def test_person_page_title_is_the_persons_name(client, manager, hcp):
    response = get_as(client, manager, reverse("person-detail", args=[hcp.pk]))
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL).group(1)
    assert title == f"{escape(hcp.get_full_name())} – Year of Care training"


def test_other_manager_gets_404_for_a_person_of_another_site(client, cast, other_manager, hcp):
    response = get_as(client, other_manager, reverse("person-detail", args=[hcp.pk]))
    assert response.status_code == 404
    assertNotContains(response, hcp.email, status_code=404)


@pytest.mark.parametrize("fixture", ["second_hcp", "representative", "trainer", "outsider"])
def test_non_managers_get_404_for_someone_else(client, request, cast, outsider, hcp, fixture):
    response = get_as(
        client, request.getfixturevalue(fixture), reverse("person-detail", args=[hcp.pk])
    )
    assert response.status_code == 404


def test_person_may_see_its_own_record(client, hcp):
    response = get_as(client, hcp, reverse("person-detail", args=[hcp.pk]))
    assertContains(response, hcp.email)


def test_person_detail_answers_404_for_no_such_person(client, manager):
    response = get_as(client, manager, reverse("person-detail", args=[999_999]))
    assert response.status_code == 404


def test_people_filter_by_name_or_email(client, cast, manager, hcp, second_hcp, trainer):
    response = get_as(client, manager, reverse("people-list") + "?q=HCP2")
    assert listed(response, second_hcp)
    assert not listed(response, hcp)
    assert not listed(response, trainer)


def test_people_filter_by_name_needs_every_word_to_match(client, cast, manager, hcp, second_hcp):
    response = get_as(client, manager, reverse("people-list") + "?q=Harry+hcp@")
    assertContains(response, "Nobody matches these filters.")
    response = client.get(reverse("people-list") + "?q=Harry+hcp2@")
    assert listed(response, second_hcp)


def test_people_filter_by_role(client, cast, manager, hcp, trainer, representative):
    response = get_as(client, manager, reverse("people-list") + "?role=trainer")
    assert listed(response, trainer)
    assert not listed(response, hcp)
    assert not listed(response, representative)


def test_people_filter_by_organisation_includes_those_below_it(
    client, cast, manager, practice_a, hcp, second_hcp, trainer
):
    response = get_as(client, manager, reverse("people-list") + f"?organisation={practice_a.pk}")
    assert listed(response, hcp)
    assert listed(response, second_hcp)
    assert not listed(response, trainer)


def test_people_filter_cannot_reach_an_organisation_the_manager_does_not_manage(
    client, cast, manager, site_b, hcp_b
):
    response = get_as(client, manager, reverse("people-list") + f"?organisation={site_b.pk}")
    assert response.status_code == 200
    assert not listed(response, hcp_b)


def test_people_filter_by_profession(client, cast, manager, hcp, second_hcp):
    second_hcp.profession = Profession.DOCTOR
    second_hcp.save(update_fields=["profession"])
    response = get_as(client, manager, reverse("people-list") + "?profession=doctor")
    assert listed(response, second_hcp)
    assert not listed(response, hcp)


def test_people_filter_never_signed_in(client, cast, manager, hcp, second_hcp):
    hcp.last_login = timezone.now()
    hcp.save(update_fields=["last_login"])
    response = get_as(client, manager, reverse("people-list") + "?signed_in=never")
    assert listed(response, second_hcp)
    assert not listed(response, hcp)
    response = client.get(reverse("people-list") + "?signed_in=yes")
    assert listed(response, hcp)
    assert not listed(response, second_hcp)


def test_organisation_list_shows_the_managed_tree_with_counts(
    client, cast, manager, site_a, practice_a, team_a, site_b
):
    response = get_as(client, manager, reverse("organisation-list"))
    content = response.content.decode()
    for organisation in (site_a, practice_a, team_a):
        assert f"?organisation={organisation.pk}" in content
    assert f"?organisation={site_b.pk}" not in content
    assertNotContains(response, "Site B")
    assertNotContains(response, "Test network")


def count_queries(client, url):
    """Return how many queries a page runs, after one request to warm any caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_hcps(organisation, number):
    """Give an organisation more HCPs, half of whom have signed in."""
    for n in range(number):
        person = person_with_role(Role.HCP, organisation)
        if n % 2:
            person.last_login = timezone.now()
            person.save(update_fields=["last_login"])


@pytest.mark.parametrize(
    "fixture, name",
    [
        ("manager", "people-list"),
        ("admin", "people-list"),
        ("manager", "home"),
        ("admin", "home"),
        ("manager", "organisation-list"),
    ],
)
def test_page_runs_the_same_number_of_queries_however_many_people(
    client, request, cast, practice_a, team_a, fixture, name
):
    client.force_login(request.getfixturevalue(fixture))
    url = reverse(name)
    before = count_queries(client, url)
    add_hcps(practice_a, 20)
    add_hcps(team_a, 10)
    after = count_queries(client, url)
    assert after == before


def test_people_list_shows_25_people_a_page(client, manager, practice_a):
    add_hcps(practice_a, 30)
    response = get_as(client, manager, reverse("people-list"))
    assertContains(response, "<p>30 people</p>", html=False)
    page = response.content.decode()
    assert len(re.findall(r'<td[^>]*class="nhsuk-table__cell"[^>]*><a href="/people/', page)) == 25
    assertContains(response, "Page 2 of 2")


@pytest.mark.parametrize("fixture", ["manager", "admin"])
def test_navigation_offers_people_and_organisations_to_those_who_manage(
    client, request, cast, fixture
):
    links = navigation(get_as(client, request.getfixturevalue(fixture), reverse("home")))
    assert links["Home"] == reverse("home")
    assert links["People"] == reverse("people-list")
    assert links["Organisations"] == reverse("organisation-list")


@pytest.mark.parametrize("fixture", ["hcp", "trainer", "representative", "outsider"])
def test_navigation_hides_people_and_organisations_from_others(client, request, cast, fixture):
    response = get_as(client, request.getfixturevalue(fixture), reverse("home"))
    links = navigation(response)
    assert links["Home"] == reverse("home")
    assert "People" not in links
    assert "Organisations" not in links
    assertNotContains(response, f'href="{reverse("people-list")}"')


def test_navigation_marks_the_page_being_viewed(client, manager):
    response = get_as(client, manager, reverse("people-list"))
    assertContains(response, f'href="{reverse("people-list")}" aria-current="page"', html=False)
    assertNotContains(response, f'href="{reverse("home")}" aria-current="page"', html=False)


def test_anonymous_visitor_sees_no_navigation(client):
    response = client.get(reverse("login"))
    assert navigation(response) == {}

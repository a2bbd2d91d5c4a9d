"""Workshop tables: sorted by the column a person chooses, a page at a time, filters kept."""

import pytest
from django.urls import reverse

from tests.factories.training_site import person_with_role
from tests.factories.workshops import booking, workshop
from training_site.models import Role
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


def seen_order(page, *texts):
    """Return the texts in the order they appear on the page."""
    content = page.content.decode()
    return sorted(texts, key=content.index)


def test_dashboard_sorts_by_the_chosen_column(client, ws_programme, site_a, trainer):
    workshop(ws_programme, site_a, trainers=[trainer], days=10, title="Alpha day", capacity=9)
    beta = workshop(ws_programme, site_a, trainers=[trainer], days=5, title="Beta day")
    booking(beta, person_with_role(Role.HCP, site_a))
    client.force_login(trainer)
    url = reverse("workshops:index")
    assert seen_order(client.get(url), "Alpha day", "Beta day") == ["Beta day", "Alpha day"]
    by_title = client.get(url + "?sort=title")
    assert seen_order(by_title, "Alpha day", "Beta day") == ["Alpha day", "Beta day"]
    most_booked = client.get(url + "?sort=-booked")
    assert seen_order(most_booked, "Alpha day", "Beta day") == ["Beta day", "Alpha day"]
    assert 'aria-sort="descending"' in most_booked.content.decode()


def test_dashboard_shows_25_workshops_a_page(client, ws_programme, site_a, trainer):
    for day in range(26):
        workshop(ws_programme, site_a, trainers=[trainer], days=3 + day)
    client.force_login(trainer)
    url = reverse("workshops:index")
    first = client.get(url).content.decode()
    assert first.count("Register<span") == 25
    assert "Page 2 of 2" in first
    assert client.get(url + "?page=2").content.decode().count("Register<span") == 1


def test_engagement_tables_sort_and_keep_the_organisation(
    client, ws_programme, site_a, practice_a, team_a, manager
):
    for _ in range(3):
        person_with_role(Role.HCP, team_a)
    person_with_role(Role.HCP, practice_a, first_name="Zak", last_name="Aaronson")
    person_with_role(Role.HCP, practice_a, first_name="Amy", last_name="Zeller")
    client.force_login(manager)
    url = reverse("workshops:engagement") + f"?organisation={site_a.pk}"
    practice, team = 'cell">Practice A<', 'cell">Team A<'
    by_path = client.get(url)
    assert seen_order(by_path, practice, team) == [practice, team]
    assert seen_order(client.get(url + "&unit-sort=-hcps"), practice, team) == [team, practice]
    assert seen_order(by_path, "Zak Aaronson", "Amy Zeller") == ["Zak Aaronson", "Amy Zeller"]
    reversed_names = client.get(url + "&sort=-name")
    assert seen_order(reversed_names, "Zak Aaronson", "Amy Zeller") == [
        "Amy Zeller",
        "Zak Aaronson",
    ]
    assert f"organisation={site_a.pk}&amp;sort=name" in reversed_names.content.decode()


def test_not_yet_trained_shows_50_a_page_and_keeps_the_organisation(
    client, site_a, practice_a, manager
):
    for _ in range(51):
        person_with_role(Role.HCP, practice_a)
    client.force_login(manager)
    url = reverse("workshops:engagement") + f"?organisation={site_a.pk}"
    first = client.get(url)
    assert len(first.context["not_trained"]) == 50
    assert f"organisation={site_a.pk}&amp;page=2" in first.content.decode()
    assert len(client.get(url + "&page=2").context["not_trained"]) == 1


def test_bookings_sort_by_name_within_their_status(client, a_workshop, trainer, site_a):
    for first, last in (("Ann", "Young"), ("Bob", "Adams")):
        booking(a_workshop, person_with_role(Role.HCP, site_a, first_name=first, last_name=last))
    booking(a_workshop, person_with_role(Role.HCP, site_a, first_name="Cy", last_name="Moss"))
    booking(
        a_workshop,
        person_with_role(Role.HCP, site_a, first_name="Di", last_name="Wait"),
        BookingStatus.WAITING,
    )
    client.force_login(trainer)
    url = reverse("workshops:detail", args=[a_workshop.pk])
    names = ("Bob Adams", "Cy Moss", "Ann Young")
    assert seen_order(client.get(url + "?booked-sort=hcp"), *names) == list(names)
    reverse_page = client.get(url + "?booked-sort=-hcp")
    assert seen_order(reverse_page, *names) == list(reversed(names))
    text = reverse_page.content.decode()
    assert 'Di Wait <span class="nhsuk-body-s">(number 1 on the list)</span>' in text
    assert 'Cancel<span class="nhsuk-u-visually-hidden"> Di Wait\'s place' in text


def test_my_workshops_sort_each_list_on_its_own(client, ws_programme, site_a, hcp):
    for title, days, status in (
        ("Alder course", -20, BookingStatus.ATTENDED),
        ("Birch course", -5, BookingStatus.DID_NOT_ATTEND),
        ("Cedar day", 12, BookingStatus.BOOKED),
        ("Damson day", 4, BookingStatus.BOOKED),
    ):
        booking(workshop(ws_programme, site_a, title=title, days=days), hcp, status)
    client.force_login(hcp)
    url = reverse("workshops:mine")
    default = client.get(url)
    assert seen_order(default, "Alder course", "Birch course") == ["Birch course", "Alder course"]
    assert seen_order(default, "Cedar day", "Damson day") == ["Damson day", "Cedar day"]
    by_title = client.get(url + "?past-sort=workshop&booked-sort=-workshop")
    assert seen_order(by_title, "Alder course", "Birch course") == ["Alder course", "Birch course"]
    assert seen_order(by_title, "Cedar day", "Damson day") == ["Damson day", "Cedar day"]
    by_date = client.get(url + "?booked-sort=-starts_at")
    assert seen_order(by_date, "Cedar day", "Damson day") == ["Cedar day", "Damson day"]
    assert "Download your certificate" in by_date.content.decode()
    assert "Add to calendar" in by_date.content.decode()


def test_register_sorts_by_name_and_still_saves_everyone(client, ws_programme, site_a, trainer):
    today = workshop(ws_programme, site_a, trainers=[trainer], days=0)
    places = [
        booking(today, person_with_role(Role.HCP, site_a, first_name=first, last_name=last))
        for first, last in (("Ann", "Young"), ("Bob", "Adams"))
    ]
    client.force_login(trainer)
    url = reverse("workshops:register", args=[today.pk])
    names = ("Bob Adams", "Ann Young")
    assert seen_order(client.get(url), *names) == ["Bob Adams", "Ann Young"]
    assert seen_order(client.get(url + "?sort=-name"), *names) == ["Ann Young", "Bob Adams"]
    client.post(
        url + "?sort=-name",
        {f"booking-{places[0].pk}": "attended", f"booking-{places[1].pk}": "did_not_attend"},
    )
    statuses = {b.hcp.last_name: b.status for b in today.bookings.select_related("hcp")}
    assert statuses == {"Young": BookingStatus.ATTENDED, "Adams": BookingStatus.DID_NOT_ATTEND}

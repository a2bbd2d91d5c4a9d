"""Workshop pages: who may see them, scheduling, invitations, booking, register, certificate."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from competences.models import Evidence
from tests.factories.competences import (
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.training_site import person_with_role
from tests.factories.workshops import booking, workshop
from tests.html_forms import posted_back
from training_site.models import Role
from workshops.models import Booking, BookingStatus, Workshop, WorkshopWave

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"workshops:{name}", args=args)


@pytest.mark.parametrize("name", ["detail", "edit", "register", "cancel"])
def test_people_outside_the_workshop_get_404(
    client, a_workshop, name, hcp, other_manager, outsider, hcp_b
):
    for person in (hcp, other_manager, outsider, hcp_b):
        client.force_login(person)
        assert client.get(_url(name, a_workshop.pk)).status_code == 404


def test_trainer_and_site_manager_see_the_workshop_page(client, a_workshop, trainer, manager):
    booking(a_workshop, person_with_role(Role.HCP, a_workshop.site, first_name="Zoe"))
    for person in (trainer, manager):
        client.force_login(person)
        page = client.get(_url("detail", a_workshop.pk))
        assertContains(page, "1 of 2")
        assertContains(page, "Zoe")


def test_a_trainer_of_another_workshop_gets_404(client, a_workshop, site_a):
    other_trainer = person_with_role(Role.TRAINER, site_a, email="t2@example.org")
    client.force_login(other_trainer)
    assert client.get(_url("detail", a_workshop.pk)).status_code == 404


def test_schedule_a_workshop_with_modules_of_its_programme(
    client, trainer, ws_programme, ws_modules, site_a
):
    client.force_login(trainer)
    assertContains(client.get(_url("create")), "Choose a programme")
    day = timezone.localdate() + timedelta(days=14)
    response = client.post(
        _url("create"),
        {
            "title": "Foundation day",
            "programme": ws_programme.pk,
            "modules": [ws_modules[0].pk],
            "site": site_a.pk,
            "day": day.isoformat(),
            "starts": "09:30",
            "ends": "16:00",
            "venue": "Room 2",
            "capacity": "12",
            "status": "open",
        },
    )
    created = Workshop.objects.get(title="Foundation day")
    assert response.url == _url("detail", created.pk)
    assert list(created.trainers.all()) == [trainer]
    assert list(created.modules.all()) == [ws_modules[0]]
    assert str(created.cpd_hours_awarded) == "6.5"


def test_bad_workshop_input_is_explained_next_to_each_field(client, trainer, ws_programme, site_a):
    client.force_login(trainer)
    response = client.post(
        _url("create"),
        {
            "title": "Broken",
            "programme": ws_programme.pk,
            "site": site_a.pk,
            "day": timezone.localdate().isoformat(),
            "starts": "16:00",
            "ends": "09:00",
            "venue": "",
            "capacity": "0",
            "status": "open",
        },
    )
    assertContains(response, "The end time must be after the start time.")
    assertContains(response, "Give a venue or an online link.")
    assertContains(response, "greater than or equal to 1")
    assert not Workshop.objects.exists()


def test_trainer_cannot_schedule_at_another_site(client, trainer, ws_programme, site_b):
    client.force_login(trainer)
    response = client.post(
        _url("create"),
        {"programme": ws_programme.pk, "site": site_b.pk, "title": "Elsewhere"},
    )
    assertContains(response, "Select a valid choice")


def test_invite_a_practice_and_nobody_twice(
    client,
    a_workshop,
    trainer,
    hcp,
    second_hcp,
    hcp_b,
    practice_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("invite", a_workshop.pk), {"by": "practice", "practice": practice_a.pk})
        again = client.post(
            _url("invite", a_workshop.pk),
            {"by": "practice", "practice": practice_a.pk},
            follow=True,
        )
    assert set(a_workshop.bookings.values_list("hcp__email", flat=True)) == {
        "hcp@example.org",
        "hcp2@example.org",
    }
    assertContains(again, "Nobody new to invite")
    assert len(mailoutbox) == 2
    assert _url("booking", a_workshop.pk) in mailoutbox[0].body


def test_a_practice_at_another_site_cannot_be_invited(client, a_workshop, trainer, practice_b):
    client.force_login(trainer)
    response = client.post(
        _url("invite", a_workshop.pk), {"by": "practice", "practice": practice_b.pk}
    )
    assertContains(response, "Select a valid choice")
    assert not a_workshop.bookings.exists()


def test_invite_by_post(client, a_workshop, trainer, hcp, second_hcp, practice_a):
    nurse = PostProfileFactory(name="Practice nurse", organisation=None)
    StaffPostFactory(user=hcp, profile=nurse, organisation=practice_a)
    client.force_login(trainer)
    client.post(_url("invite", a_workshop.pk), {"by": "post", "profile": nurse.pk})
    assert list(a_workshop.bookings.values_list("hcp", flat=True)) == [hcp.pk]


def test_invite_people_with_a_gap_the_workshop_develops(
    client, a_workshop, trainer, hcp, second_hcp, practice_a
):
    needs_ha1 = PostProfileFactory(name="Practice nurse", organisation=None)
    PostRequirementFactory(
        profile=needs_ha1,
        competence=national_competence("Diab HA1"),
        foundation_level=2,
        full_level=3,
    )
    needs_other = PostProfileFactory(name="Podiatrist", organisation=None)
    PostRequirementFactory(
        profile=needs_other,
        competence=national_competence("Diab HA6"),
        foundation_level=2,
        full_level=3,
    )
    StaffPostFactory(user=hcp, profile=needs_ha1, organisation=practice_a)
    StaffPostFactory(user=second_hcp, profile=needs_other, organisation=practice_a)
    client.force_login(trainer)
    client.post(_url("invite", a_workshop.pk), {"by": "needs"})
    assert list(a_workshop.bookings.values_list("hcp", flat=True)) == [hcp.pk]


def test_invite_the_wave_practices(client, a_workshop, trainer, hcp, hcp_b, practice_a, site_a):
    wave = WorkshopWave.objects.create(name="Wave 1", site=site_a)
    wave.practices.set([practice_a])
    a_workshop.wave = wave
    a_workshop.save()
    client.force_login(trainer)
    client.post(_url("invite", a_workshop.pk), {"by": "wave"})
    assert list(a_workshop.bookings.values_list("hcp", flat=True)) == [hcp.pk]


def test_hcp_books_and_downloads_the_calendar_file(
    client, a_workshop, hcp, mailoutbox, django_capture_on_commit_callbacks
):
    booking(a_workshop, hcp, BookingStatus.INVITED)
    client.force_login(hcp)
    assertContains(client.get(_url("booking", a_workshop.pk)), "Book a place")
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(_url("booking", a_workshop.pk), {"action": "book"}, follow=True)
    assertContains(page, "You are booked.")
    ics = client.get(_url("calendar", a_workshop.pk))
    assert ics["Content-Type"] == "text/calendar"
    assert b"BEGIN:VEVENT" in ics.content
    assert b"SUMMARY:Care planning workshop" in ics.content
    assert mailoutbox[0].attachments[0][2] == "text/calendar"


def test_hcp_declines_an_invitation(client, a_workshop, hcp):
    booking(a_workshop, hcp, BookingStatus.INVITED)
    client.force_login(hcp)
    page = client.post(_url("booking", a_workshop.pk), {"action": "decline"}, follow=True)
    assertContains(page, "You have declined the invitation.")
    assert Booking.objects.get(hcp=hcp).status == BookingStatus.DECLINED


def test_hcp_sees_open_workshops_at_its_site_but_not_elsewhere(
    client, ws_programme, site_a, site_b, hcp
):
    here = workshop(ws_programme, site_a, title="Here")
    there = workshop(ws_programme, site_b, title="There")
    client.force_login(hcp)
    mine = client.get(_url("mine"))
    assertContains(mine, "Here")
    assertNotContains(mine, "There")
    assert client.get(_url("booking", here.pk)).status_code == 200
    assert client.get(_url("booking", there.pk)).status_code == 404


def test_calendar_file_only_for_a_booked_person(client, a_workshop, hcp, second_hcp):
    booking(a_workshop, hcp)
    client.force_login(second_hcp)
    assert client.get(_url("calendar", a_workshop.pk)).status_code == 404


def test_register_is_one_row_per_booked_hcp_and_saves_all_at_once(
    client, ws_programme, ws_modules, site_a, trainer, hcp, second_hcp
):
    today = workshop(ws_programme, site_a, modules=ws_modules, trainers=[trainer], days=0)
    came, absent = booking(today, hcp), booking(today, second_hcp)
    booking(today, person_with_role(Role.HCP, site_a, first_name="Wanda"), BookingStatus.WAITING)
    client.force_login(trainer)
    page = client.get(_url("register", today.pk))
    assertContains(page, "Hana")
    assertNotContains(page, "Wanda")
    incomplete = client.post(_url("register", today.pk), {f"booking-{came.pk}": "attended"})
    assertContains(incomplete, "as attended or did not attend.")
    assert Booking.objects.get(pk=came.pk).status == BookingStatus.BOOKED
    client.post(
        _url("register", today.pk),
        {f"booking-{came.pk}": "attended", f"booking-{absent.pk}": "did_not_attend"},
    )
    assert Booking.objects.get(pk=came.pk).status == BookingStatus.ATTENDED
    assert Evidence.objects.filter(hcp=hcp, kind="workshop").count() == 2


def test_certificate_only_for_the_hcp_who_attended(
    client, ws_programme, ws_modules, site_a, trainer, hcp, second_hcp
):
    past = workshop(ws_programme, site_a, modules=ws_modules, trainers=[trainer], days=-3)
    booking(past, hcp, BookingStatus.ATTENDED)
    booking(past, second_hcp, BookingStatus.DID_NOT_ATTEND)
    client.force_login(hcp)
    pdf = client.get(_url("certificate", past.pk))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assertContains(client.get(_url("mine")), "Download your certificate")
    for person in (second_hcp, trainer):
        client.force_login(person)
        assert client.get(_url("certificate", past.pk)).status_code == 404


def test_trainer_cancels_a_place_and_the_waiting_list_moves_up(
    client, a_workshop, trainer, hcp, second_hcp, hcp_b
):
    place = booking(a_workshop, hcp)
    booking(a_workshop, second_hcp)
    booking(a_workshop, hcp_b, BookingStatus.WAITING)
    client.force_login(trainer)
    client.post(_url("booking-cancel", place.pk))
    assert Booking.objects.get(hcp=hcp_b).status == BookingStatus.BOOKED


def test_outsider_cannot_cancel_a_place(client, a_workshop, hcp, other_manager):
    place = booking(a_workshop, hcp)
    client.force_login(other_manager)
    assert client.post(_url("booking-cancel", place.pk)).status_code == 404
    assert Booking.objects.get(pk=place.pk).status == BookingStatus.BOOKED


def test_trainer_cancels_the_workshop(client, a_workshop, trainer):
    client.force_login(trainer)
    assertContains(client.get(_url("cancel", a_workshop.pk)), "Cancel the workshop")
    client.post(_url("cancel", a_workshop.pk))
    a_workshop.refresh_from_db()
    assert a_workshop.is_cancelled


def test_dashboard_lists_coming_workshops_with_counts(
    client, a_workshop, trainer, hcp, second_hcp, hcp_b, outsider
):
    booking(a_workshop, hcp)
    booking(a_workshop, second_hcp, BookingStatus.WAITING)
    booking(a_workshop, hcp_b, BookingStatus.INVITED)
    client.force_login(trainer)
    page = client.get(_url("index"))
    assertContains(page, "1 of 2")
    assertContains(page, _url("register", a_workshop.pk))
    client.force_login(outsider)
    assert client.get(_url("index")).status_code == 404
    client.force_login(hcp)
    assert client.get(_url("index")).url == _url("mine")


def test_dashboard_query_count_does_not_grow(
    client, ws_programme, site_a, trainer, django_assert_max_num_queries
):
    def add(count):
        for n in range(count):
            shown = workshop(ws_programme, site_a, trainers=[trainer], days=5 + n)
            booking(shown, person_with_role(Role.HCP, site_a))

    add(2)
    client.force_login(trainer)
    with django_assert_max_num_queries(12) as small:
        client.get(_url("index"))
    add(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(_url("index"))


def test_my_workshops_query_count_does_not_grow(
    client, ws_programme, site_a, hcp, django_assert_max_num_queries
):
    def add(count):
        for n in range(count):
            booking(workshop(ws_programme, site_a, days=5 + n), hcp, BookingStatus.INVITED)
            booking(workshop(ws_programme, site_a, days=-5 - n), hcp, BookingStatus.ATTENDED)

    add(2)
    client.force_login(hcp)
    with django_assert_max_num_queries(12) as small:
        client.get(_url("mine"))
    add(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(_url("mine"))


def test_changing_a_workshop_shows_its_date_and_saves_it_unchanged(client, a_workshop, trainer):
    starts = timezone.make_aware(datetime(2027, 7, 14, 9, 30))
    Workshop.objects.filter(pk=a_workshop.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=6)
    )
    client.force_login(trainer)
    page = client.get(_url("edit", a_workshop.pk))
    assertContains(page, 'value="2027-07-14"')
    assertContains(page, 'value="09:30"')
    response = client.post(_url("edit", a_workshop.pk), posted_back(page))
    assert response.status_code == 302
    a_workshop.refresh_from_db()
    assert a_workshop.starts_at == starts
    assert a_workshop.ends_at == starts + timedelta(hours=6)


def test_an_hcp_is_offered_a_place_only_while_booking_is_open(client, a_workshop, hcp):
    booking(a_workshop, hcp, BookingStatus.INVITED)
    client.force_login(hcp)
    assertContains(client.get(_url("booking", a_workshop.pk)), "Book a place")

    a_workshop.starts_at = timezone.now() - timedelta(minutes=30)
    a_workshop.ends_at = a_workshop.starts_at + timedelta(hours=6)
    a_workshop.save()
    page = client.get(_url("booking", a_workshop.pk))
    assertNotContains(page, "Book a place")
    assertNotContains(page, "Booking opens soon")
    assertContains(page, "Booking has closed: the workshop has started.")
    refused = client.post(_url("booking", a_workshop.pk), {"action": "book"}, follow=True)
    assertContains(refused, "This workshop is not open for booking.")
    assert Booking.objects.get(hcp=hcp).status == BookingStatus.INVITED

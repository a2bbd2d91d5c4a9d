"""Filling a workshop: booking one named person, the waiting list, moving a booking."""

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories.curriculum import programme_page
from tests.factories.training_site import person_with_role
from tests.factories.workshops import booking, workshop
from training_site.models import Role
from workshops.models import Booking, BookingStatus, WorkshopStatus

pytestmark = pytest.mark.django_db

OUTSIDERS = ["hcp", "other_manager", "outsider", "other_trainer"]


@pytest.fixture
def other_trainer(site_b):
    """A trainer at site B, who runs none of site A's workshops."""
    return person_with_role(Role.TRAINER, site_b, email="trainer.b@example.org")


@pytest.fixture
def waiting(a_workshop, hcp, second_hcp, practice_a):
    """A full workshop with three people waiting, in the order they asked."""
    booking(a_workshop, hcp)
    booking(a_workshop, second_hcp)
    return [
        booking(a_workshop, person_with_role(Role.HCP, practice_a, first_name=name), "waiting")
        for name in ("Wendy", "Walter", "Wilma")
    ]


def queue(workshop_):
    """Return the first names on a workshop's waiting list, in order."""
    return [b.hcp.first_name for b in workshop_.bookings.waiting_list().select_related("hcp")]


def _url(name, pk):
    return reverse(f"workshops:{name}", args=[pk])


# Booking or inviting one named person


def test_trainer_finds_a_person_by_name_or_email_only_within_the_site(
    client, a_workshop, trainer, hcp, hcp_b
):
    client.force_login(trainer)
    by_name = client.get(_url("book-person", a_workshop.pk), {"query": "hana"})
    assertContains(by_name, hcp.email)
    by_email = client.get(_url("book-person", a_workshop.pk), {"query": "hcp@example"})
    assertContains(by_email, hcp.get_full_name())
    other_site = client.get(_url("book-person", a_workshop.pk), {"query": "bea"})
    assertNotContains(other_site, hcp_b.email)
    assertContains(other_site, "Nobody found")


def test_a_search_of_one_letter_is_refused_with_a_message(client, a_workshop, trainer):
    client.force_login(trainer)
    page = client.get(_url("book-person", a_workshop.pk), {"query": "h"})
    assertContains(page, "Type at least two letters of a name or an email.")


def test_trainer_books_a_named_person_who_is_emailed_a_confirmation(
    client, a_workshop, trainer, hcp, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("book-person", a_workshop.pk), {"person": hcp.pk, "action": "book"}, follow=True
        )
    assertContains(response, f"{hcp.get_full_name()} is booked and has been emailed")
    place = Booking.objects.get(workshop=a_workshop, hcp=hcp)
    assert place.status == BookingStatus.BOOKED
    assert place.events.get().actor == trainer
    (sent,) = mail.outbox
    assert sent.to == [hcp.email] and sent.subject == f"Booked: {a_workshop.title}"
    assert sent.attachments[0][0].endswith(".ics")
    assert f"{trainer.get_full_name()} booked this for you." in sent.body


def test_booking_oneself_does_not_say_someone_else_booked_it(
    client, a_workshop, hcp, django_capture_on_commit_callbacks
):
    client.force_login(hcp)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("booking", a_workshop.pk), {"action": "book"})
    (sent,) = mail.outbox
    assert sent.subject == f"Booked: {a_workshop.title}"
    assert "booked this for you" not in sent.body


def test_trainer_invites_a_named_person(
    client, a_workshop, trainer, hcp, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("book-person", a_workshop.pk), {"person": hcp.pk, "action": "invite"})
    assert Booking.objects.get(workshop=a_workshop, hcp=hcp).status == BookingStatus.INVITED
    assert mail.outbox[0].subject == f"You are invited: {a_workshop.title}"


def test_booking_someone_on_a_full_workshop_puts_them_on_the_waiting_list(
    client, waiting, a_workshop, trainer, practice_a
):
    late = person_with_role(Role.HCP, practice_a, first_name="Lara")
    client.force_login(trainer)
    client.post(_url("book-person", a_workshop.pk), {"person": late.pk, "action": "book"})
    assert queue(a_workshop) == ["Wendy", "Walter", "Wilma", "Lara"]


def test_booking_someone_outside_the_site_answers_404(client, a_workshop, trainer, hcp_b):
    client.force_login(trainer)
    response = client.post(_url("book-person", a_workshop.pk), {"person": hcp_b.pk})
    assert response.status_code == 404
    assert not Booking.objects.filter(hcp=hcp_b).exists()


def test_booking_a_workshop_not_open_says_so(client, ws_programme, site_a, trainer, hcp):
    planned = workshop(ws_programme, site_a, trainers=[trainer], status=WorkshopStatus.PLANNED)
    client.force_login(trainer)
    response = client.post(
        _url("book-person", planned.pk), {"person": hcp.pk, "action": "book"}, follow=True
    )
    assertContains(response, "This workshop is not open for booking.")
    assert not Booking.objects.filter(hcp=hcp).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_cannot_book_someone_on_the_workshop(client, request, a_workshop, hcp, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("book-person", a_workshop.pk), {"query": "hana"}).status_code == 404
    response = client.post(_url("book-person", a_workshop.pk), {"person": hcp.pk})
    assert response.status_code == 404
    assert not Booking.objects.filter(hcp=hcp).exists()


# The waiting list


def test_the_detail_page_offers_the_waiting_list_actions(client, waiting, a_workshop, trainer):
    client.force_login(trainer)
    page = client.get(_url("detail", a_workshop.pk))
    for name in ("booking-promote", "booking-reorder", "booking-transfer"):
        assertContains(page, _url(name, waiting[0].pk))


def test_giving_a_place_needs_a_free_one(client, waiting, a_workshop, trainer):
    client.force_login(trainer)
    response = client.post(_url("booking-promote", waiting[1].pk), follow=True)
    assertContains(response, "Every place is taken. Cancel a place or raise the capacity first.")
    assert queue(a_workshop) == ["Wendy", "Walter", "Wilma"]


def test_trainer_gives_a_free_place_to_someone_waiting(
    client, waiting, a_workshop, trainer, django_capture_on_commit_callbacks
):
    a_workshop.capacity = 3
    a_workshop.save()
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("booking-promote", waiting[1].pk))
    assert queue(a_workshop) == ["Wendy", "Wilma"]
    assert Booking.objects.get(pk=waiting[1].pk).status == BookingStatus.BOOKED
    (sent,) = mail.outbox
    assert sent.to == [waiting[1].hcp.email]
    assert sent.subject == f"You have a place: {a_workshop.title}"


def test_trainer_reorders_the_waiting_list(client, waiting, a_workshop, trainer):
    client.force_login(trainer)
    client.post(_url("booking-reorder", waiting[2].pk), {"direction": "up"})
    assert queue(a_workshop) == ["Wendy", "Wilma", "Walter"]
    client.post(_url("booking-reorder", waiting[0].pk), {"direction": "down"})
    assert queue(a_workshop) == ["Wilma", "Wendy", "Walter"]
    note = Booking.objects.get(pk=waiting[2].pk).events.get().note
    assert note == "Moved up the waiting list, to number 2."


def test_the_first_cannot_move_up_and_is_told(client, waiting, a_workshop, trainer):
    client.force_login(trainer)
    response = client.post(_url("booking-reorder", waiting[0].pk), {"direction": "up"}, follow=True)
    assertContains(response, "This person is already first on the waiting list.")
    assert queue(a_workshop) == ["Wendy", "Walter", "Wilma"]


def test_trainer_removes_someone_from_the_waiting_list(client, waiting, a_workshop, trainer):
    client.force_login(trainer)
    client.post(_url("booking-cancel", waiting[1].pk))
    assert queue(a_workshop) == ["Wendy", "Wilma"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_cannot_change_the_waiting_list(client, request, waiting, a_workshop, who):
    client.force_login(request.getfixturevalue(who))
    a_workshop.capacity = 3
    a_workshop.save()
    assert client.post(_url("booking-promote", waiting[1].pk)).status_code == 404
    assert client.post(_url("booking-reorder", waiting[2].pk)).status_code == 404
    assert queue(a_workshop) == ["Wendy", "Walter", "Wilma"]


# Moving a booking to another date


@pytest.fixture
def later(ws_programme, site_a, trainer):
    """Another open date of the same programme, a month on."""
    return workshop(ws_programme, site_a, trainers=[trainer], days=40, title="Later date")


def test_trainer_moves_a_place_to_another_date_and_the_queue_moves_up(
    client, waiting, a_workshop, later, trainer, hcp, django_capture_on_commit_callbacks
):
    place = Booking.objects.get(workshop=a_workshop, hcp=hcp)
    client.force_login(trainer)
    form = client.get(_url("booking-transfer", place.pk))
    assertContains(form, "Later date")
    assertNotContains(form, f'value="{a_workshop.pk}"')
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("booking-transfer", place.pk), {"workshop": later.pk}, follow=True
        )
    assertContains(response, f"{hcp.get_full_name()} has a place on Later date")
    assert Booking.objects.get(workshop=later, hcp=hcp).status == BookingStatus.BOOKED
    place.refresh_from_db()
    assert place.status == BookingStatus.CANCELLED
    assert place.events.last().note.startswith("Moved to Later date")
    assert queue(a_workshop) == ["Walter", "Wilma"]
    subjects = sorted(sent.subject for sent in mail.outbox if sent.to == [hcp.email])
    assert subjects == [
        "Booked: Later date",
        f"Your place is cancelled: {a_workshop.title}",
    ]


def test_a_booking_moves_only_to_a_date_of_the_same_programme(
    client, a_workshop, ws_programme, trainer, hcp, site_a
):
    other = programme_page(ws_programme.get_parent(), "Another programme", owning_site=site_a)
    elsewhere = workshop(other, site_a, trainers=[trainer], days=20, title="Other programme day")
    place = booking(a_workshop, hcp)
    client.force_login(trainer)
    assertNotContains(client.get(_url("booking-transfer", place.pk)), "Other programme day")
    response = client.post(_url("booking-transfer", place.pk), {"workshop": elsewhere.pk})
    assertContains(response, "Select a valid choice")
    assert Booking.objects.get(pk=place.pk).status == BookingStatus.BOOKED


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_cannot_move_a_booking(client, request, a_workshop, later, hcp, who):
    place = booking(a_workshop, hcp)
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("booking-transfer", place.pk)).status_code == 404
    assert (
        client.post(_url("booking-transfer", place.pk), {"workshop": later.pk}).status_code == 404
    )
    assert not Booking.objects.filter(workshop=later).exists()


# Messaging everyone booked


def test_trainer_messages_everyone_booked_and_the_history_keeps_it(
    client, waiting, a_workshop, trainer, hcp, second_hcp, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    data = {"subject": "Parking", "body": "Use the car park behind the centre.\nBring lunch."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("message", a_workshop.pk), data, follow=True)
    assertContains(response, "Your message is sent to 2 people.")
    assert sorted(sent.to[0] for sent in mail.outbox) == sorted([hcp.email, second_hcp.email])
    assert mail.outbox[0].subject == f"Parking: {a_workshop.title}"
    assert "Use the car park behind the centre." in mail.outbox[0].body
    assertContains(response, "Message sent")
    assertContains(response, "Subject: Parking")
    assertContains(response, "Bring lunch.")


def test_a_message_can_go_to_the_waiting_list_too(
    client, waiting, a_workshop, trainer, django_capture_on_commit_callbacks
):
    client.force_login(trainer)
    data = {"subject": "Parking", "body": "Behind the centre.", "include_waiting": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("message", a_workshop.pk), data)
    assert len(mail.outbox) == 5
    assert a_workshop.events.get().change_lines[0] == "To the 5 people booked and waiting"


def test_a_message_without_a_subject_keeps_what_was_typed(client, waiting, a_workshop, trainer):
    client.force_login(trainer)
    page = client.post(_url("message", a_workshop.pk), {"subject": " ", "body": "Kept text"})
    assertContains(page, "Error:")
    assertContains(page, "Kept text")
    assert not a_workshop.events.exists()


def test_a_message_to_nobody_says_so(client, a_workshop, trainer):
    client.force_login(trainer)
    page = client.post(_url("message", a_workshop.pk), {"subject": "Hi", "body": "Hello"})
    assertContains(page, "Nobody is booked yet.")
    assert not mail.outbox


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_cannot_message_a_workshop(client, request, waiting, a_workshop, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("message", a_workshop.pk)).status_code == 404
    response = client.post(_url("message", a_workshop.pk), {"subject": "Hi", "body": "Hello"})
    assert response.status_code == 404
    assert not mail.outbox and not a_workshop.events.exists()


def test_the_search_answers_in_the_same_queries_however_many_match(
    client, a_workshop, trainer, practice_a, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            booking(a_workshop, person_with_role(Role.HCP, practice_a, last_name="Search"))

    add(2)
    client.force_login(trainer)
    url = _url("book-person", a_workshop.pk)
    with django_assert_max_num_queries(15) as small:
        client.get(url, {"query": "search"})
    add(18)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assertContains(client.get(url, {"query": "search"}), "Already booked.", count=20)

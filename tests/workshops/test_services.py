"""Booking services: places, the waiting list, cancellations, invitations and the register."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from competences.models import Evidence, EvidenceKind
from tests.factories.competences import national_competence
from tests.factories.training_site import person_with_role
from tests.factories.workshops import booking, workshop
from training_site.models import Role
from workshops import services
from workshops.models import Booking, BookingEvent, BookingStatus, WorkshopStatus

pytestmark = pytest.mark.django_db


def test_booking_takes_a_place_then_the_waiting_list(
    a_workshop, hcp, second_hcp, practice_a, django_capture_on_commit_callbacks
):
    third = person_with_role(Role.HCP, practice_a, email="third@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.booking_book(workshop=a_workshop, hcp=hcp)
        second = services.booking_book(workshop=a_workshop, hcp=second_hcp)
        last = services.booking_book(workshop=a_workshop, hcp=third)
    assert [first.status, second.status, last.status] == ["booked", "booked", "waiting"]
    assert last.queued_at is not None


def test_booking_twice_keeps_one_booking(a_workshop, hcp):
    services.booking_book(workshop=a_workshop, hcp=hcp)
    again = services.booking_book(workshop=a_workshop, hcp=hcp)
    assert again.status == BookingStatus.BOOKED
    assert Booking.objects.filter(workshop=a_workshop, hcp=hcp).count() == 1


def test_a_workshop_not_open_cannot_be_booked(a_workshop, hcp):
    a_workshop.status = WorkshopStatus.PLANNED
    a_workshop.save()
    with pytest.raises(ValidationError, match="not open for booking"):
        services.booking_book(workshop=a_workshop, hcp=hcp)
    assert not Booking.objects.exists()


def test_cancelling_a_place_promotes_the_first_waiting_and_emails_them(
    a_workshop,
    hcp,
    second_hcp,
    hcp_b,
    practice_a,
    trainer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    third = person_with_role(Role.HCP, practice_a, email="third@example.org")
    booking(a_workshop, hcp)
    booking(a_workshop, second_hcp)
    first_waiting = booking(a_workshop, third, BookingStatus.WAITING)
    booking(a_workshop, hcp_b, BookingStatus.WAITING)
    Booking.objects.filter(pk=first_waiting.pk).update(
        queued_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=Booking.objects.get(hcp=hcp), actor=hcp)
    assert Booking.objects.get(hcp=hcp).status == BookingStatus.CANCELLED
    assert Booking.objects.get(hcp=third).status == BookingStatus.BOOKED
    assert Booking.objects.get(hcp=hcp_b).status == BookingStatus.WAITING
    promoted = [m for m in mailoutbox if m.to == ["third@example.org"]]
    assert len(promoted) == 1
    assert promoted[0].subject.startswith("You have a place")
    assert promoted[0].attachments[0][0].endswith(".ics")
    event = BookingEvent.objects.get(booking__hcp=third, to_status=BookingStatus.BOOKED)
    assert event.actor == hcp
    assert event.note == "Moved up the waiting list."


def test_trainer_cancelling_a_place_tells_the_hcp(
    a_workshop, hcp, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    place = booking(a_workshop, hcp)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=place, actor=trainer)
    assert [m.subject for m in mailoutbox] == [f"Your place is cancelled: {a_workshop.title}"]
    assert BookingEvent.objects.get(booking=place).note == "By the trainer."


def test_declining_needs_an_invitation(a_workshop, hcp):
    invited = booking(a_workshop, hcp, BookingStatus.INVITED)
    services.booking_decline(booking=invited, actor=hcp)
    invited.refresh_from_db()
    assert invited.status == BookingStatus.DECLINED
    with pytest.raises(ValidationError):
        services.booking_decline(booking=invited, actor=hcp)


def test_invitations_are_never_sent_twice(
    a_workshop, hcp, second_hcp, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.booking_invite(workshop=a_workshop, hcps=[hcp, hcp], actor=trainer)
        second = services.booking_invite(workshop=a_workshop, hcps=[hcp, second_hcp], actor=trainer)
    assert [b.hcp for b in first] == [hcp]
    assert [b.hcp for b in second] == [second_hcp]
    assert sorted(m.to[0] for m in mailoutbox) == ["hcp2@example.org", "hcp@example.org"]


def test_cancelling_a_workshop_tells_everyone_invited_booked_or_waiting(
    a_workshop,
    hcp,
    second_hcp,
    hcp_b,
    outsider,
    trainer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    booking(a_workshop, hcp)
    booking(a_workshop, second_hcp, BookingStatus.WAITING)
    booking(a_workshop, hcp_b, BookingStatus.INVITED)
    booking(a_workshop, outsider, BookingStatus.DECLINED)
    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_cancel(workshop=a_workshop, actor=trainer)
    a_workshop.refresh_from_db()
    assert a_workshop.status == WorkshopStatus.CANCELLED
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        ["hcp@example.org", "hcp2@example.org", "hcp.b@example.org"]
    )
    assert set(a_workshop.bookings.values_list("status", flat=True)) == {"cancelled", "declined"}


def test_register_records_attendance_as_evidence_for_each_module_competence(
    ws_programme, ws_modules, site_a, trainer, hcp, second_hcp
):
    today = workshop(ws_programme, site_a, modules=ws_modules, trainers=[trainer], days=0)
    came, absent = booking(today, hcp), booking(today, second_hcp)
    marks = {came.pk: BookingStatus.ATTENDED, absent.pk: BookingStatus.DID_NOT_ATTEND}
    services.register_mark(workshop=today, marks=marks, actor=trainer)
    services.register_mark(workshop=today, marks=marks, actor=trainer)
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.status, absent.status) == ("attended", "did_not_attend")
    evidence = Evidence.objects.filter(hcp=hcp, kind=EvidenceKind.WORKSHOP)
    assert sorted(e.competence.code for e in evidence) == ["Diab HA1", "Diab HA2"]
    assert not Evidence.objects.filter(hcp=second_hcp).exists()
    today.refresh_from_db()
    assert today.status == WorkshopStatus.DELIVERED


def test_register_does_not_open_before_the_day(a_workshop, hcp, trainer):
    place = booking(a_workshop, hcp)
    with pytest.raises(ValidationError, match="opens on the day"):
        services.register_mark(
            workshop=a_workshop, marks={place.pk: BookingStatus.ATTENDED}, actor=trainer
        )
    place.refresh_from_db()
    assert place.status == BookingStatus.BOOKED


def test_workshop_validation_says_what_is_wrong(ws_programme, site_a, trainer):
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.workshop_create(
            actor=trainer,
            title="No place",
            programme=ws_programme,
            site=site_a,
            starts_at=starts,
            ends_at=starts - timedelta(hours=1),
            venue="",
            online_url="",
            capacity=0,
        )
    assert set(error.value.message_dict) == {"ends_at", "venue", "capacity"}


def test_modules_must_belong_to_the_programme(ws_programme, site_a, trainer):
    from tests.factories.curriculum import curriculum_index, module_page, programme_page

    other = programme_page(
        curriculum_index(title="Other", slug="other"), "Other programme", owning_site=site_a
    )
    stranger = module_page(other, "Elsewhere", competences=[national_competence("Diab HA1")])
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError, match="modules of the chosen programme"):
        services.workshop_create(
            actor=trainer,
            title="Mixed",
            programme=ws_programme,
            modules=[stranger],
            site=site_a,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue="Room 1",
            capacity=5,
        )


def test_cpd_hours_default_to_the_length_of_the_day(a_workshop):
    assert str(a_workshop.cpd_hours_awarded) == "6.0"
    a_workshop.cpd_hours = 5
    assert a_workshop.cpd_hours_awarded == 5

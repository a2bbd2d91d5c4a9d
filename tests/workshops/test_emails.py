"""Workshop emails in plain text and HTML, with the calendar file where a place is booked."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.training_site import person_with_role
from tests.factories.workshops import booking
from training_site.models import Role
from workshops import services
from workshops.models import BookingStatus, WorkshopStatus

pytestmark = pytest.mark.django_db


def test_invitation_in_text_and_html(
    a_workshop, trainer, practice_a, mailoutbox, django_capture_on_commit_callbacks
):
    person = person_with_role(Role.HCP, practice_a, first_name="Siobhan", last_name="O'Brien")
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_invite(workshop=a_workshop, hcps=[person], actor=trainer)
    (email,) = mailoutbox
    html = email.alternatives[0][0]
    assert email.subject == "You are invited: Care planning workshop"
    assert "Hello Siobhan," in email.body
    assert "Venue: Training room 1" in email.body
    assert f"/workshops/{a_workshop.pk}/booking/" in email.body
    assert "&#x27;" not in email.body
    assert f'/workshops/{a_workshop.pk}/booking/">Book a place' in html
    assert "<strong>Care planning workshop</strong>" in html
    assert email.attachments == []


def test_confirmation_and_waiting_list_emails(
    a_workshop, hcp, second_hcp, hcp_b, mailoutbox, django_capture_on_commit_callbacks
):
    booking(a_workshop, hcp_b)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_book(workshop=a_workshop, hcp=hcp)
        services.booking_book(workshop=a_workshop, hcp=second_hcp)
    confirmed, waiting = mailoutbox
    assert confirmed.subject == "Booked: Care planning workshop"
    assert "Your place is booked." in confirmed.body
    assert "Your place is booked." in confirmed.alternatives[0][0]
    name, content, mimetype = confirmed.attachments[0]
    assert (name, mimetype) == (f"workshop-{a_workshop.pk}.ics", "text/calendar")
    assert "DTSTART" in str(content)
    assert waiting.subject == "On the waiting list: Care planning workshop"
    assert "waiting list" in waiting.alternatives[0][0]
    assert waiting.attachments == []
    assert a_workshop.bookings.get(hcp=second_hcp).status == BookingStatus.WAITING


def test_an_invitation_before_booking_opens_says_so(
    a_workshop, trainer, practice_a, mailoutbox, django_capture_on_commit_callbacks
):
    a_workshop.status = WorkshopStatus.PLANNED
    a_workshop.save()
    person = person_with_role(Role.HCP, practice_a, first_name="Siobhan")
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_invite(workshop=a_workshop, hcps=[person], actor=trainer)
    (email,) = mailoutbox
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "Book a place" not in body
        assert "Booking for this workshop is not open yet." in body
        assert "come back to book a place once booking opens" in body
    link = f'/workshops/{a_workshop.pk}/booking/">See the workshop or decline the invitation'
    assert link in html


@pytest.mark.parametrize(
    "status, started, says, never",
    [
        (WorkshopStatus.PLANNED, False, "It opens soon", "Book a place"),
        (WorkshopStatus.OPEN, True, "Booking for this workshop has closed.", "opens soon"),
    ],
)
def test_an_invitation_offers_a_place_only_when_the_workflow_allows_booking(
    status,
    started,
    says,
    never,
    a_workshop,
    trainer,
    practice_a,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    a_workshop.status = status
    if started:
        a_workshop.starts_at = timezone.now() - timedelta(hours=1)
    a_workshop.save()
    person = person_with_role(Role.HCP, practice_a, first_name="Siobhan")
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_invite(workshop=a_workshop, hcps=[person], actor=trainer)
    (email,) = mailoutbox
    for body in (email.body, email.alternatives[0][0]):
        assert says in body
        assert never not in body
        assert "Book a place" not in body

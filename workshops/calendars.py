"""Calendar files (.ics) for a booked workshop, built with the icalendar library.

Every file about one workshop carries the same UID, so a calendar that received the invitation
or the booking replaces the event when a later file arrives: a higher SEQUENCE when the
workshop moves, METHOD:CANCEL when the place or the workshop is cancelled.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Year of Care training//Workshops//EN"
PUBLISH = "PUBLISH"
CANCEL = "CANCEL"


def workshop_uid(workshop):
    """Return the workshop's calendar UID, the same in every file sent about it."""
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
    return f"workshop-{workshop.pk}@{host or 'localhost'}"


def workshop_ics(workshop, method=PUBLISH, path=None):
    """Return an iCalendar file holding the workshop as one event, published or cancelled.

    ``path`` is the page the event links to: the booking page unless told otherwise.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", workshop_uid(workshop))
    event.add("sequence", workshop.calendar_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", workshop.starts_at)
    event.add("dtend", workshop.ends_at)
    event.add("summary", workshop.title)
    event.add("location", workshop.where)
    booking_path = reverse("workshops:booking", args=[workshop.pk])
    url = settings.WAGTAILADMIN_BASE_URL + (path or booking_path)
    event.add("url", url)
    label = "Your booking" if path is None else "The workshop"
    event.add("description", f"{workshop.programme.title}. {label}: {url}")
    if workshop.is_cancelled or method == CANCEL:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()


def ics_filename(workshop):
    """Return the calendar file's name."""
    return f"workshop-{workshop.pk}.ics"

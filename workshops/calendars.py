"""Calendar files (.ics) for a booked workshop, built with the icalendar library."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Year of Care training//Workshops//EN"


def workshop_ics(workshop):
    """Return an iCalendar file holding the workshop as one event."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
    event.add("uid", f"workshop-{workshop.pk}@{host or 'localhost'}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", workshop.starts_at)
    event.add("dtend", workshop.ends_at)
    event.add("summary", workshop.title)
    event.add("location", workshop.where)
    url = settings.WAGTAILADMIN_BASE_URL + reverse("workshops:booking", args=[workshop.pk])
    event.add("url", url)
    event.add(
        "description",
        f"{workshop.programme.title}. Your booking: {url}",
    )
    if workshop.is_cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()


def ics_filename(workshop):
    """Return the calendar file's name."""
    return f"workshop-{workshop.pk}.ics"

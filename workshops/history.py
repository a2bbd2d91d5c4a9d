"""A workshop's details as its history records them: one readable value a detail."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from workshops.models import Workshop

HISTORY_FIELDS = (
    "title",
    "programme",
    "site",
    "wave",
    "starts_at",
    "ends_at",
    "venue",
    "online_url",
    "capacity",
    "status",
    "cpd_hours",
)


def _readable(workshop, name):
    """Return one detail of the workshop as a person reads it."""
    value = getattr(workshop, name)
    if name == "status":
        return workshop.get_status_display()
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "j M Y H:i")
    return "" if value is None else str(value)


def workshop_details(workshop):
    """Return the workshop's details by label, modules and trainers included."""
    details = {
        capfirst(Workshop._meta.get_field(name).verbose_name): _readable(workshop, name)
        for name in HISTORY_FIELDS
    }
    details["Modules"] = ", ".join(sorted(m.title for m in workshop.modules.all()))
    details["Trainers"] = ", ".join(
        sorted(t.get_full_name() or t.email for t in workshop.trainers.all())
    )
    return details

"""The appraisal pack: standing, CPD hours, chosen reflections, feedback and plan for a year.

The JSON document's keys (format ``yoc-appraisal-pack/1``): ``format``, ``title``, ``person``
(``name``, ``email``, ``profession``), ``prepared_at`` (ISO 8601), ``prepared_for`` (the
person's name, or the manager's who downloaded it), ``year`` (``starts_on``, ``ends_on``, both
inclusive), ``competences`` (``competence``, ``required_level``, ``state``, ``level``,
``verified_level``, ``verified_by``, ``verified_on``, ``expires_on``), ``cpd`` (``months`` as a
list of ``month``/``workshop_hours``/``activity_hours``/``participatory_hours``/``total_hours``,
``workshop_hours``, ``activity_hours``, ``participatory_hours`` and ``total_hours`` for the
year, ``workshops`` as ``title``/``date``/``hours``, ``activities`` as
``title``/``date``/``hours``/``participatory``), ``reflections`` (as in the portfolio export),
``feedback`` (``instrument``, ``submitted_at``, ``about``) and ``goals`` (as in the portfolio
export). Hours are strings with one decimal place. Workshops attended count
as participatory learning.
"""

import json
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from competences.models import AssessmentStatus, Proficiency
from competences.queries import competence_page
from portfolio import exports, queries
from portfolio.models import CpdActivity
from workshops.models import Booking, BookingStatus

FORMAT = "yoc-appraisal-pack/1"
ZERO = Decimal("0.0")
TOTALS = ("workshop_hours", "activity_hours", "participatory_hours", "total_hours")


def year_bounds(start_year, starts_month):
    """Return the first and last day of the appraisal year starting in a month of a year."""
    first = date(start_year, starts_month, 1)
    following = date(start_year + 1, starts_month, 1)
    return first, following - timezone.timedelta(days=1)


def _months(first):
    """Return the twelve months of a year that starts on a first day, as first days."""
    return [
        date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
        for n in range(12)
    ]


def _same_month(day, month):
    """Say whether a day falls in the month that starts on a first day."""
    return (day.year, day.month) == (month.year, month.month)


def _hours(value):
    """Write hours with one decimal place."""
    return str(Decimal(value).quantize(Decimal("0.1")))


def _level(value):
    """Name a proficiency level briefly, or nothing."""
    return Proficiency(value).short_label if value else None


def _competences(hcp, today):
    """Return each competence's standing against the person's post, then any others rated."""
    page = competence_page(hcp, today=today)
    rows = []
    for standing in page.required + page.other:
        a = standing.assessment
        verified = a is not None and a.status == AssessmentStatus.VERIFIED
        rows.append(
            {
                "competence": f"{standing.competence.code} {standing.competence.title}",
                "required_level": _level(standing.required_level),
                "state": standing.label,
                "level": _level(a.level) if a else None,
                "verified_level": _level(a.verified_level) if verified else None,
                "verified_by": a.assessor.get_full_name() if verified and a.assessor else None,
                "verified_on": exports._when(a.verified_on) if verified else None,
                "expires_on": exports._when(a.expires_on) if verified else None,
            }
        )
    return rows


def _cpd(hcp, first, last):
    """Return CPD hours by month and in total, from workshops attended and activities recorded."""
    starts = timezone.make_aware(datetime.combine(first, time.min))
    ends = timezone.make_aware(datetime.combine(last, time.max))
    bookings = Booking.objects.filter(
        hcp=hcp,
        status=BookingStatus.ATTENDED,
        workshop__starts_at__gte=starts,
        workshop__starts_at__lte=ends,
    ).select_related("workshop")
    workshops = sorted(
        (timezone.localdate(b.workshop.starts_at), b.workshop.title, b.workshop.cpd_hours_awarded)
        for b in bookings
    )
    activities = list(
        CpdActivity.objects.filter(hcp=hcp, date__gte=first, date__lte=last).order_by("date", "pk")
    )
    months = []
    for month in _months(first):
        workshop_hours = sum((h for day, _, h in workshops if _same_month(day, month)), ZERO)
        done = [a for a in activities if _same_month(a.date, month)]
        activity_hours = sum((a.hours for a in done), ZERO)
        participatory = workshop_hours + sum((a.hours for a in done if a.participatory), ZERO)
        months.append(
            {
                "month": f"{month:%B %Y}",
                "workshop_hours": _hours(workshop_hours),
                "activity_hours": _hours(activity_hours),
                "participatory_hours": _hours(participatory),
                "total_hours": _hours(workshop_hours + activity_hours),
            }
        )
    return {
        "months": months,
        **{key: _hours(sum((Decimal(m[key]) for m in months), ZERO)) for key in TOTALS},
        "workshops": [
            {"title": title, "date": day.isoformat(), "hours": _hours(hours)}
            for day, title, hours in workshops
        ],
        "activities": [
            {
                "title": a.title,
                "date": a.date.isoformat(),
                "hours": _hours(a.hours),
                "participatory": a.participatory,
            }
            for a in activities
        ],
    }


def _in_year(iso, first, last):
    """Say whether an ISO date or datetime falls within the year."""
    return bool(iso) and first <= date.fromisoformat(iso[:10]) <= last


def appraisal_pack(*, hcp, start_year, starts_month, reflections=(), prepared_for=None, now=None):
    """Gather a person's appraisal pack for a year, with only the reflections chosen."""
    now = now or timezone.now()
    first, last = year_bounds(start_year, starts_month)
    chosen = exports._reflections(hcp, list(reflections)) if reflections else []
    feedback = [f for f in exports._feedback(hcp) if _in_year(f["submitted_at"], first, last)]
    goals = [
        g
        for g in exports._goals(hcp)
        if g["status"] == "Active"
        or _in_year(g["review_on"], first, last)
        or _in_year(g["reviewed_on"], first, last)
    ]
    name = hcp.get_full_name()
    return {
        "format": FORMAT,
        "title": f"Appraisal pack of {name}, {first:%B %Y} to {last:%B %Y}",
        "person": {
            "name": name,
            "email": hcp.email,
            "profession": hcp.get_profession_display() if hcp.profession else "",
        },
        "prepared_at": exports._when(now),
        "prepared_for": (prepared_for or hcp).get_full_name(),
        "year": {"starts_on": first.isoformat(), "ends_on": last.isoformat()},
        "competences": _competences(hcp, timezone.localdate(now)),
        "cpd": _cpd(hcp, first, last),
        "reflections": chosen,
        "feedback": feedback,
        "goals": goals,
    }


def json_document(pack):
    """Return the pack as indented JSON text."""
    return json.dumps(pack, indent=2, ensure_ascii=False)


def pack_reflections(hcp, viewer):
    """Return the reflections that may go in a pack: all the person's own, or those shared."""
    reflections = queries.my_reflections(hcp)
    if viewer.pk != hcp.pk:
        reflections = reflections.filter(
            shares__shared_with=viewer, shares__withdrawn_at__isnull=True
        ).distinct()
    return reflections

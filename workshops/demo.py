"""Demo workshops at each pilot site: one delivered, two coming, a wave; safe to rerun.

Bookings are written straight to the models with their history, not through the booking
services, so that seeding the demo sends no emails. The register of the delivered workshop
is taken through ``register_mark``, so attendance becomes evidence as it would on the day.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from curriculum.models import ModulePage, ProgrammePage
from training_site.models import Organisation, OrganisationKind, Role, User
from workshops.models import (
    Booking,
    BookingEvent,
    BookingStatus,
    Workshop,
    WorkshopStatus,
    WorkshopWave,
)
from workshops.services import register_mark, wave_create, workshop_create

DEMO_HCP = "hcp@example.org"
TRAINERS = {
    "YOC-TH": "trainer@example.org",
    "YOC-CK": "trainer.ck@example.org",
    "YOC-NT": "trainer.nt@example.org",
}
VENUES = {
    "YOC-TH": "Training room 2, Mile End Hospital, Bancroft Road, London E1 4DG",
    "YOC-CK": "Learning centre, Calderdale Royal Hospital, Halifax HX3 0PW",
    "YOC-NT": "Education centre, North Tyneside General Hospital, North Shields NE29 8NH",
}
# key: (title, days from today, start hour, end hour, capacity, module count, booked, waiting,
#       invited) — the delivered workshop books its people and takes the register.
WORKSHOPS = [
    ("Care planning foundation day", -30, 9, 16, 12, 3, 8, 0, 0),
    ("Care planning foundation day: wave 1", 10, 9, 16, 6, 3, 6, 2, 4),
    ("Goal setting and action planning follow-up", 17, 13, 17, 16, 1, 2, 0, 8),
]


@transaction.atomic
def build_demo_workshops():
    """Create the demo workshops, wave, bookings and attendance if missing."""
    for site_code, trainer_email in TRAINERS.items():
        site = Organisation.objects.filter(code=site_code).first()
        trainer = User.objects.filter(email=trainer_email).first()
        programme = ProgrammePage.objects.live().filter(owning_site=site).first()
        if site is None or trainer is None or programme is None:
            continue
        hcps = _hcps_at(site)
        wave = _wave(site)
        for spec in WORKSHOPS:
            _workshop(site, trainer, programme, wave, hcps, spec)


def _hcps_at(site):
    """Return the site's HCPs, the demo HCP first where it works here."""
    people = list(
        User.objects.filter(
            memberships__role=Role.HCP, memberships__organisation__path__startswith=site.path
        )
        .distinct()
        .order_by("pk")
    )
    people.sort(key=lambda person: person.email != DEMO_HCP)
    return people


def _wave(site):
    """Return the site's first wave, for its first two practices."""
    wave = WorkshopWave.objects.filter(site=site, name="Wave 1").first()
    if wave is None:
        practices = Organisation.objects.within(site).filter(kind=OrganisationKind.PRACTICE)[:2]
        wave = wave_create(name="Wave 1", site=site, practices=list(practices))
    return wave


def _workshop(site, trainer, programme, wave, hcps, spec):
    """Create one demo workshop with its bookings, unless it exists."""
    title, days, start, end, capacity, module_count, booked, waiting, invited = spec
    if Workshop.objects.filter(site=site, title=title).exists():
        return
    day = timezone.localdate() + timedelta(days=days)
    modules = list(ModulePage.objects.child_of(programme).live().order_by("path"))
    chosen = modules[:module_count] if days < 15 else modules[-module_count:]
    workshop = workshop_create(
        actor=trainer,
        title=title,
        programme=programme,
        modules=chosen,
        site=site,
        wave=wave if "wave" in title else None,
        starts_at=timezone.make_aware(datetime.combine(day, time(start, 30))),
        ends_at=timezone.make_aware(datetime.combine(day, time(end, 30))),
        venue=VENUES[site.code],
        online_url="",
        capacity=capacity,
        cpd_hours=None,
        status=WorkshopStatus.OPEN,
    )
    people = _people_for(hcps, days)
    statuses = (
        [BookingStatus.BOOKED] * booked
        + [BookingStatus.WAITING] * waiting
        + [BookingStatus.INVITED] * invited
    )
    for person, status in zip(people, statuses, strict=False):
        _book(workshop, person, status, trainer)
    if days < 0:
        on_register = workshop.bookings.on_register().order_by("pk")
        marks = {
            b.pk: BookingStatus.ATTENDED if n < booked - 2 else BookingStatus.DID_NOT_ATTEND
            for n, b in enumerate(on_register)
        }
        register_mark(workshop=workshop, marks=marks, actor=trainer)


def _people_for(hcps, days):
    """Choose who is asked: the delivered workshop's people, then others not yet trained.

    The demo HCP attended the delivered workshop, is booked on the next and invited to the last.
    """
    demo = [p for p in hcps if p.email == DEMO_HCP]
    others = [p for p in hcps if p.email != DEMO_HCP]
    if days < 0:
        return demo + others
    if days < 15:
        return demo + others[7:] + others[:7]
    return others[13:15] + demo + others[2:13]


def _book(workshop, person, status, trainer):
    """Write a demo booking and its history without sending an email."""
    now = timezone.now()
    booking = Booking.objects.create(
        workshop=workshop,
        hcp=person,
        status=status,
        queued_at=now if status == BookingStatus.WAITING else None,
    )
    BookingEvent.objects.create(booking=booking, actor=trainer, to_status=BookingStatus.INVITED)
    if status != BookingStatus.INVITED:
        BookingEvent.objects.create(
            booking=booking, actor=person, from_status=BookingStatus.INVITED, to_status=status
        )

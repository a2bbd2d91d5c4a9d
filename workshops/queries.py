"""Reads for workshops: dashboards, bookings, whom to invite and engagement."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from competences import gaps
from competences.models import StaffPost
from training_site.models import Membership, Role, User
from workshops.models import ON_REGISTER, Booking, BookingStatus, Workshop, WorkshopStatus


def workshops_with_counts(workshops):
    """Annotate workshops with their places booked, waiting list and unanswered invitations."""
    return workshops.annotate(
        booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        not_replied=Count("bookings", filter=Q(bookings__status=BookingStatus.INVITED)),
        attended=Count("bookings", filter=Q(bookings__status=BookingStatus.ATTENDED)),
    ).select_related("site", "programme", "wave")


def trainer_dashboard(user, now=None):
    """Return the coming workshops a person runs, with bookings against capacity."""
    workshops = Workshop.objects.filter(
        pk__in=Workshop.objects.run_by(user).coming(now).values("pk")
    ).order_by("starts_at", "pk")
    return workshops_with_counts(workshops)


def registers_due(user, now=None):
    """Return the delivered-or-due workshops of the last fortnight whose register is not taken."""
    now = now or timezone.now()
    return (
        Workshop.objects.filter(pk__in=Workshop.objects.run_by(user).values("pk"))
        .not_cancelled()
        .filter(starts_at__lte=now, starts_at__gte=now - timedelta(days=14))
        .filter(bookings__status=BookingStatus.BOOKED)
        .distinct()
        .select_related("site")
    )


def bookings_by_status(workshop):
    """Return a workshop's bookings grouped by status, in the order a trainer reads them."""
    groups = {status: [] for status in BookingStatus.values}
    bookings = workshop.bookings.select_related("hcp", "certificate").order_by(
        "queued_at", "hcp__last_name", "hcp__first_name", "pk"
    )
    for booking in bookings:
        groups[booking.status].append(booking)
    return [(BookingStatus(status), groups[status]) for status in groups if groups[status]]


@dataclass(frozen=True)
class HcpWorkshops:
    """An HCP's workshops: invitations to answer, places, waiting lists, past and open ones."""

    invitations: list
    booked: list
    waiting: list
    past: list
    open_to_book: list


def hcp_workshops(user, now=None):
    """Return a person's workshops for its "My workshops" page, in four queries."""
    now = now or timezone.now()
    bookings = list(
        Booking.objects.filter(hcp=user)
        .select_related("workshop__site", "workshop__programme", "certificate")
        .order_by("workshop__starts_at", "pk")
    )
    coming = [b for b in bookings if b.workshop.ends_at >= now and not b.workshop.is_cancelled]
    past = [b for b in bookings if b.workshop.ends_at < now and b.status in ON_REGISTER]
    open_to_book = (
        Workshop.objects.open_to(user)
        .filter(status=WorkshopStatus.OPEN, starts_at__gt=now)
        .exclude(bookings__hcp=user)
        .select_related("site", "programme")
        .order_by("starts_at", "pk")
    )
    return HcpWorkshops(
        invitations=[b for b in coming if b.status == BookingStatus.INVITED],
        booked=[b for b in coming if b.status == BookingStatus.BOOKED],
        waiting=[b for b in coming if b.status == BookingStatus.WAITING],
        past=list(reversed(past)),
        open_to_book=list(open_to_book),
    )


def hcps_in(organisation):
    """Return the HCPs holding their role in an organisation or below it."""
    return User.objects.filter(
        Exists(
            Membership.objects.filter(
                user=OuterRef("pk"),
                role=Role.HCP,
                organisation__path__startswith=organisation.path,
            )
        ),
        is_active=True,
    )


def hcps_in_post(workshop, profile):
    """Return the HCPs at the workshop's site who currently hold a post of a profile."""
    posts = StaffPost.objects.current().filter(
        user=OuterRef("pk"), profile=profile, organisation__path__startswith=workshop.site.path
    )
    return hcps_in(workshop.site).filter(Exists(posts))


def hcps_with_gap(workshop):
    """Return the HCPs at the workshop's site with a gap in a competence its modules develop."""
    competence_ids = list(
        workshop.modules.values_list("competences", flat=True).exclude(competences=None)
    )
    if not competence_ids:
        return User.objects.none()
    on = timezone.localdate()
    ids = ", ".join(str(int(pk)) for pk in set(competence_ids))
    needing = (
        f"SELECT DISTINCT user_id FROM states WHERE state = %(state)s AND competence_id IN ({ids})"  # noqa: E501, S608 (ids are integers)
    )
    sql = gaps.needs_sql(on, False) + needing
    params = {**gaps._params(workshop.site, on), "state": gaps.GAP}
    sql, positional = gaps.as_positional(sql, params)
    return hcps_in(workshop.site).filter(pk__in=RawSQL(sql, positional))  # noqa: S611 (values are parameters)


def hcps_in_wave(workshop):
    """Return the HCPs in the practices of the workshop's wave."""
    if workshop.wave_id is None:
        return User.objects.none()
    practices = list(workshop.wave.practices.all())
    if not practices:
        return User.objects.none()
    in_practice = Q()
    for practice in practices:
        in_practice |= Q(organisation__path__startswith=practice.path)
    return User.objects.filter(
        Exists(Membership.objects.filter(in_practice, user=OuterRef("pk"), role=Role.HCP)),
        is_active=True,
    )


@dataclass(frozen=True)
class EngagementRow:
    """How many HCPs in a unit or post have attended a workshop, are booked, or not yet."""

    label: str
    hcps: int
    attended: int
    booked: int

    @property
    def not_yet(self):
        """Return how many have neither attended nor booked."""
        return self.hcps - self.attended - self.booked


def _engagement_counts(prefix="user__"):
    """Count people who attended, and people booked on a coming workshop but not attended."""
    attended = Exists(
        Booking.objects.filter(hcp=OuterRef(f"{prefix}pk"), status=BookingStatus.ATTENDED)
    )
    booked = Exists(
        Booking.objects.filter(
            hcp=OuterRef(f"{prefix}pk"),
            status=BookingStatus.BOOKED,
            workshop__ends_at__gte=timezone.now(),
        )
    )
    return attended, booked


def engagement_by_unit(organisation):
    """Per practice or team in an organisation: HCPs, attended, booked. One query."""
    attended, booked = _engagement_counts()
    rows = (
        Membership.objects.filter(role=Role.HCP, organisation__path__startswith=organisation.path)
        .annotate(has_attended=attended, has_booked=booked)
        .values("organisation__name", "organisation__path")
        .annotate(
            hcps=Count("user", distinct=True),
            n_attended=Count("user", filter=Q(has_attended=True), distinct=True),
            n_booked=Count("user", filter=Q(has_attended=False, has_booked=True), distinct=True),
        )
        .order_by("organisation__path")
    )
    return [
        EngagementRow(r["organisation__name"], r["hcps"], r["n_attended"], r["n_booked"])
        for r in rows
    ]


def engagement_by_post(organisation):
    """Per post profile held in an organisation: HCPs, attended, booked. One query."""
    attended, booked = _engagement_counts()
    rows = (
        StaffPost.objects.current()
        .filter(organisation__path__startswith=organisation.path)
        .filter(user__in=hcps_in(organisation))
        .annotate(has_attended=attended, has_booked=booked)
        .values("profile__name")
        .annotate(
            hcps=Count("user", distinct=True),
            n_attended=Count("user", filter=Q(has_attended=True), distinct=True),
            n_booked=Count("user", filter=Q(has_attended=False, has_booked=True), distinct=True),
        )
        .order_by("profile__name")
    )
    return [
        EngagementRow(r["profile__name"], r["hcps"], r["n_attended"], r["n_booked"]) for r in rows
    ]


def engagement_people(organisation):
    """Return every HCP in an organisation with whether it attended or is booked."""
    attended, booked = _engagement_counts(prefix="")
    workplace = Membership.objects.filter(
        user=OuterRef("pk"), role=Role.HCP, organisation__path__startswith=organisation.path
    ).order_by("organisation__path")
    return (
        hcps_in(organisation)
        .annotate(
            has_attended=attended,
            has_booked=booked,
            workplace=Subquery(workplace.values("organisation__name")[:1]),
        )
        .order_by("last_name", "first_name", "pk")
    )


def not_yet_trained(organisation):
    """Return the HCPs in an organisation who have not attended a workshop."""
    return engagement_people(organisation).filter(has_attended=False)


def hcps_matching(workshop, text, limit=20):
    """Return HCPs at the workshop's site whose name or email holds every word typed."""
    people = hcps_in(workshop.site)
    for word in text.split():
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    booked = Booking.objects.filter(workshop=workshop, hcp=OuterRef("pk"))
    return people.annotate(booking_status=Subquery(booked.values("status")[:1])).order_by(
        "last_name", "first_name", "pk"
    )[:limit]


def transfer_dates(user, booking, now=None):
    """Return the other dates of a booking's programme, open for booking, that a person runs."""
    return (
        Workshop.objects.run_by(user)
        .filter(
            programme_id=booking.workshop.programme_id,
            status=WorkshopStatus.OPEN,
            starts_at__gt=now or timezone.now(),
        )
        .exclude(pk=booking.workshop_id)
        .select_related("site")
        .order_by("starts_at", "pk")
    )

"""Workshop links, home panels, reminders, training offers and demo content."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem
from training_site.reminders import Reminder
from training_site.scoping import MANAGING_ROLES, organisations_managed_by
from workshops import queries
from workshops.models import Booking, BookingStatus, Workshop, WorkshopStatus

REMINDER_DAYS_BEFORE = 2


@hooks.register("register_training_offers")
def workshop_training_offers(request, competence_ids):
    """Coming open workshops the person runs or manages whose modules develop each competence."""
    offers = {}
    workshops = (
        Workshop.objects.run_by(request.user)
        .filter(status=WorkshopStatus.OPEN, starts_at__gt=timezone.now())
        .filter(modules__competences__in=competence_ids)
        .prefetch_related("modules__competences")
        .distinct()
    )
    for workshop in workshops:
        developed = {c.pk for m in workshop.modules.all() for c in m.competences.all()}
        for competence_id in developed.intersection(competence_ids):
            offers.setdefault(competence_id, []).append(
                {
                    "label": f"Workshop: {workshop.title}, {workshop.starts_at:%d %b %Y}",
                    "url": reverse("workshops:detail", args=[workshop.pk]),
                }
            )
    return offers


@hooks.register("register_navigation_items")
def workshop_navigation(request, roles):
    """Workshops for HCPs, trainers and managers."""
    if roles.intersection({Role.TRAINER, *MANAGING_ROLES}) or request.user.is_superuser:
        return [NavigationItem("Workshops", reverse("workshops:index"), order=35)]
    if Role.HCP in roles:
        return [NavigationItem("Workshops", reverse("workshops:mine"), order=35)]
    return []


@hooks.register("register_home_panels")
def workshop_home_panels(request, roles):
    """HCP: invitations and the next workshop; trainer: coming workshops; manager: engagement."""
    panels = []
    if Role.HCP in roles:
        mine = queries.hcp_workshops(request.user)
        context = {"invitations": mine.invitations, "next": next(iter(mine.booked), None)}
        panels.append(HomePanel(Role.HCP, "Workshops", "workshops/panels/hcp.html", context, 15))
    if Role.TRAINER in roles:
        coming = list(queries.trainer_dashboard(request.user)[:5])
        panels.append(
            HomePanel(
                Role.TRAINER,
                "Your coming workshops",
                "workshops/panels/trainer.html",
                {"workshops": coming},
                order=15,
            )
        )
    for role in MANAGING_ROLES:
        if role in roles:
            panels.append(_engagement_panel(request.user, role))
            break
    return panels


def _engagement_panel(user, role):
    """A manager's summary of how many HCPs in its top organisation have been trained."""
    organisation = organisations_managed_by(user).order_by("depth", "path").first()
    rows = queries.engagement_by_unit(organisation) if organisation else []
    context = {
        "organisation": organisation,
        "total": sum(r.hcps for r in rows),
        "attended": sum(r.attended for r in rows),
        "booked": sum(r.booked for r in rows),
    }
    template = "workshops/panels/manager.html"
    return HomePanel(role, "Workshop engagement", template, context, order=60)


@hooks.register("register_reminders")
def workshop_reminders(now):
    """Remind booked HCPs two days before; a moved workshop reminds again, a rerun never."""
    bookings = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        workshop__starts_at__gt=now,
        workshop__starts_at__lte=now + timedelta(days=REMINDER_DAYS_BEFORE),
    ).exclude(workshop__status=WorkshopStatus.CANCELLED)
    for booking in bookings.select_related("hcp", "workshop__programme"):
        workshop = booking.workshop
        yield Reminder(
            key=f"workshop-upcoming:booking:{booking.pk}:{workshop.starts_at:%Y%m%dT%H%M%z}",
            to=booking.hcp.email,
            subject=f"Reminder: {workshop.title}, {timezone.localtime(workshop.starts_at):%A}",
            template="workshops/emails/reminder",
            context={
                "booking": booking,
                "workshop": workshop,
                "path": reverse("workshops:booking", args=[workshop.pk]),
            },
        )


@hooks.register("register_demo_content")
def workshop_demo_content(stdout=None):
    """Workshops of the demo programmes: delivered, coming and open for booking."""
    from workshops.demo import build_demo_workshops

    build_demo_workshops()


@hooks.register("register_competence_panels")
def competence_workshops_panel(request, person):
    """On a manager's view of a person, the workshops the person attended."""
    if person.pk == request.user.pk:
        return []
    attended = (
        Booking.objects.filter(hcp=person, status=BookingStatus.ATTENDED)
        .select_related("workshop__site")
        .order_by("-workshop__starts_at")
    )
    return [
        HomePanel(
            Role.MANAGER,
            "Workshops attended",
            "workshops/panels/attended.html",
            {"bookings": list(attended), "person": person},
            60,
        )
    ]

"""Workshop evaluation hooks: workshop links, home panels, navigation, reminders, demo content."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from wagtail import hooks

from feedback.evaluation import queries
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem
from training_site.reminders import Reminder
from training_site.scoping import MANAGING_ROLES, has_role
from workshops.models import Booking, BookingStatus, WorkshopStatus

BEFORE_REMINDER = timedelta(days=4)
AFTER_REMINDERS = ((1, 7), (7, 14))


@hooks.register("register_workshop_links")
def evaluation_workshop_links(request, workshop):
    """The evaluation's results for those who may read them; the questionnaires for the HCP."""
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    if has_role(user, Role.HCP):
        evaluation = next(
            (e for e in queries.hcp_evaluations(user) if e.workshop.pk == workshop.pk), None
        )
        for stage in evaluation.to_do if evaluation else ():
            url = reverse("feedback:evaluation-respond", args=[workshop.pk, stage])
            label = f"Evaluate this workshop: {queries.STAGE_LABELS[stage].lower()}"
            items.append(NavigationItem(label, url, order=40))
    readable = user.is_superuser or has_role(user, Role.TRAINER, *MANAGING_ROLES)
    if readable and queries.evaluation_workshops(user).filter(pk=workshop.pk).exists():
        stage, answered, expected = queries.response_rate(workshop)
        url = reverse("feedback:evaluation-workshop", args=[workshop.pk])
        label = f"Evaluation: {answered} of {expected} answered"
        if stage == queries.BEFORE:
            label = f"{label} before"
        items.append(NavigationItem(label, url, order=41))
    return items


@hooks.register("register_home_panels")
def evaluation_home_panels(request, roles):
    """Evaluations to complete for an HCP, outstanding for a trainer, the report for managers."""
    panels = []
    if Role.HCP in roles:
        evaluations = queries.evaluations_to_complete(request.user)
        panels.append(
            HomePanel(
                Role.HCP,
                "Evaluations to complete",
                "feedback/evaluation/panels/to_complete.html",
                {"evaluations": evaluations},
                order=26,
            )
        )
    if Role.TRAINER in roles:
        rows = queries.outstanding_evaluations(request.user, limit=5)
        panels.append(
            HomePanel(
                Role.TRAINER,
                "Evaluations outstanding",
                "feedback/evaluation/panels/outstanding.html",
                {"rows": rows},
                order=31,
            )
        )
    for role in MANAGING_ROLES:
        if role in roles:
            panels.append(
                HomePanel(
                    role,
                    "Workshop evaluations",
                    "feedback/evaluation/panels/report.html",
                    {},
                    order=61,
                )
            )
    return panels


@hooks.register("register_navigation_items")
def evaluation_navigation(request, roles):
    """The HCP's workshop evaluations."""
    if Role.HCP in roles:
        return [NavigationItem("Workshop evaluations", reverse("feedback:evaluation-mine"), 16)]
    return []


def _reminder(booking, stage, key, subject):
    """Build one evaluation reminder for a booking."""
    path = reverse("feedback:evaluation-respond", args=[booking.workshop_id, stage])
    workshop = booking.workshop
    return Reminder(
        key=key,
        to=booking.hcp.email,
        subject=subject,
        template=f"feedback/evaluation/emails/{stage}",
        context={
            "name": booking.hcp.first_name or booking.hcp.get_full_name(),
            "workshop_title": workshop.title,
            "starts_at": workshop.starts_at,
            "url": f"{settings.WAGTAILADMIN_BASE_URL}{path}",
        },
    )


def _unanswered(stage, status, **workshop_filter):
    """Bookings in a status whose HCP has not answered the stage, in a live workshop."""
    return (
        Booking.objects.filter(status=status, **workshop_filter)
        .exclude(workshop__status=WorkshopStatus.CANCELLED)
        .annotate(done=queries.answered_exists(stage))
        .filter(done=False)
        .select_related("hcp", "workshop")
        .order_by("pk")
    )


@hooks.register("register_reminders")
def evaluation_reminders(now):
    """Before: booked HCPs four days ahead. After: attendees one and seven days after the end.

    Four days keeps the questionnaire apart from the workshop's own reminder two days ahead.

    Each after reminder is due until the next one is, so a command that missed some days
    sends one reminder, not both at once.
    """
    if queries.stage_version(queries.BEFORE) is not None:
        starting = _unanswered(
            queries.BEFORE,
            BookingStatus.BOOKED,
            workshop__starts_at__gt=now,
            workshop__starts_at__lte=now + BEFORE_REMINDER,
        )
        for booking in starting:
            key = f"workshop-evaluation-before:booking:{booking.pk}"
            subject = f"Before {booking.workshop.title}: how confident are you?"
            yield _reminder(booking, queries.BEFORE, key, subject)
    if queries.stage_version(queries.AFTER) is None:
        return
    for days, until in AFTER_REMINDERS:
        ended = _unanswered(
            queries.AFTER,
            BookingStatus.ATTENDED,
            workshop__ends_at__lte=now - timedelta(days=days),
            workshop__ends_at__gt=now - timedelta(days=until),
        )
        for booking in ended:
            key = f"workshop-evaluation-after-{days}d:booking:{booking.pk}"
            subject = f"After {booking.workshop.title}: how confident are you now?"
            yield _reminder(booking, queries.AFTER, key, subject)


@hooks.register("register_demo_content")
def evaluation_demo_content(stdout=None):
    """Before and after answers from attendees of past demo workshops, if any exist."""
    from feedback.evaluation.demo import build_demo_evaluations

    build_demo_evaluations(stdout=stdout)


@hooks.register("register_workshop_dashboard_links")
def evaluation_dashboard_links(request, user):
    """The trainer's outstanding evaluations, from its workshops dashboard."""
    if not has_role(user, Role.TRAINER):
        return []
    return [NavigationItem("Evaluations outstanding", reverse("feedback:evaluation-outstanding"))]

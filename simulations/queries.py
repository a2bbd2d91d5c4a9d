"""Reads for the scenario library, the rota, and the lists of sessions each person takes part in."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from competences.models import Competence
from simulations.models import (
    DOMAIN_FIELDS,
    CareDomain,
    CarePlan,
    Scenario,
    SimulationSession,
)
from simulations.services import ON_THE_DAY
from training_site.models import Membership, Role, User
from training_site.scoping import organisations_managed_by
from workshops.models import Booking, Workshop


def scenario_library(*, domain="", difficulty="", competence=None, published=None):
    """Scenarios narrowed by domain, difficulty and target competence, with their competences."""
    scenarios = Scenario.objects.prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("code"))
    ).annotate(session_count=Count("sessions"))
    if domain in DOMAIN_FIELDS:
        scenarios = scenarios.touching(CareDomain(domain))
    if difficulty:
        scenarios = scenarios.filter(difficulty=difficulty)
    if competence is not None:
        scenarios = scenarios.filter(competences=competence)
    if published is not None:
        scenarios = scenarios.filter(published=published)
    return scenarios


def scenario_with_results(pk):
    """One scenario with its results letter and competences, or 404."""
    return get_object_or_404(Scenario.objects.prefetch_related("results", "competences"), pk=pk)


def sessions_with_people():
    """Sessions with everything a list row shows, in a fixed number of queries."""
    return (
        SimulationSession.objects.select_related("workshop", "scenario", "hcp", "representative")
        .prefetch_related("observers", "workshop__trainers")
        .annotate(has_care_plan=Exists(CarePlan.objects.filter(session=OuterRef("pk"))))
    )


def get_session_or_404(user, pk):
    """A session the person may see, or 404 as if it did not exist."""
    try:
        return sessions_with_people().visible_to(user).get(pk=pk)
    except (SimulationSession.DoesNotExist, ValueError):
        raise Http404("No such session.") from None


def runs_workshop(user, workshop):
    """Say whether a person trains at a workshop (administrators count as its trainers)."""
    if user.is_superuser:
        return True
    return workshop.trainers.filter(pk=user.pk).exists()


def get_rota_workshop_or_404(user, pk, *, manage=False):
    """A workshop whose rota the person runs, or reads as a manager of its site; else 404."""
    workshops = Workshop.objects.select_related("site")
    if not user.is_superuser:
        trains = Workshop.trainers.through.objects.filter(workshop=OuterRef("pk"), user=user)
        scope = Exists(trains)
        if not manage:
            scope |= Q(site__in=organisations_managed_by(user))
        workshops = workshops.filter(scope)
    try:
        return workshops.get(pk=pk)
    except (Workshop.DoesNotExist, ValueError):
        raise Http404("No such workshop.") from None


@dataclass(frozen=True)
class Slot:
    """The sessions that run at the same time in a workshop."""

    starts_at: object
    sessions: list


def rota(workshop):
    """A workshop's sessions grouped by time slot."""
    sessions = sessions_with_people().filter(workshop=workshop).order_by("starts_at", "room", "pk")
    return [
        Slot(starts_at, list(group))
        for starts_at, group in groupby(sessions, lambda s: s.starts_at)
    ]


def rota_people(workshop):
    """Who may play or observe: booked HCPs, trainers, and the representatives of its site."""
    booked = Booking.objects.filter(workshop=workshop, status__in=ON_THE_DAY, hcp=OuterRef("pk"))
    trains = Workshop.trainers.through.objects.filter(workshop=workshop, user=OuterRef("pk"))
    return {
        "hcps": User.objects.filter(Exists(booked)).order_by("first_name", "last_name"),
        "observers": User.objects.filter(Exists(booked) | Exists(trains)).order_by(
            "first_name", "last_name"
        ),
        "representatives": User.objects.filter(
            Exists(
                Membership.objects.filter(
                    user=OuterRef("pk"),
                    role=Role.REPRESENTATIVE,
                    organisation__path__startswith=workshop.site.path,
                )
            )
        ).order_by("first_name", "last_name"),
        "scenarios": Scenario.objects.published(),
    }


def my_consultations(user):
    """Sessions a person plays as the HCP or watches as an observer, soonest first."""
    return (
        sessions_with_people()
        .filter(Q(hcp=user) | Q(pk__in=SimulationSession.objects.observed_by(user).values("pk")))
        .order_by("-starts_at", "pk")
    )


def representative_sessions(user):
    """Sessions a representative with an account plays the person in, and if its feedback is in."""
    return (
        sessions_with_people()
        .filter(representative=user)
        .annotate(
            representative_feedback_in=Exists(
                SimulationSession.objects.filter(
                    pk=OuterRef("pk"), feedback_responses__role="representative"
                )
            )
        )
        .order_by("-starts_at", "pk")
    )


def next_consultation(user, now=None):
    """The HCP's next simulated consultation, if one is on a rota."""
    now = now or timezone.now()
    return (
        sessions_with_people()
        .filter(hcp=user, starts_at__gte=now)
        .order_by("starts_at", "pk")
        .first()
    )


def care_plans_to_write(user, now=None):
    """The HCP's sessions that have started and have no care plan yet."""
    now = now or timezone.now()
    return (
        sessions_with_people()
        .filter(hcp=user, starts_at__lte=now, has_care_plan=False)
        .order_by("-starts_at", "pk")
    )


def may_manage_session(user, session):
    """Say whether a person manages a session: a trainer of its workshop."""
    return runs_workshop(user, session.workshop)


def session_role(user, session):
    """The part a person has in a session: trainer, hcp, representative, observer or reader."""
    if session.hcp_id == user.pk:
        return "hcp"
    if session.representative_id == user.pk:
        return "representative"
    if may_manage_session(user, session):
        return "trainer"
    if any(observer.pk == user.pk for observer in session.observers.all()):
        return "observer"
    return "reader"


def workshops_to_run(user, now=None):
    """Workshops a trainer runs that have not ended yet, soonest first, for their rotas."""
    now = now or timezone.now()
    return Workshop.objects.filter(trainers=user, ends_at__gte=now).order_by("starts_at")

"""Factories for scenarios, the workshops that play them, sessions and care plans."""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from curriculum.models import ProgrammePage
from simulations.models import (
    CarePlan,
    CarePlanAction,
    Scenario,
    ScenarioResult,
    SimulationSession,
)
from tests.factories.curriculum import curriculum_index, programme_page
from tests.factories.workshops import workshop as scheduled_workshop
from workshops.models import Booking, BookingStatus, WorkshopStatus


class ScenarioFactory(factory.django.DjangoModelFactory):
    """A scenario ready to use, touching the managing domain."""

    class Meta:
        model = Scenario
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Scenario {n}")
    person_name = "Mrs Smith"
    persona = "A woman of 61 with type 2 diabetes."
    role_card = "You are pleased with most results but worried about your blood pressure."
    learning_points = "Does the HCP start from her agenda?"
    concerns = "Why is my blood pressure high?"
    wants = "To lose a stone."
    domain_managing = True
    published = True


class ScenarioResultFactory(factory.django.DjangoModelFactory):
    """One line of a results letter."""

    class Meta:
        model = ScenarioResult

    scenario = factory.SubFactory(ScenarioFactory)
    measure = "Blood pressure"
    result = "152/88"
    unit = "mmHg"
    target = "under 140/80"
    against_target = "above"


def programme():
    """A programme to hang workshops on, built once per test."""
    existing = ProgrammePage.objects.first()
    if existing:
        return existing
    return programme_page(curriculum_index(), "Care planning programme")


def workshop(site, *, trainers=(), day=None, **fields):
    """A planned one-day workshop at a site, run by the given trainers."""
    day = day or timezone.localdate() + timedelta(days=7)
    starts = timezone.make_aware(datetime.combine(day, time(9, 30)))
    return scheduled_workshop(
        programme(),
        site,
        trainers=trainers,
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        title=fields.pop("title", "Care planning workshop"),
        venue=fields.pop("venue", "Education centre"),
        capacity=fields.pop("capacity", 20),
        status=fields.pop("status", WorkshopStatus.PLANNED),
        **fields,
    )


def book(workshop, *hcps, status=BookingStatus.BOOKED):
    """Book HCPs on a workshop."""
    for hcp in hcps:
        Booking.objects.create(workshop=workshop, hcp=hcp, status=status)


def slot(workshop, hour, minute=0):
    """A time on the workshop's day."""
    day = timezone.localtime(workshop.starts_at).date()
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def session(workshop, hcp, *, scenario=None, representative=None, hour=11, observers=(), **f):
    """A session on the rota, written directly (the services are tested on their own)."""
    made = SimulationSession.objects.create(
        workshop=workshop,
        hcp=hcp,
        scenario=scenario or ScenarioFactory(),
        representative=representative,
        representative_name=f.pop("representative_name", "" if representative else "Pat"),
        starts_at=f.pop("starts_at", slot(workshop, hour)),
        **f,
    )
    made.observers.set(observers)
    return made


def care_plan(session, *, actions=1, **fields):
    """A recorded care plan with some actions."""
    fields.setdefault("goals", "Lose a stone.")
    fields.setdefault("version", 1)
    plan = CarePlan.objects.create(session=session, **fields)
    for number in range(actions):
        CarePlanAction.objects.create(
            care_plan=plan,
            what=f"Action {number}",
            who="Mrs Smith",
            due_on=timezone.localdate() + timedelta(days=14),
            confidence=7,
        )
    return plan

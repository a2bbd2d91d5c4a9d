"""Factories for reflections, shares and development goals, and the records they link to."""

from datetime import timedelta

import factory
from django.utils import timezone

from curriculum.models import ProgrammePage
from feedback.models import FeedbackResponse, Instrument, InstrumentPurpose, InstrumentVersion
from portfolio.models import DevelopmentGoal, GoalAction, Reflection, ReflectionShare
from portfolio.structures import ReflectiveModel
from quality.models import QAObservation
from simulations.models import Scenario, SimulationSession
from tests.factories.curriculum import curriculum_index, programme_page
from tests.factories.training_site import UserFactory
from tests.factories.workshops import workshop as scheduled_workshop
from workshops.models import Booking, BookingStatus, WorkshopStatus


class ReflectionFactory(factory.django.DjangoModelFactory):
    """A draft What? So what? Now what? reflection."""

    class Meta:
        model = Reflection

    author = factory.SubFactory(UserFactory)
    structure = ReflectiveModel.WHAT_SO_WHAT
    title = factory.Sequence(lambda n: f"Reflection {n}")
    sections = factory.LazyFunction(
        lambda: {
            "what": "I led with the results.",
            "so_what": "The agenda was mine.",
            "now_what": "Ask first.",
        }
    )


class ReflectionShareFactory(factory.django.DjangoModelFactory):
    """A reflection shared with someone, not withdrawn."""

    class Meta:
        model = ReflectionShare

    reflection = factory.SubFactory(ReflectionFactory)
    shared_with = factory.SubFactory(UserFactory)


class DevelopmentGoalFactory(factory.django.DjangoModelFactory):
    """An active goal reviewed in thirty days."""

    class Meta:
        model = DevelopmentGoal

    hcp = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")
    importance = 8
    confidence = 6
    review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class GoalActionFactory(factory.django.DjangoModelFactory):
    """One action towards a goal."""

    class Meta:
        model = GoalAction

    goal = factory.SubFactory(DevelopmentGoalFactory)
    what = "Use the agenda-setting question"
    who = "Me"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    confidence = 7


def workshop(site, *, title="Care planning day", days_ago=10):
    """Create a planned workshop some days ago at a site, building the curriculum it needs."""
    programme = ProgrammePage.objects.first() or programme_page(
        curriculum_index(), "Unified programme"
    )
    return scheduled_workshop(
        programme,
        site,
        title=title,
        starts_at=timezone.now() - timedelta(days=days_ago),
        capacity=12,
        venue="",
        status=WorkshopStatus.PLANNED,
    )


def attended(hcp, at_workshop, status=BookingStatus.ATTENDED):
    """Book an HCP onto a workshop with a status."""
    return Booking.objects.create(workshop=at_workshop, hcp=hcp, status=status)


def simulation(hcp, at_workshop, *, title="Mrs Smith's review"):
    """A simulated consultation the HCP played."""
    scenario, _ = Scenario.objects.get_or_create(title=title, defaults={"persona": "Mrs Smith"})
    return SimulationSession.objects.create(
        workshop=at_workshop, scenario=scenario, hcp=hcp, representative_name="Ray"
    )


def simulation_feedback(session, *, respondent=None):
    """A representative's feedback on a simulated consultation, about its HCP."""
    instrument, _ = Instrument.objects.get_or_create(
        name="Representative's feedback",
        defaults={"purpose": InstrumentPurpose.REPRESENTATIVE_FEEDBACK},
    )
    version, _ = InstrumentVersion.objects.get_or_create(instrument=instrument, number=1)
    return FeedbackResponse.objects.create(
        version=version,
        respondent=respondent,
        subject=session.hcp,
        session=session,
        workshop=session.workshop,
    )


def observation(observed, observer):
    """A QA observation of a person's consultation."""
    return QAObservation.objects.create(observed=observed, observer=observer)

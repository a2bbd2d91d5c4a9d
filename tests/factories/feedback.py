"""Workshops with simulated sessions, and questionnaires, for the feedback tests."""

from datetime import timedelta

from django.utils import timezone

from competences.models import Competence
from curriculum.models import CurriculumIndexPage, ProgrammePage
from feedback.models import (
    Instrument,
    InstrumentPurpose,
    InstrumentVersion,
    Item,
    ItemKind,
    VersionStatus,
)
from simulations.models import Scenario, SimulationSession
from tests.factories.curriculum import curriculum_index, programme_page
from tests.factories.workshops import workshop as scheduled_workshop
from workshops.models import WorkshopStatus


def programme():
    """Return the test programme, creating the curriculum it sits in once."""
    existing = ProgrammePage.objects.filter(title="Care planning").first()
    if existing:
        return existing
    index = CurriculumIndexPage.objects.first() or curriculum_index()
    return programme_page(index, "Care planning")


def workshop(site, *, trainers=(), title="Care planning workshop", **fields):
    """Create a planned workshop at a site, under way since two hours ago unless told otherwise."""
    return scheduled_workshop(
        programme(),
        site,
        trainers=trainers,
        title=title,
        starts_at=fields.pop("starts_at", timezone.now() - timedelta(hours=2)),
        capacity=fields.pop("capacity", 12),
        venue=fields.pop("venue", ""),
        status=fields.pop("status", WorkshopStatus.PLANNED),
        **fields,
    )


def scenario(title="Mrs Smith's annual review"):
    """Return a scenario by title, creating it."""
    found, _ = Scenario.objects.get_or_create(
        title=title, defaults={"persona": "A woman of 58 with type 2 diabetes."}
    )
    return found


def simulation_session(
    workshop, hcp, *, representative=None, representative_name="Ray", observers=(), **fields
):
    """Create a simulated consultation in a workshop."""
    session = SimulationSession.objects.create(
        workshop=workshop,
        scenario=fields.pop("scenario", None) or scenario(),
        hcp=hcp,
        representative=representative,
        representative_name=representative_name,
        starts_at=fields.pop("starts_at", workshop.starts_at + timedelta(hours=1)),
        **fields,
    )
    session.observers.set(observers)
    return session


def item(code, kind=ItemKind.LIKERT, **fields):
    """Describe an item for ``instrument_version``."""
    return {"code": code, "kind": kind, **fields}


def instrument_version(purpose, items, *, name=None, status=VersionStatus.PUBLISHED, **rule):
    """Create an instrument's next version with the given items and scoring rule."""
    instrument, _ = Instrument.objects.get_or_create(
        name=name or InstrumentPurpose(purpose).label, defaults={"purpose": purpose}
    )
    number = instrument.versions.count() + 1
    version = InstrumentVersion.objects.create(
        instrument=instrument, number=number, status=status, **rule
    )
    for order, spec in enumerate(items):
        spec = dict(spec)
        competences = spec.pop("competences", ())
        spec.setdefault("prompt", spec["code"].replace("_", " ").capitalize() + "?")
        spec.setdefault("in_score", spec["kind"] != ItemKind.TEXT)
        created = Item.objects.create(version=version, sort_order=order, **spec)
        created.competences.set(Competence.objects.filter(code__in=competences))
        created.save()
    return version


def representative_version(**rule):
    """The representative's questionnaire: four scored questions, one with n/a, two texts."""
    rule.setdefault("max_missing", 1)
    rule.setdefault("imputation", "mean")
    return instrument_version(
        InstrumentPurpose.REPRESENTATIVE_FEEDBACK,
        [
            item(
                "story_heard", prompt="Was my story heard?", required=True, competences=["Diab HA1"]
            ),
            item(
                "results_explained", prompt="Were my results explained?", allows_not_applicable=True
            ),
            item(
                "plan_mine",
                ItemKind.YES_PARTLY_NO,
                prompt="Is the plan mine?",
                competences=["Diab HA2"],
            ),
            item(
                "plan_confidence",
                ItemKind.SCALE_0_10,
                prompt="How confident am I in the plan?",
                in_score=False,
            ),
            item("went_well", ItemKind.TEXT, prompt="What went well?"),
            item("could_be_better", ItemKind.TEXT, prompt="What could be better?"),
        ],
        **rule,
    )


def observer_version(**rule):
    """The observer's checklist, sharing two item codes with the representative's."""
    return instrument_version(
        InstrumentPurpose.OBSERVER_CHECKLIST,
        [
            item("story_heard", prompt="The person's story was heard", required=True),
            item("results_explained", prompt="Results were explained", allows_not_applicable=True),
            item("went_well", ItemKind.TEXT, prompt="What went well?"),
        ],
        **rule,
    )

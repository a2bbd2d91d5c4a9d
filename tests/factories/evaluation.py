"""Workshop evaluation questionnaires, workshops that target competences, and bookings."""

from competences.models import Competence
from feedback.models import InstrumentPurpose, ItemKind
from tests.factories.curriculum import module_page
from tests.factories.feedback import instrument_version, item, programme, workshop
from workshops.models import Booking, BookingStatus

SKILL = "How confident are you in agreeing an agenda?"
RESULTS = "How confident are you in sharing results?"
BEHAVIOUR = "How confident are you in supporting change?"
MOST_USEFUL = "What was most useful?"
IMPROVE = "What would improve the workshop?"


def _skills():
    """Three confidence questions: one general, one per competence."""
    return [
        item("conf_agenda", ItemKind.SCALE_0_10, prompt=SKILL, required=True),
        item("conf_results", ItemKind.SCALE_0_10, prompt=RESULTS, competences=["Diab HA1"]),
        item("conf_behaviour", ItemKind.SCALE_0_10, prompt=BEHAVIOUR, competences=["Diab HA6"]),
    ]


def before_version():
    """The published questionnaire before a workshop."""
    return instrument_version(InstrumentPurpose.WORKSHOP_BEFORE, _skills(), max_missing=3)


def after_version():
    """The published questionnaire after a workshop, with two reaction questions."""
    reactions = [
        item("most_useful", ItemKind.TEXT, prompt=MOST_USEFUL),
        item("would_improve", ItemKind.TEXT, prompt=IMPROVE),
    ]
    return instrument_version(
        InstrumentPurpose.WORKSHOP_AFTER, [*_skills(), *reactions], max_missing=3
    )


def targeting_workshop(site, *, competences=("Diab HA1",), trainers=(), **fields):
    """A workshop whose one module targets the given competences."""
    created = workshop(site, trainers=trainers, **fields)
    module = module_page(
        programme(),
        f"Module for {created.pk}",
        competences=Competence.objects.filter(code__in=competences),
    )
    created.modules.add(module)
    return created


def booking(workshop, hcp, status=BookingStatus.BOOKED):
    """Book an HCP on a workshop."""
    return Booking.objects.create(workshop=workshop, hcp=hcp, status=status)

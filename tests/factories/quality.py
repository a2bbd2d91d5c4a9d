"""Factories for quality indicators, measures and QA observations."""

import factory

from quality.models import (
    MeasureResult,
    QAObservation,
    QAObservationStatus,
    QualityIndicator,
    QualityMeasure,
)
from tests.factories.training_site import UserFactory


class QualityIndicatorFactory(factory.django.DjangoModelFactory):
    """A network-wide indicator."""

    class Meta:
        model = QualityIndicator

    title = factory.Sequence(lambda n: f"Indicator {n}")
    sort_order = factory.Sequence(lambda n: n)


class QualityMeasureFactory(factory.django.DjangoModelFactory):
    """A measure of an indicator."""

    class Meta:
        model = QualityMeasure

    indicator = factory.SubFactory(QualityIndicatorFactory)
    text = factory.Sequence(lambda n: f"Measure {n} is seen")
    sort_order = factory.Sequence(lambda n: n)


class QAObservationFactory(factory.django.DjangoModelFactory):
    """A planned observation; pass organisation, observer and observed from the cast."""

    class Meta:
        model = QAObservation
        skip_postgeneration_save = True

    observed = factory.SubFactory(UserFactory)
    observer = factory.SubFactory(UserFactory)
    status = QAObservationStatus.PLANNED

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        """Put the given indicators in scope."""
        if create and extracted:
            self.indicators.set(extracted)


class MeasureResultFactory(factory.django.DjangoModelFactory):
    """What an observation found for a measure."""

    class Meta:
        model = MeasureResult

    observation = factory.SubFactory(QAObservationFactory)
    measure = factory.SubFactory(QualityMeasureFactory)
    result = "in_place"


def indicator_with_measures(title="Care planning follows the whole process", count=2, **fields):
    """Create an indicator with a number of measures."""
    indicator = QualityIndicatorFactory(title=title, **fields)
    for number in range(1, count + 1):
        QualityMeasureFactory(indicator=indicator, text=f"{title}: measure {number}")
    return indicator

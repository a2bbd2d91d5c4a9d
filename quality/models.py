"""QA observations of care planning against quality indicators and their measures."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from competences.models import Competence
from training_site.action_plans import PlannedAction
from training_site.history import AppendOnlyRecord
from training_site.models import Organisation
from training_site.scoping import organisations_managed_by
from training_site.status import status_colours


class QualityIndicatorQuerySet(models.QuerySet):
    """Quality indicators, narrowed to those in use where an observation takes place."""

    def active(self):
        """Indicators that can be chosen for a new observation."""
        return self.filter(active=True)

    def applying_to(self, organisation):
        """Network-wide indicators and those agreed by the organisation or one above it."""
        step = Organisation.steplen
        paths = [organisation.path[:end] for end in range(step, len(organisation.path) + 1, step)]
        return self.filter(Q(organisation__isnull=True) | Q(organisation__path__in=paths))


class QualityIndicator(ClusterableModel):
    """An agreed standard for the process of care planning, described by observable measures."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quality_indicators",
        verbose_name="agreed by",
        help_text="Leave blank for an indicator the whole network uses.",
    )
    competences = models.ManyToManyField(
        Competence,
        blank=True,
        related_name="quality_indicators",
        help_text="Competences an observation against this indicator is evidence for.",
    )
    active = models.BooleanField(default=True, help_text="Only active indicators can be chosen.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = QualityIndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "title", "pk"]

    def __str__(self):
        return self.title


class QualityMeasure(Orderable):
    """An observable characteristic that describes an indicator in detail."""

    indicator = ParentalKey(QualityIndicator, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField()

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text


class QAObservationStatus(models.TextChoices):
    """Where an observation is in its cycle, from planning to the observed person's agreement."""

    PLANNED = "planned", "Planned"
    PREPARED = "prepared", "Discussed beforehand"
    OBSERVED = "observed", "Observed"
    DISCUSSED = "discussed", "Discussed afterwards"
    AGREED = "agreed", "Agreed by the person observed"


status_colours(
    "quality.QAObservation",
    QAObservationStatus,
    {
        QAObservationStatus.PLANNED: "grey",
        QAObservationStatus.PREPARED: "grey",
        QAObservationStatus.OBSERVED: "grey",
        QAObservationStatus.DISCUSSED: "blue",
        QAObservationStatus.AGREED: "green",
    },
)


class QAObservationQuerySet(models.QuerySet):
    """Observations, narrowed to those a person may see or must act on."""

    def visible_to(self, user):
        """Observations the person made, of itself, or in organisations it manages."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(observer=user)
            | Q(observed=user)
            | Q(organisation__in=organisations_managed_by(user).values("pk"))
        )

    def open(self):
        """Observations not yet agreed by the person observed."""
        return self.exclude(status=QAObservationStatus.AGREED)

    def awaiting_agreement(self):
        """Observations written up and waiting for the person observed to agree them."""
        return self.filter(status=QAObservationStatus.DISCUSSED)

    def with_results(self):
        """Observations whose measures have all been recorded."""
        return self.filter(
            status__in=[
                QAObservationStatus.OBSERVED,
                QAObservationStatus.DISCUSSED,
                QAObservationStatus.AGREED,
            ]
        )


class QAObservation(models.Model):
    """A quality assurance observation of an HCP's care planning consultation (Section 7)."""

    observed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="qa_observations"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="qa_observations_made"
    )
    observed_on = models.DateField(default=timezone.localdate)
    concerns_before = models.TextField("concerns raised before the observation", blank=True)
    discussion_after = models.TextField("discussion after the observation", blank=True)
    action_document = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        related_name="qa_observations",
        verbose_name="practice or team",
    )
    indicators = models.ManyToManyField(
        QualityIndicator, related_name="observations", verbose_name="indicators in scope"
    )
    concern_indicators = models.ManyToManyField(
        QualityIndicator,
        blank=True,
        related_name="observations_concerned",
        verbose_name="indicators the person observed is particularly concerned about",
    )
    status = models.CharField(
        max_length=16, choices=QAObservationStatus.choices, default=QAObservationStatus.PLANNED
    )
    observed_comment = models.TextField("comments of the person observed", blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=0)

    objects = QAObservationQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_on", "pk"]
        indexes = [models.Index(fields=["status", "observed_on"])]

    def __str__(self):
        return f"QA observation of {self.observed} on {self.observed_on:%d %b %Y}"

    @property
    def is_agreed(self):
        """Say whether the person observed has agreed the write-up, which closes it."""
        return self.status == QAObservationStatus.AGREED


class MeasureFinding(models.TextChoices):
    """How far a measure was observed to be in place."""

    IN_PLACE = "in_place", "In place"
    PARTLY = "partly", "Partly in place"
    NOT_IN_PLACE = "not_in_place", "Not in place"
    NOT_OBSERVED = "not_observed", "Not observed"


class MeasureResult(models.Model):
    """What an observation found for one measure, with the observer's note."""

    observation = models.ForeignKey(QAObservation, on_delete=models.CASCADE, related_name="results")
    measure = models.ForeignKey(QualityMeasure, on_delete=models.PROTECT, related_name="results")
    result = models.CharField(max_length=16, choices=MeasureFinding.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["measure__indicator__sort_order", "measure__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "measure"], name="qa_measure_result_unique"
            ),
        ]

    def __str__(self):
        return f"{self.measure}: {self.get_result_display()}"


class QAAction(PlannedAction):
    """One action of an observation's action document, feeding the HCP's development plan."""

    observation = models.ForeignKey(QAObservation, on_delete=models.CASCADE, related_name="actions")

    class Meta(PlannedAction.Meta):
        pass


class QAObservationAction(models.TextChoices):
    """What happened to an observation."""

    PLANNED = "planned", "Planned"
    BEFORE_RECORDED = "before_recorded", "Discussion beforehand recorded"
    RESULTS_RECORDED = "results_recorded", "Measures recorded"
    AFTER_RECORDED = "after_recorded", "Discussion and action document recorded"
    AGREED = "agreed", "Agreed by the person observed"


class QAObservationEvent(AppendOnlyRecord):
    """An append-only record of who changed an observation, what and when."""

    observation = models.ForeignKey(QAObservation, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="qa_observation_events"
    )
    action = models.CharField(max_length=24, choices=QAObservationAction.choices)
    from_status = models.CharField(max_length=16, choices=QAObservationStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=QAObservationStatus.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {self.at:%d %b %Y %H:%M}"

"""Instruments and their responses, the links representatives answer by, and QA observations."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from curriculum.models import Workshop
from simulations.models import SimulationSession


class InstrumentPurpose(models.TextChoices):
    """What an instrument is used for."""

    REPRESENTATIVE_FEEDBACK = "representative_feedback", "Representative's feedback"
    OBSERVER_CHECKLIST = "observer_checklist", "Observer's checklist"
    WORKSHOP_BEFORE = "workshop_before", "Workshop evaluation: before"
    WORKSHOP_AFTER = "workshop_after", "Workshop evaluation: after"


class Instrument(models.Model):
    """A questionnaire, edited by staff and versioned so answers keep the wording they answered."""

    name = models.CharField(max_length=200, unique=True)
    purpose = models.CharField(max_length=32, choices=InstrumentPurpose.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InstrumentVersion(models.Model):
    """One published wording of an instrument; responses point at the version they answered."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="instrument_version_unique"
            ),
        ]

    def __str__(self):
        return f"{self.instrument} v{self.number}"


class FeedbackResponse(models.Model):
    """One completed questionnaire: who answered, about whom, in what context."""

    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_given",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_received",
    )
    session = models.ForeignKey(
        SimulationSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "pk"]

    def __str__(self):
        return f"{self.version} about {self.subject} at {self.submitted_at:%d %b %Y}"


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

    class Meta:
        ordering = ["-observed_on", "pk"]

    def __str__(self):
        return f"QA observation of {self.observed} on {self.observed_on:%d %b %Y}"

"""Assessments of competences, their append-only history, and the evidence behind them."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from competences.models.frameworks import Competence, Proficiency
from training_site.history import AppendOnlyRecord


class AssessmentStatus(models.TextChoices):
    """Where an assessment stands in the workflow."""

    SELF_ASSESSED = "self_assessed", "Self-assessed"
    AWAITING = "awaiting_verification", "Waiting for verification"
    VERIFIED = "verified", "Verified"
    RETURNED = "not_yet_met", "Returned with an action point"


class AssessmentQuerySet(models.QuerySet):
    """Queries over assessments."""

    def verified(self, on=None):
        """Return verifications in force on a date: verified and not expired."""
        on = on or timezone.localdate()
        return self.filter(status=AssessmentStatus.VERIFIED).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on)
        )

    def expired(self, on=None):
        """Return verifications that have lapsed and need review."""
        on = on or timezone.localdate()
        return self.filter(status=AssessmentStatus.VERIFIED, expires_on__lt=on)

    def awaiting(self, assessor):
        """Return assessments waiting for this assessor to verify them."""
        return self.filter(status=AssessmentStatus.AWAITING, assessor=assessor)


class Assessment(models.Model):
    """A person's standing on one competence: self-assessment, evidence and verification."""

    hcp = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="assessments")
    level = models.PositiveSmallIntegerField(choices=Proficiency.choices)
    statement = models.TextField(
        help_text="What you do that shows this competence, in your own words."
    )
    status = models.CharField(
        max_length=24, choices=AssessmentStatus.choices, default=AssessmentStatus.SELF_ASSESSED
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments_to_verify",
    )
    verified_level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices, null=True, blank=True
    )
    action_point = models.TextField(blank=True)
    assessed_on = models.DateField(default=timezone.localdate)
    verified_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["competence__code"]
        constraints = [
            models.UniqueConstraint(fields=["hcp", "competence"], name="assessment_one_per_hcp"),
        ]
        indexes = [models.Index(fields=["assessor", "status"])]

    def __str__(self):
        return f"{self.hcp} — {self.competence.code} ({self.get_status_display()})"

    def is_in_force(self, on=None):
        """Say whether the assessment is a verification that has not expired."""
        on = on or timezone.localdate()
        return self.status == AssessmentStatus.VERIFIED and (
            self.expires_on is None or self.expires_on >= on
        )

    def needs_review(self, on=None):
        """Say whether a verification has expired and needs review."""
        on = on or timezone.localdate()
        return (
            self.status == AssessmentStatus.VERIFIED
            and self.expires_on is not None
            and self.expires_on < on
        )


class AssessmentAction(models.TextChoices):
    """What happened to an assessment."""

    SELF_ASSESSED = "self_assessed", "Self-assessed"
    EVIDENCE_ADDED = "evidence_added", "Added evidence"
    REQUESTED = "requested", "Asked for verification"
    VERIFIED = "verified", "Verified"
    RETURNED = "returned", "Returned with an action point"


class AssessmentEvent(AppendOnlyRecord):
    """One step in an assessment's history: who did what, when, from what to what."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessment_events"
    )
    action = models.CharField(max_length=20, choices=AssessmentAction.choices)
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=24, choices=AssessmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=AssessmentStatus.choices)
    from_level = models.PositiveSmallIntegerField(choices=Proficiency.choices, null=True)
    to_level = models.PositiveSmallIntegerField(choices=Proficiency.choices, null=True)
    verified_level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices, null=True, help_text="The verified level after this step."
    )
    expires_on = models.DateField(null=True, help_text="The review date after this step.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["assessment", "at"])]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class EvidenceKind(models.TextChoices):
    """What kind of thing supports a self-assessment."""

    WORKSHOP = "workshop", "Attendance at a workshop"
    SIMULATION_FEEDBACK = "simulation_feedback", "Feedback on a simulated consultation"
    REFLECTION = "reflection", "A reflection"
    OBSERVATION = "observation", "An observation of practice"
    FILE = "file", "An uploaded file"


def evidence_upload_to(instance, filename):
    """Store evidence under a random name that says nothing about its owner."""
    return f"evidence/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class EvidenceQuerySet(models.QuerySet):
    """Queries over evidence."""

    def held_for(self, hcp, competence):
        """Return evidence waiting for the person's first self-assessment of the competence."""
        return self.filter(assessment__isnull=True, hcp=hcp, competence=competence)


class Evidence(models.Model):
    """Something that supports an assessment: a described record, a linked record or a file.

    Records from apps to the right of competences (workshops, feedback, reflections) are
    linked by content type and id, so this app never imports them.
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    hcp = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="held_evidence",
        help_text="Whose evidence this is while it waits for the person's self-assessment.",
    )
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, null=True, blank=True, related_name="held_evidence"
    )
    kind = models.CharField(max_length=24, choices=EvidenceKind.choices)
    description = models.CharField(max_length=500)
    file = models.FileField(upload_to=evidence_upload_to, blank=True)
    source_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    added_at = models.DateTimeField(default=timezone.now)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["added_at"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assessment__isnull=False)
                | models.Q(hcp__isnull=False, competence__isnull=False),
                name="evidence_belongs_to_assessment_or_held",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

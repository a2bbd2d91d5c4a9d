"""The HCP's reflective practice log and personal development plan."""

import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from portfolio.structures import ReflectiveModel, sections_of
from training_site.action_plans import PlannedAction, confidence_field
from training_site.status import status_colours


class ReflectionStatus(models.TextChoices):
    """Whether the author is still writing a reflection."""

    DRAFT = "draft", "Draft"
    COMPLETE = "complete", "Complete"


status_colours(
    "portfolio.Reflection",
    ReflectionStatus,
    {ReflectionStatus.DRAFT: "grey", ReflectionStatus.COMPLETE: "green"},
)


class ReflectionQuerySet(models.QuerySet):
    """Reflections, read only through their author or an active share."""

    def visible_to(self, user):
        """Return the author's own reflections and those shared with the user and not withdrawn."""
        if not user.is_authenticated:
            return self.none()
        shared = ReflectionShare.objects.active().filter(
            reflection=OuterRef("pk"), shared_with=user
        )
        return self.filter(Q(author=user) | Exists(shared))

    def shared_with(self, user):
        """Return reflections others actively share with the user."""
        shared = ReflectionShare.objects.active().filter(
            reflection=OuterRef("pk"), shared_with=user
        )
        return self.filter(Exists(shared)).exclude(author=user)


class Reflection(models.Model):
    """A reflection on a workshop, a simulation, feedback, an observation or a consultation."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    structure = models.CharField(
        "structure", max_length=16, choices=ReflectiveModel.choices, default=ReflectiveModel.FREE
    )
    title = models.CharField(max_length=200)
    sections = models.JSONField(default=dict, blank=True)
    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    session = models.ForeignKey(
        "simulations.SimulationSession",
        verbose_name="simulated consultation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    feedback = models.ForeignKey(
        "feedback.FeedbackResponse",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    observation = models.ForeignKey(
        "quality.QAObservation",
        verbose_name="QA observation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consultation = models.TextField(
        "a consultation of your own",
        blank=True,
        help_text="Describe it without anything that identifies the person: no name, "
        "NHS number, date of birth or address.",
    )
    competences = models.ManyToManyField("competences.Competence", blank=True, related_name="+")
    status = models.CharField(
        max_length=10, choices=ReflectionStatus.choices, default=ReflectionStatus.DRAFT
    )
    identifiers_checked = models.BooleanField(
        default=False, help_text="The author confirmed no one can be identified from the text."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["author", "-updated_at"])]

    def __str__(self):
        return self.title

    @property
    def filled_sections(self):
        """Return (section, text) pairs of the reflection's structure, in order."""
        return [
            (section, self.sections.get(section.name, ""))
            for section in sections_of(self.structure)
        ]

    def all_text(self):
        """Return every piece of text the author wrote, for checking what it identifies."""
        return "\n".join([self.title, self.consultation, *map(str, self.sections.values())])


class ReflectionShareQuerySet(models.QuerySet):
    """Shares of reflections."""

    def active(self):
        """Return shares that have not been withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class ReflectionShare(models.Model):
    """A reflection shared with a named assessor, trainer or manager, until it is withdrawn."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="shares")
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_shares"
    )
    shared_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ReflectionShareQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reflection", "shared_with"],
                condition=Q(withdrawn_at__isnull=True),
                name="reflection_share_one_active",
            )
        ]

    def __str__(self):
        return f"{self.reflection} shared with {self.shared_with}"


class GoalStatus(models.TextChoices):
    """Where a development goal stands, and how it came out at review."""

    ACTIVE = "active", "Active"
    ACHIEVED = "achieved", "Achieved"
    PARTLY = "partly", "Partly achieved"
    NOT_ACHIEVED = "not_achieved", "Not achieved"
    DROPPED = "dropped", "Dropped"


status_colours(
    "portfolio.DevelopmentGoal",
    GoalStatus,
    {
        GoalStatus.ACTIVE: "blue",
        GoalStatus.ACHIEVED: "green",
        GoalStatus.PARTLY: "yellow",
        GoalStatus.NOT_ACHIEVED: "red",
        GoalStatus.DROPPED: "grey",
    },
)


class DevelopmentGoalQuerySet(models.QuerySet):
    """Development goals."""

    def active(self):
        """Return goals still being worked on."""
        return self.filter(status=GoalStatus.ACTIVE)

    def review_due_by(self, day):
        """Return active goals whose review date is on or before a day."""
        return self.active().filter(review_on__lte=day)


class DevelopmentGoal(models.Model):
    """A goal of the HCP's personal development plan, often closing a competence gap."""

    hcp = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_goals"
    )
    title = models.CharField("goal", max_length=200)
    competence = models.ForeignKey(
        "competences.Competence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="development_goals",
    )
    why = models.TextField("why it matters to you", blank=True)
    importance = confidence_field(
        "how important is it to you (0 to 10)",
        help_text="0 means not at all important, 10 means very important.",
    )
    confidence = confidence_field("how confident are you that you can do it (0 to 10)")
    review_on = models.DateField("review date")
    status = models.CharField(max_length=16, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    outcome = models.TextField("what came of it", blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DevelopmentGoalQuerySet.as_manager()

    class Meta:
        ordering = ["review_on", "pk"]
        indexes = [models.Index(fields=["hcp", "status", "review_on"])]

    def __str__(self):
        return self.title


class GoalAction(PlannedAction):
    """One action towards a development goal: the same action planning a care plan uses."""

    goal = models.ForeignKey(DevelopmentGoal, on_delete=models.CASCADE, related_name="actions")

    class Meta(PlannedAction.Meta):
        pass


def cpd_evidence_upload_to(instance, filename):
    """Store CPD evidence under a random name that says nothing about its owner."""
    return f"cpd/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class CpdActivity(models.Model):
    """Continuing professional development the HCP did elsewhere, with its hours."""

    hcp = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_activities"
    )
    title = models.CharField("what you did", max_length=200)
    date = models.DateField("date")
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("100"))],
    )
    participatory = models.BooleanField(
        "participatory",
        default=False,
        help_text="Learning with others, such as a course, a conference or a study group.",
    )
    evidence = models.FileField(upload_to=cpd_evidence_upload_to, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["hcp", "date"])]
        verbose_name = "CPD activity"
        verbose_name_plural = "CPD activities"

    def __str__(self):
        return self.title

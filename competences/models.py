"""Frameworks of competences, KSF dimensions, post profiles, staff posts and assessments."""

import uuid
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from training_site.history import AppendOnlyRecord
from training_site.models import Organisation


class KSFKind(models.TextChoices):
    """Whether a KSF dimension applies to every post or only to some."""

    CORE = "core", "Core"
    SPECIFIC = "specific", "Specific"


class KSFDimension(ClusterableModel, index.Indexed):
    """A dimension of the NHS Knowledge and Skills Framework, such as HWB6."""

    code = models.CharField(max_length=10, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=KSFKind.choices)
    verified = models.BooleanField(
        default=True, help_text="The title was checked against the published framework."
    )

    search_fields = [index.SearchField("code"), index.SearchField("title")]

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = "KSF dimension"

    def __str__(self):
        return f"{self.code} {self.title}"


class KSFLevel(models.Model):
    """One of the four levels of a KSF dimension."""

    dimension = ParentalKey(KSFDimension, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    title = models.CharField(max_length=300, blank=True)
    verified = models.BooleanField(default=False)

    panels = ["level", "title", "verified"]

    class Meta:
        ordering = ["dimension", "level"]
        verbose_name = "KSF level"
        constraints = [
            models.UniqueConstraint(fields=["dimension", "level"], name="ksf_level_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=4), name="ksf_level_1_4"),
        ]

    def __str__(self):
        return f"{self.dimension.code} level {self.level}"


class Framework(index.Indexed, models.Model):
    """A published or local set of competences, such as the national workforce competences."""

    name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    version = models.CharField(max_length=50, blank=True)
    description = models.TextField(blank=True)
    review_after_months = models.PositiveSmallIntegerField(
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="How long a verification lasts before the competence needs review.",
    )

    search_fields = [index.SearchField("name"), index.SearchField("publisher")]

    class Meta:
        ordering = ["name", "version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="framework_unique_version"),
        ]

    def __str__(self):
        return f"{self.name} {self.version}".strip()


class Scope(models.TextChoices):
    """Whether a competence is core to care planning or for particular roles."""

    CORE = "core", "Core for care planning"
    SPECIALIST = "specialist", "Specialist, for particular roles"


class CompetenceQuerySet(models.QuerySet):
    """Queries over competences."""

    def with_crosswalk(self):
        """Load each competence's framework and KSF dimension and level."""
        return self.select_related("framework", "ksf_level__dimension")


class Competence(index.Indexed, models.Model):
    """A competence in a framework; its KSF level is the crosswalk to the KSF."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="competences")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    ksf_level = models.ForeignKey(
        KSFLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competences",
        verbose_name="KSF dimension and level",
        help_text="Verifying this competence is evidence for this KSF dimension at this level.",
    )
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.CORE)

    objects = CompetenceQuerySet.as_manager()
    search_fields = [
        index.SearchField("code"),
        index.SearchField("title"),
        index.SearchField("description"),
        index.FilterField("scope"),
        index.FilterField("framework_id"),
    ]

    class Meta:
        ordering = ["framework", "scope", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competence_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Proficiency(models.IntegerChoices):
    """How well a person can do what a competence describes."""

    AWARE = 1, "1 Aware: I know what this involves but have not yet done it"
    DEVELOPING = 2, "2 Developing: I do this with support"
    COMPETENT = 3, "3 Competent: I do this routinely on my own"
    PROFICIENT = 4, "4 Proficient: I do this in complex situations and support others"

    @property
    def short_label(self):
        """Return the level's name without its description."""
        return self.label.split(":")[0]


class PostProfile(ClusterableModel, index.Indexed):
    """A post and the competences it needs, in the spirit of a KSF post outline."""

    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="post_profiles",
        help_text="Leave empty for a national profile that every organisation can use.",
    )
    description = models.TextField(blank=True)

    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(organisation=None), name="post_profile_national_name"
            ),
            models.UniqueConstraint(
                fields=["name", "organisation"], name="post_profile_local_name"
            ),
        ]

    def __str__(self):
        return self.name


class PostRequirement(models.Model):
    """A competence a post needs: the level for the foundation outline and the full outline."""

    profile = ParentalKey(PostProfile, on_delete=models.CASCADE, related_name="requirements")
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="requirements"
    )
    foundation_level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices,
        null=True,
        blank=True,
        help_text="Level needed in the first year in post; empty if not needed yet.",
    )
    full_level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices, help_text="Level needed once fully established in post."
    )

    panels = ["competence", "foundation_level", "full_level"]

    class Meta:
        ordering = ["profile", "competence__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competence"], name="post_requirement_unique"
            ),
            models.CheckConstraint(
                condition=Q(foundation_level__isnull=True)
                | Q(foundation_level__lte=models.F("full_level")),
                name="post_requirement_foundation_not_above_full",
            ),
        ]

    def __str__(self):
        return f"{self.profile}: {self.competence.code} at {self.full_level}"

    def clean(self):
        """Refuse a foundation level above the full level."""
        if self.foundation_level and self.full_level and self.foundation_level > self.full_level:
            raise ValidationError(
                {"foundation_level": "The foundation level cannot be above the full level."}
            )


FOUNDATION_YEARS = 1


class StaffPostQuerySet(models.QuerySet):
    """Queries over the posts people hold."""

    def current(self, on=None):
        """Return posts held on a date, today by default."""
        on = on or timezone.localdate()
        return self.filter(Q(since__lte=on), Q(until__isnull=True) | Q(until__gte=on))


class StaffPost(models.Model):
    """A post a person holds in an organisation, and since when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_posts"
    )
    profile = models.ForeignKey(PostProfile, on_delete=models.PROTECT, related_name="staff_posts")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff_posts"
    )
    since = models.DateField()
    until = models.DateField(null=True, blank=True)
    staff_number = models.CharField(max_length=30, blank=True)

    objects = StaffPostQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "profile", "organisation"],
                condition=Q(until__isnull=True),
                name="staff_post_one_open_per_post",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="staff_post_until_after_since",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.profile} at {self.organisation}"

    def in_foundation_year(self, on=None):
        """Say whether the person is still in its first year in this post."""
        on = on or timezone.localdate()
        return on < self.since + relativedelta(years=FOUNDATION_YEARS)


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

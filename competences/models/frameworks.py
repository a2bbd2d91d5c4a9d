"""Frameworks of competences, the KSF dimensions and levels they map to, and proficiency."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index


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

"""Questionnaires (instruments), their versions and the questions (items) they ask."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from feedback import scoring


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


class VersionStatus(models.TextChoices):
    """Whether a version may be answered yet."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ScoringMethod(models.TextChoices):
    """How the scored answers of a response make one score."""

    SUM = "sum", "Sum of the scored items"
    MEAN = "mean", "Mean of the scored items"


class Imputation(models.TextChoices):
    """What stands in for a missing scored answer, up to the allowed number of missing items."""

    NONE = "none", "Nothing: score the answered items only"
    MEAN = "mean", "The mean of the answered scored items"


class InstrumentVersionQuerySet(models.QuerySet):
    """Versions of instruments."""

    def published(self):
        """Versions that may be answered."""
        return self.filter(status=VersionStatus.PUBLISHED)

    def current_for(self, purpose):
        """The newest published version of an instrument for a purpose, or None."""
        return (
            self.published()
            .filter(instrument__purpose=purpose)
            .order_by("-instrument__pk", "-number")
            .first()
        )


class InstrumentVersion(ClusterableModel):
    """One published wording of an instrument; responses point at the version they answered."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    introduction = models.TextField(
        blank=True, help_text="Shown above the questions, in the respondent's words."
    )
    scoring_method = models.CharField(
        max_length=4, choices=ScoringMethod.choices, default=ScoringMethod.MEAN
    )
    max_missing = models.PositiveSmallIntegerField(
        "most missing scored items",
        default=0,
        help_text="A response missing more scored items than this (not applicable counts as "
        "missing) gets no score.",
    )
    imputation = models.CharField(max_length=4, choices=Imputation.choices, default=Imputation.NONE)

    objects = InstrumentVersionQuerySet.as_manager()

    panels = [
        FieldPanel("instrument"),
        FieldPanel("status"),
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("scoring_method"), FieldPanel("max_missing"), FieldPanel("imputation")],
            heading="Scoring",
        ),
        InlinePanel("items", label="Questions", min_num=1),
    ]

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="instrument_version_unique"
            ),
        ]

    def __str__(self):
        return f"{self.instrument} v{self.number}"

    def clean(self):
        """Number a new version after the instrument's last one."""
        if not self.number and self.instrument_id:
            last = self.instrument.versions.order_by("-number").values_list("number", flat=True)
            self.number = (last.first() or 0) + 1

    @property
    def score_scale(self):
        """Return the scale its scores lie on, from its scored questions, or None."""
        ranges = [item.value_range for item in self.items.all() if item.is_scored]
        return scoring.scale((r for r in ranges if r), self.scoring_method)

    @property
    def is_locked(self):
        """Say whether a response uses this version, so its wording may no longer change."""
        return self.pk is not None and self.responses.exists()


class ItemKind(models.TextChoices):
    """How a question is answered."""

    LIKERT = "likert", "Five labelled points (1 to 5)"
    YES_PARTLY_NO = "yes_partly_no", "Yes, partly or no"
    SCALE_0_10 = "scale_0_10", "0 to 10"
    TEXT = "text", "Free text"


LIKERT_LABELS = ["Not at all", "A little", "Somewhat", "Mostly", "Completely"]
YES_PARTLY_NO = [(2, "Yes"), (1, "Partly"), (0, "No")]


class Item(Orderable, ClusterableModel):
    """One question of an instrument version, the competences it speaks to, and if it scores."""

    version = ParentalKey(InstrumentVersion, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(
        max_length=40,
        help_text="A short name kept across versions, e.g. story_heard. Items of two "
        "instruments with the same code are compared in the agreement report.",
    )
    prompt = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=16, choices=ItemKind.choices, default=ItemKind.LIKERT)
    point_labels = models.CharField(
        max_length=300,
        blank=True,
        help_text="Five labels for points 1 to 5, separated by |. Empty: "
        + " | ".join(LIKERT_LABELS),
    )
    required = models.BooleanField(default=False)
    allows_not_applicable = models.BooleanField("allows 'not applicable'", default=False)
    in_score = models.BooleanField("counts in the score", default=True)
    competences = ParentalManyToManyField(
        "competences.Competence", blank=True, related_name="feedback_items"
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("prompt"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("point_labels"),
        FieldPanel("required"),
        FieldPanel("allows_not_applicable"),
        FieldPanel("in_score"),
        FieldPanel("competences"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="feedback_item_code_unique")
        ]

    def __str__(self):
        return self.prompt

    def clean(self):
        """Five labels for a Likert item; free text never counts in a score."""
        labels = [label.strip() for label in self.point_labels.split("|") if label.strip()]
        if self.point_labels and len(labels) != 5:
            raise ValidationError({"point_labels": "Give exactly five labels separated by |."})
        if self.kind == ItemKind.TEXT and self.in_score:
            self.in_score = False

    @property
    def is_scored(self):
        """Say whether answers to this item count in a score."""
        return self.in_score and self.kind != ItemKind.TEXT

    def choices(self):
        """Return the (value, label) pairs a person picks from, or [] for free text."""
        if self.kind == ItemKind.LIKERT:
            labels = [label.strip() for label in self.point_labels.split("|") if label.strip()]
            labels = labels if len(labels) == 5 else LIKERT_LABELS
            return [(value, f"{value} {label}") for value, label in enumerate(labels, start=1)]
        if self.kind == ItemKind.YES_PARTLY_NO:
            return list(YES_PARTLY_NO)
        if self.kind == ItemKind.SCALE_0_10:
            return [(value, str(value)) for value in range(11)]
        return []

    @property
    def value_range(self):
        """Return the lowest and highest point a person may pick, or None for free text."""
        values = [value for value, _label in self.choices()]
        return (min(values), max(values)) if values else None

    def label_for(self, value):
        """Return the label of an answer's value."""
        return dict(self.choices()).get(value, "" if value is None else str(value))

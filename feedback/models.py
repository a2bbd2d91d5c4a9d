"""Instruments and their responses, and the links representatives answer by."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from simulations.models import SimulationSession
from training_site.history import AppendOnlyRecord
from workshops.models import Workshop


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
    def is_locked(self):
        """Say whether a response uses this version, so its wording may no longer change."""
        return self.pk is not None and self.responses.exists()


class RespondentRole(models.TextChoices):
    """In what part a respondent answered."""

    REPRESENTATIVE = "representative", "User representative"
    OBSERVER = "observer", "Observer"
    PARTICIPANT = "participant", "Workshop participant"


class FeedbackResponseQuerySet(models.QuerySet):
    """Responses to instruments."""

    def current(self):
        """Responses not withdrawn by an administrator."""
        return self.filter(withdrawn_at__isnull=True)

    def about(self, hcp):
        """Feedback about an HCP that it may read."""
        return self.current().filter(subject=hcp).exclude(role=RespondentRole.PARTICIPANT)


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
    role = models.CharField(
        "respondent's role", max_length=16, choices=RespondentRole.choices, blank=True
    )
    link = models.OneToOneField(
        "FeedbackLink",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="response",
    )
    display_name = models.CharField(
        max_length=60, blank=True, help_text="How the respondent is shown to the HCP."
    )
    score = models.FloatField(null=True, blank=True)
    score_note = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = FeedbackResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(role="representative"),
                name="feedback_one_representative_response_per_session",
            ),
            models.UniqueConstraint(
                fields=["session", "respondent", "role"],
                condition=Q(role="observer"),
                name="feedback_one_observer_response_per_session",
            ),
        ]
        indexes = [models.Index(fields=["subject", "submitted_at"])]

    def __str__(self):
        return f"{self.version} about {self.subject} at {self.submitted_at:%d %b %Y}"


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

    def label_for(self, value):
        """Return the label of an answer's value."""
        return dict(self.choices()).get(value, "" if value is None else str(value))


class Answer(models.Model):
    """One item's answer in a response: a value, free text, or 'not applicable'."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    not_applicable = models.BooleanField(default=False)

    class Meta:
        ordering = ["item__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="feedback_answer_unique")
        ]

    def __str__(self):
        return f"{self.item.code}: {self.display}"

    @property
    def display(self):
        """Say what was answered, in words."""
        if self.not_applicable:
            return "Not applicable"
        if self.item.kind == ItemKind.TEXT:
            return self.text
        return self.item.label_for(self.value)


def token_digest(token):
    """Return the SHA-256 of a link's token: the only form in which it is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


class FeedbackLinkQuerySet(models.QuerySet):
    """Links representatives answer by."""

    def open(self, now=None):
        """Links that still work: not used, not replaced, not expired."""
        return self.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class FeedbackLink(models.Model):
    """A one-use, expiring link by which a representative answers about a session, no account."""

    session = models.ForeignKey(
        SimulationSession, on_delete=models.CASCADE, related_name="feedback_links"
    )
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_links_made"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FeedbackLinkQuerySet.as_manager()

    class Meta:
        ordering = ["session", "-created_at"]

    def __str__(self):
        return f"Feedback link for {self.session} made {self.created_at:%d %b %Y %H:%M}"

    @property
    def state(self):
        """Say whether the link is open, used, replaced or expired."""
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "replaced"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class ResponseAction(models.TextChoices):
    """What happened to a submitted response."""

    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn by an administrator"
    RESTORED = "restored", "Restored by an administrator"


class ResponseEvent(AppendOnlyRecord):
    """One step in a submitted response's history: who did what, when and why."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_response_events",
        help_text="Empty when a representative without an account submitted by link.",
    )
    action = models.CharField(max_length=12, choices=ResponseAction.choices)
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"

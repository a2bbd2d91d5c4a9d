"""Responses to instruments, their answers, the links representatives answer by, and history."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from feedback.models.instruments import InstrumentVersion, Item, ItemKind
from simulations.models import SimulationSession
from training_site.history import AppendOnlyRecord
from training_site.status import status_colours
from workshops.models import Workshop


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


class FeedbackLinkState(models.TextChoices):
    """Whether a feedback link can still be answered."""

    OPEN = "open", "Open"
    USED = "used", "Used"
    REPLACED = "replaced", "Replaced"
    EXPIRED = "expired", "Expired"


status_colours(
    "feedback.FeedbackLink",
    FeedbackLinkState,
    {
        FeedbackLinkState.OPEN: "blue",
        FeedbackLinkState.USED: "grey",
        FeedbackLinkState.REPLACED: "grey",
        FeedbackLinkState.EXPIRED: "grey",
    },
    field="state",
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
            return FeedbackLinkState.USED
        if self.revoked_at:
            return FeedbackLinkState.REPLACED
        if self.expires_at <= timezone.now():
            return FeedbackLinkState.EXPIRED
        return FeedbackLinkState.OPEN

    def get_state_display(self):
        """Name the link's state as people read it."""
        return self.state.label


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

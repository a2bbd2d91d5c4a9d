"""Scenarios for simulated care planning consultations, the sessions that play them, care plans."""

from django.conf import settings
from django.db import models

from curriculum.models import Workshop
from training_site.action_plans import PlannedAction


class Scenario(models.Model):
    """A person living with diabetes, their results letter and agenda, for a workshop to play."""

    title = models.CharField(max_length=200, unique=True)
    persona = models.TextField(help_text="Who the person is, in a few sentences.")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class SimulationSession(models.Model):
    """A scenario played in a workshop by an HCP with a representative, watched by observers."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="simulation_sessions"
    )
    scenario = models.ForeignKey(Scenario, on_delete=models.PROTECT, related_name="sessions")
    hcp = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="simulations_as_hcp"
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="simulations_as_representative",
        help_text="Leave empty when the representative has no account.",
    )
    representative_name = models.CharField(
        max_length=100, blank=True, help_text="First name or pseudonym shown to the HCP."
    )
    observers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="simulations_observed"
    )
    starts_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop", "starts_at", "pk"]

    def __str__(self):
        return f"{self.scenario} with {self.hcp} ({self.workshop})"


class CarePlan(models.Model):
    """The care plan an HCP and the representative agreed in a simulated consultation."""

    session = models.OneToOneField(
        SimulationSession, on_delete=models.CASCADE, related_name="care_plan"
    )
    issues = models.TextField("issues, concerns and questions raised", blank=True)
    goals = models.TextField("agreed priorities and goals", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Care plan: {self.session}"


class CarePlanAction(PlannedAction):
    """One action agreed in a simulated care plan."""

    care_plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="actions")

    class Meta(PlannedAction.Meta):
        pass

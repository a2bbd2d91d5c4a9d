"""Scenarios for simulated care planning consultations, the sessions that play them, care plans."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from training_site.action_plans import PlannedAction
from training_site.scoping import organisations_managed_by
from workshops.models import Workshop


class CareDomain(models.TextChoices):
    """The four domains a care planning conversation can touch (Section 3 of the report)."""

    LEARNING = "learning", "Learning about diabetes"
    MANAGING = "managing", "Managing diabetes"
    LIVING = "living", "Living with diabetes"
    OTHER = "other", "Other health and social issues"


DOMAIN_FIELDS = {
    CareDomain.LEARNING: "domain_learning",
    CareDomain.MANAGING: "domain_managing",
    CareDomain.LIVING: "domain_living",
    CareDomain.OTHER: "domain_other",
}


class Difficulty(models.TextChoices):
    """How demanding a scenario is for the HCP who plays it."""

    INTRODUCTORY = "introductory", "Introductory"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class ScenarioQuerySet(models.QuerySet):
    """Reads of scenarios."""

    def published(self):
        """Scenarios ready to be offered in a rota."""
        return self.filter(published=True)

    def touching(self, domain):
        """Scenarios that touch one of the four care planning domains."""
        return self.filter(**{DOMAIN_FIELDS[domain]: True})


class Scenario(ClusterableModel):
    """A person living with diabetes, their results letter and agenda, for a workshop to play."""

    title = models.CharField(max_length=200, unique=True)
    person_name = models.CharField(
        "the person's name",
        max_length=100,
        blank=True,
        help_text="As the results letter addresses them, for example Mrs Smith.",
    )
    persona = models.TextField(help_text="Who the person is, in a few sentences.")
    background = models.TextField(
        blank=True, help_text="Their diabetes, treatment, other conditions and life at home."
    )
    letter_note = models.TextField(
        "note in the results letter",
        blank=True,
        help_text="What the letter says beside the results, for example what to think about "
        "before the appointment.",
    )
    concerns = models.TextField(
        "concerns and questions", blank=True, help_text="What worries them and what they ask."
    )
    wants = models.TextField(
        "what they want from the consultation",
        blank=True,
        help_text="Their own agenda: what they hope to leave with.",
    )
    role_card = models.TextField(
        "role card for the representative",
        default="",
        help_text="What the representative needs to play the person: how they feel, what to "
        "say if asked, what to hold back until asked.",
    )
    learning_points = models.TextField(
        "learning points for the trainer",
        blank=True,
        help_text="Never shown to the representative or the HCP playing it.",
    )
    domain_learning = models.BooleanField(CareDomain.LEARNING.label, default=False)
    domain_managing = models.BooleanField(CareDomain.MANAGING.label, default=False)
    domain_living = models.BooleanField(CareDomain.LIVING.label, default=False)
    domain_other = models.BooleanField(CareDomain.OTHER.label, default=False)
    competences = ParentalManyToManyField(
        "competences.Competence",
        blank=True,
        related_name="scenarios",
        verbose_name="target competences",
    )
    difficulty = models.CharField(
        max_length=16, choices=Difficulty.choices, default=Difficulty.INTRODUCTORY
    )
    published = models.BooleanField(
        "ready to use",
        default=False,
        help_text="Only scenarios ready to use are offered in a workshop's simulation rota.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def domains(self):
        """The labels of the care planning domains the scenario touches."""
        return [domain.label for domain, name in DOMAIN_FIELDS.items() if getattr(self, name)]


class AgainstTarget(models.TextChoices):
    """Where a result stands against its target."""

    IN = "in", "In target"
    ABOVE = "above", "Above target"
    BELOW = "below", "Below target"
    NONE = "", "No target"


class ScenarioResult(Orderable):
    """One line of the results letter the person received before the consultation."""

    scenario = ParentalKey(Scenario, on_delete=models.CASCADE, related_name="results")
    measure = models.CharField(max_length=100, help_text="For example HbA1c or blood pressure.")
    result = models.CharField(max_length=40)
    unit = models.CharField(max_length=30, blank=True, help_text="For example mmol/mol.")
    target = models.CharField(max_length=60, blank=True, help_text="For example under 58.")
    against_target = models.CharField(
        "against the target", max_length=8, choices=AgainstTarget.choices, blank=True
    )
    note = models.CharField(max_length=300, blank=True, help_text="A plain-words explanation.")

    def __str__(self):
        return f"{self.measure}: {self.result} {self.unit}".strip()


class SimulationSessionQuerySet(models.QuerySet):
    """Reads of simulation sessions, starting from who is asking."""

    def observed_by(self, user):
        """Sessions a person watches as an observer."""
        observers = SimulationSession.observers.through.objects.filter(
            simulationsession=OuterRef("pk"), user=user
        )
        return self.filter(Exists(observers))

    def run_by(self, user):
        """Sessions in workshops a person trains at."""
        trainers = Workshop.trainers.through.objects.filter(
            workshop=OuterRef("workshop"), user=user
        )
        return self.filter(Exists(trainers))

    def visible_to(self, user):
        """Sessions a person takes part in, trains, or manages the workshop's site of."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        observers = SimulationSession.observers.through.objects.filter(
            simulationsession=OuterRef("pk"), user=user
        )
        trainers = Workshop.trainers.through.objects.filter(
            workshop=OuterRef("workshop"), user=user
        )
        return self.filter(
            Q(hcp=user)
            | Q(representative=user)
            | Exists(observers)
            | Exists(trainers)
            | Q(workshop__site__in=organisations_managed_by(user))
        )


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
    room = models.CharField(
        max_length=100, blank=True, help_text="Where in the venue, for example Room 2."
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SimulationSessionQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "starts_at", "pk"]
        indexes = [models.Index(fields=["workshop", "starts_at"])]

    def __str__(self):
        return f"{self.scenario} with {self.hcp} ({self.workshop})"

    @property
    def representative_label(self):
        """The name the HCP knows the representative by."""
        if self.representative_name:
            return self.representative_name
        if self.representative_id:
            return self.representative.get_short_name()
        return ""


class CarePlan(models.Model):
    """The care plan an HCP and the representative agreed in a simulated consultation."""

    session = models.OneToOneField(
        SimulationSession, on_delete=models.CASCADE, related_name="care_plan"
    )
    learning_about = models.TextField(
        "learning about diabetes",
        blank=True,
        help_text="What the person wanted to understand, and questions about their results.",
    )
    managing = models.TextField(
        "managing diabetes", blank=True, help_text="Medicines, monitoring, food and activity."
    )
    living_with = models.TextField(
        "living with diabetes", blank=True, help_text="Feelings, family, work and daily life."
    )
    other_issues = models.TextField("other health and social issues", blank=True)
    issues = models.TextField("issues, concerns and questions raised", blank=True)
    goals = models.TextField("agreed priorities and goals", blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Care plan: {self.session}"


class CarePlanAction(PlannedAction):
    """One action agreed in a simulated care plan."""

    care_plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="actions")

    class Meta(PlannedAction.Meta):
        pass

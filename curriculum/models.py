"""The curriculum as Wagtail pages: an index, programmes and their modules."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from training_site.models import Organisation, OrganisationKind
from training_site.status import status_colours

SIMPLE_RICH_TEXT = ["bold", "italic", "ul", "ol", "link", "h3"]


@register_snippet
class EssentialComponent(index.Indexed, models.Model):
    """A common, essential component of care planning training, agreed across the pilot sites."""

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = ["name", "description", "sort_order"]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class SignInRequiredPage(Page):
    """A curriculum page that only people who have signed in may read."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        """Send anyone who has not signed in to the sign-in page first."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class CurriculumIndexPage(SignInRequiredPage):
    """The curriculum's home: every programme, the comparison and search."""

    intro = RichTextField(blank=True, features=SIMPLE_RICH_TEXT)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["curriculum.ProgrammePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        """Add the live programmes, unified first."""
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            ProgrammePage.objects.child_of(self)
            .live()
            .select_related("owning_site")
            .order_by("-unified", "title")
        )
        return context


class ProgrammeStatus(models.TextChoices):
    """How far a programme has come."""

    DRAFT = "draft", "Draft"
    PILOT = "pilot", "Pilot"
    ADOPTED = "adopted", "Adopted"


status_colours(
    "curriculum.ProgrammePage",
    ProgrammeStatus,
    {
        ProgrammeStatus.DRAFT: "grey",
        ProgrammeStatus.PILOT: "blue",
        ProgrammeStatus.ADOPTED: "green",
    },
)


class ProgrammePage(SignInRequiredPage):
    """A training programme, owned by a pilot site or the unified programme they agreed."""

    unified = models.BooleanField(
        default=False, help_text="The programme the sites agreed together, not a site's own."
    )
    owning_site = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        limit_choices_to={"kind": OrganisationKind.SITE},
        help_text="The site that built or commissioned it; empty for the unified programme.",
    )
    audience = models.CharField(max_length=255, help_text="Who the programme is for.")
    delivery_format = models.CharField(
        "format", max_length=255, help_text="For example: one day plus a follow-up half day."
    )
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    summary = RichTextField(blank=True, features=SIMPLE_RICH_TEXT)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("unified"), FieldPanel("owning_site"), FieldPanel("status")],
            heading="Ownership",
        ),
        FieldPanel("audience"),
        FieldPanel("delivery_format"),
        FieldPanel("summary"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.FilterField("unified"),
    ]
    parent_page_types = ["curriculum.CurriculumIndexPage"]
    subpage_types = ["curriculum.ModulePage"]

    def clean(self):
        """A programme is either the unified one or a site's own, not both and not neither."""
        super().clean()
        if self.unified and self.owning_site_id:
            raise ValidationError(
                {"owning_site": "The unified programme belongs to no single site."}
            )
        if not self.unified and not self.owning_site_id:
            raise ValidationError({"owning_site": "Choose the site that owns this programme."})

    @property
    def owner_label(self):
        """Say whose programme this is."""
        return "Unified programme" if self.unified else self.owning_site.name

    def get_context(self, request, *args, **kwargs):
        """Add the live modules with what each covers."""
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = (
            ModulePage.objects.child_of(self)
            .live()
            .specific()
            .prefetch_related("components", "competences")
        )
        return context


class DeliveryMethod(models.TextChoices):
    """How a module is delivered."""

    WORKSHOP = "workshop", "Face-to-face workshop"
    SIMULATION = "simulation", "Simulated consultation with a user representative"
    SMALL_GROUP = "small_group", "Small-group discussion"
    PRESENTATION = "presentation", "Presentation"
    E_LEARNING = "e_learning", "E-learning"
    IN_PRACTICE = "in_practice", "Learning in practice"


class ModulePage(SignInRequiredPage):
    """A module of a programme: what it aims at, what it develops and how it is run."""

    aims = RichTextField(features=SIMPLE_RICH_TEXT)
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text="How long the module takes, in minutes.",
    )
    delivery_method = models.CharField(max_length=20, choices=DeliveryMethod.choices)
    facilitator_notes = RichTextField(
        blank=True, features=SIMPLE_RICH_TEXT, help_text="For trainers: how to run it."
    )
    competences = ParentalManyToManyField(
        "competences.Competence", blank=True, related_name="modules"
    )
    components = ParentalManyToManyField(EssentialComponent, blank=True, related_name="modules")

    content_panels = [
        *Page.content_panels,
        FieldPanel("aims"),
        InlinePanel("outcomes", label="Learning outcomes", min_num=1),
        MultiFieldPanel(
            [FieldPanel("duration_minutes"), FieldPanel("delivery_method")], heading="Delivery"
        ),
        FieldPanel("facilitator_notes"),
        InlinePanel("resources", label="Resources"),
        FieldPanel("competences"),
        FieldPanel("components"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("aims"),
        index.RelatedFields("outcomes", [index.SearchField("text")]),
    ]
    parent_page_types = ["curriculum.ProgrammePage"]
    subpage_types = []

    @property
    def duration_label(self):
        """Write the duration in hours and minutes."""
        hours, minutes = divmod(self.duration_minutes, 60)
        parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
        if minutes:
            parts.append(f"{minutes} minutes")
        return " ".join(parts)


class LearningOutcome(Orderable):
    """One thing a participant can do after the module."""

    module = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="outcomes")
    text = models.CharField(max_length=300)

    panels = ["text"]

    def __str__(self):
        return self.text


class ModuleResource(Orderable):
    """A document or link that supports a module."""

    module = ParentalKey(ModulePage, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    url = models.URLField("link", blank=True)

    panels = ["title", "document", "url"]

    def clean(self):
        """A resource is a document or a link."""
        if not self.document_id and not self.url:
            raise ValidationError("Choose a document or give a link.")

    def __str__(self):
        return self.title

"""The curriculum as Wagtail pages: an index, programmes and their modules."""

from decimal import Decimal

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from training_site.history import AppendOnlyRecord
from training_site.models import Organisation, OrganisationKind
from training_site.scoping import organisations_above, organisations_managed_by

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


class WorkshopStatus(models.TextChoices):
    """Where a workshop stands, from planning to delivered."""

    PLANNED = "planned", "Planned"
    OPEN = "open", "Open for booking"
    CANCELLED = "cancelled", "Cancelled"
    DELIVERED = "delivered", "Delivered"


class WorkshopWave(models.Model):
    """A named wave of workshops for a cohort of practices at one site."""

    name = models.CharField(max_length=200)
    site = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="workshop_waves")
    practices = models.ManyToManyField(Organisation, blank=True, related_name="workshop_cohorts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="workshop_wave_name_per_site")
        ]

    def __str__(self):
        return self.name


class WorkshopQuerySet(models.QuerySet):
    """Queries over workshops."""

    def run_by(self, user):
        """Return workshops a person trains, or whose site it manages."""
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(trainers=user) | Q(site__in=organisations_managed_by(user).values("pk"))
        ).distinct()

    def open_to(self, user):
        """Return workshops a person is invited to, or open for booking at its sites."""
        invited = Booking.objects.filter(workshop=OuterRef("pk"), hcp=user)
        return self.filter(
            Exists(invited)
            | Q(status=WorkshopStatus.OPEN, site__in=organisations_above(user).values("pk"))
        )

    def coming(self, now=None):
        """Return workshops that have not ended yet."""
        return self.filter(ends_at__gte=now or timezone.now())

    def not_cancelled(self):
        """Return workshops still going ahead or delivered."""
        return self.exclude(status=WorkshopStatus.CANCELLED)


class Workshop(models.Model):
    """A dated delivery of a programme, or some of its modules, for a site's HCPs."""

    title = models.CharField(max_length=200)
    programme = models.ForeignKey(ProgrammePage, on_delete=models.PROTECT, related_name="workshops")
    modules = models.ManyToManyField(ModulePage, blank=True, related_name="workshops")
    site = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="workshops")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=300, blank=True)
    online_url = models.URLField("online link", blank=True)
    capacity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    status = models.CharField(
        max_length=16, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    trainers = models.ManyToManyField(
        "training_site.User", blank=True, related_name="workshops_trained"
    )
    wave = models.ForeignKey(
        WorkshopWave,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
    )
    cpd_hours = models.DecimalField(
        "CPD hours",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("40"))],
        help_text="Continuing professional development hours on the certificate; "
        "leave empty to use the length of the day.",
    )

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["site", "starts_at"])]

    def __str__(self):
        return f"{self.title}, {self.starts_at:%d %b %Y}"

    def clean(self):
        """It ends after it starts and happens somewhere: a venue or an online link."""
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The workshop must end after it starts."
        if not self.venue.strip() and not self.online_url:
            errors["venue"] = "Give a venue or an online link."
        if errors:
            raise ValidationError(errors)

    @property
    def duration_hours(self):
        """Return the length of the day in hours, to the nearest half hour."""
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return Decimal(round(seconds / 1800) / 2).quantize(Decimal("0.1"))

    @property
    def cpd_hours_awarded(self):
        """Return the CPD hours the certificate gives: as set, or the length of the day."""
        return self.cpd_hours if self.cpd_hours is not None else self.duration_hours

    @property
    def is_cancelled(self):
        """Say whether the workshop is cancelled."""
        return self.status == WorkshopStatus.CANCELLED

    @property
    def where(self):
        """Say where it happens: the venue, the online link or both."""
        return " and ".join(part for part in (self.venue, self.online_url) if part)

    def register_opens(self):
        """Say whether the register may be taken: from the day of the workshop."""
        return timezone.localdate() >= timezone.localtime(self.starts_at).date()


class BookingStatus(models.TextChoices):
    """Where an HCP stands with a workshop."""

    INVITED = "invited", "Invited"
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


ANSWERED = (BookingStatus.BOOKED, BookingStatus.WAITING, BookingStatus.DECLINED)
ON_REGISTER = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND)


class BookingQuerySet(models.QuerySet):
    """Queries over bookings."""

    def with_status(self, *statuses):
        """Return bookings in any of the given states."""
        return self.filter(status__in=statuses)

    def waiting_list(self):
        """Return the waiting list, first come first served."""
        return self.filter(status=BookingStatus.WAITING).order_by("queued_at", "pk")

    def on_register(self):
        """Return the bookings the register lists: booked, or already marked."""
        return self.filter(status__in=ON_REGISTER)


class Booking(models.Model):
    """An HCP's place, invitation or waiting-list position for one workshop."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="bookings")
    hcp = models.ForeignKey("training_site.User", on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(
        max_length=16, choices=BookingStatus.choices, default=BookingStatus.INVITED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person joined the waiting list."
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["workshop", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "hcp"], name="booking_one_per_hcp"),
        ]
        indexes = [models.Index(fields=["workshop", "status"])]

    def __str__(self):
        return f"{self.hcp} — {self.workshop} ({self.get_status_display()})"


class BookingEvent(AppendOnlyRecord):
    """One change to a booking, kept for good: who did it, when, and from what to what."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        "training_site.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_events",
    )
    from_status = models.CharField(max_length=16, choices=BookingStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=BookingStatus.choices)
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.booking}: {self.from_status or 'new'} to {self.to_status}"

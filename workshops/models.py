"""Workshops: dated deliveries of a programme, their waves, bookings and booking history."""

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from curriculum.models import ModulePage, ProgrammePage
from training_site.history import AppendOnlyRecord
from training_site.models import Organisation
from training_site.scoping import organisations_above, organisations_managed_by
from training_site.status import status_colours


class WorkshopStatus(models.TextChoices):
    """Where a workshop stands, from planning to delivered."""

    PLANNED = "planned", "Planned"
    OPEN = "open", "Open for booking"
    CANCELLED = "cancelled", "Cancelled"
    DELIVERED = "delivered", "Delivered"


status_colours(
    "workshops.Workshop",
    WorkshopStatus,
    {
        WorkshopStatus.PLANNED: "yellow",
        WorkshopStatus.OPEN: "green",
        WorkshopStatus.CANCELLED: "grey",
        WorkshopStatus.DELIVERED: "green",
    },
)


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
    calendar_sequence = models.PositiveIntegerField(
        default=0, help_text="Raised each time the workshop moves, so calendars take the update."
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

    def has_started(self, now=None):
        """Say whether the workshop has begun."""
        return self.starts_at <= (now or timezone.now())

    def is_open_for_booking(self, now=None):
        """Say whether a place may be booked: open for booking and not yet begun."""
        return self.status == WorkshopStatus.OPEN and not self.has_started(now)

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


status_colours(
    "workshops.Booking",
    BookingStatus,
    {
        BookingStatus.INVITED: "yellow",
        BookingStatus.BOOKED: "green",
        BookingStatus.WAITING: "yellow",
        BookingStatus.DECLINED: "grey",
        BookingStatus.CANCELLED: "grey",
        BookingStatus.ATTENDED: "green",
        BookingStatus.DID_NOT_ATTEND: "grey",
    },
)

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

    @property
    def is_waiting(self):
        """Say whether the person is on the waiting list."""
        return self.status == BookingStatus.WAITING


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


REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
REFERENCE_LENGTH = 16
REFERENCE_GROUP = 4


def new_certificate_reference():
    """Return an unguessable certificate reference: 16 characters that cannot be misread."""
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def normalise_certificate_reference(text):
    """Return a reference as stored, from one typed with spaces, hyphens or in lower case."""
    return "".join(ch for ch in str(text).upper() if ch.isalnum())


class Certificate(models.Model):
    """The certificate of attendance for one attended booking, checkable by its reference."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="certificate")
    reference = models.CharField(
        max_length=REFERENCE_LENGTH, unique=True, default=new_certificate_reference
    )
    issued_on = models.DateField(help_text="The day the workshop was attended.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "training_site.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates_withdrawn",
    )
    withdrawal_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on", "pk"]

    def __str__(self):
        return f"Certificate {self.display_reference}"

    @property
    def display_reference(self):
        """Write the reference in groups of four, as it is printed."""
        ref = self.reference
        return "-".join(ref[i : i + REFERENCE_GROUP] for i in range(0, len(ref), REFERENCE_GROUP))

    @property
    def is_withdrawn(self):
        """Say whether the certificate has been withdrawn."""
        return self.withdrawn_at is not None


class WorkshopAction(models.TextChoices):
    """What happened to a workshop."""

    CREATED = "created", "Scheduled"
    CHANGED = "changed", "Changed"
    CANCELLED = "cancelled", "Cancelled"
    MESSAGED = "messaged", "Message sent"


class WorkshopEvent(AppendOnlyRecord):
    """One change to a workshop, kept for good: who did it, when, and what changed."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        "training_site.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_events",
    )
    action = models.CharField(max_length=16, choices=WorkshopAction.choices)
    changes = models.TextField(blank=True, help_text="What changed, one line a detail.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.workshop}: {self.get_action_display()}"

    @property
    def change_lines(self):
        """Return what changed, one detail a line."""
        return [line for line in self.changes.splitlines() if line]

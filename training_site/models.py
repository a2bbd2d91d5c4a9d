"""People, the organisations they work in and the roles they hold there."""

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from training_site.history import AppendOnlyRecord
from training_site.status import status_colours


class Role(models.TextChoices):
    """What a person does in an organisation."""

    HCP = "hcp", "Health care professional"
    TRAINER = "trainer", "Trainer"
    REPRESENTATIVE = "representative", "User representative"
    MANAGER = "manager", "Manager"
    NETWORK_ADMIN = "network_admin", "Network administrator"


class Profession(models.TextChoices):
    """The registered profession of a health care professional."""

    NURSE = "nurse", "Nurse"
    DOCTOR = "doctor", "Doctor"
    HEALTHCARE_ASSISTANT = "healthcare_assistant", "Healthcare assistant"
    DIETITIAN = "dietitian", "Dietitian"
    PHARMACIST = "pharmacist", "Pharmacist"
    PODIATRIST = "podiatrist", "Podiatrist"
    OTHER = "other", "Other"


class UserManager(BaseUserManager):
    """Creates people who sign in with their email address."""

    use_in_migrations = True

    def normalize_email(self, email):
        """Return the address in lower case without surrounding spaces."""
        return (email or "").strip().lower()

    def get_by_natural_key(self, email):
        """Find a person by email whatever its letter case."""
        return self.get(email__iexact=(email or "").strip())

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        """Create a person who can sign in to the training site."""
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        """Create a person with every permission in the content admin."""
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account: staff, trainer, manager or user representative."""

    email = models.EmailField("email address", unique=True)
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150, blank=True)
    profession = models.CharField(max_length=32, choices=Profession.choices, blank=True)
    is_staff = models.BooleanField(
        "content editor", default=False, help_text="Can sign in to the content admin."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="user_name_order")]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        """Store email addresses in lower case so one person has one account."""
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def get_full_name(self):
        """Return the first and last name."""
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        """Return the first name."""
        return self.first_name


class OrganisationKind(models.TextChoices):
    """The level of an organisation in the network tree."""

    NETWORK = "network", "Network"
    SITE = "site", "Site or locality"
    PRACTICE = "practice", "Practice"
    TEAM = "team", "Team"


class OrganisationQuerySet(MP_NodeQuerySet):
    """Queries over the organisation tree."""

    def within(self, organisation):
        """Return the organisation and everything below it."""
        return self.filter(path__startswith=organisation.path)


class OrganisationManager(MP_NodeManager.from_queryset(OrganisationQuerySet)):
    """Treebeard's manager, returning querysets that know the organisation tree's queries."""

    def get_queryset(self):
        """Return organisations in tree order with the tree queries available."""
        return OrganisationQuerySet(self.model, using=self._db).order_by("path")


class Organisation(MP_Node):
    """A network, site, practice or team; each sits below one parent."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=OrganisationKind.choices)
    code = models.CharField(
        max_length=20, blank=True, help_text="A national code such as the ODS code, if it has one."
    )

    node_order_by = ["name"]
    objects = OrganisationManager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="organisation_code_unique"
            ),
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    """Queries over role memberships."""

    def with_role(self, *roles):
        """Return memberships holding any of the given roles."""
        return self.filter(role__in=roles)


class Membership(models.Model):
    """A person's role in one organisation; a person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.organisation}"


class SentReminder(models.Model):
    """A reminder already sent, kept by its key so that no reminder is ever sent twice."""

    key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.key} to {self.recipient}"


class PersonEvent(AppendOnlyRecord):
    """One change to a person's record: who changed what, and when."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="person_events_made"
    )
    at = models.DateTimeField(default=timezone.now)
    description = models.CharField(max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "at"])]

    def __str__(self):
        return f"{self.description} ({self.at:%Y-%m-%d %H:%M})"


class FailedEmail(models.Model):
    """An email that could not be sent after every attempt, kept for the administrators."""

    recipient = models.EmailField()
    subject = models.CharField(max_length=300)
    attempts = models.PositiveSmallIntegerField()
    error = models.CharField(max_length=500)
    failed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self):
        return f"{self.subject} to {self.recipient}"


class AuditAction(models.TextChoices):
    """What kind of thing an audit event records."""

    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    ROLE_GRANTED = "role_granted", "Role granted"
    ROLE_REMOVED = "role_removed", "Role removed"
    EMAIL_CHANGED = "email_changed", "Email changed"
    DOWNLOAD = "download", "Downloaded another person's data"
    STAFF_IMPORT = "staff_import", "Staff imported"
    FRAMEWORK_IMPORT = "framework_import", "Framework imported"
    ROTA_CHANGED = "rota_changed", "Rota changed"
    AUDIT_EXPORT = "audit_export", "Audit record exported"
    PRIVACY_EXPORT = "privacy_export", "Personal data exported"
    ERASURE = "erasure", "Personal data erased"
    REPORT_EXPORT = "report_export", "Report exported"


class AuditEvent(AppendOnlyRecord):
    """Who did what to which record, when and from where; never secrets or contents."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    action = models.CharField(max_length=30, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=255, blank=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class SubjectAccessRequest(models.Model):
    """A person's request for their personal data, answered within a calendar month."""

    person = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="subject_access_requests"
    )
    received_on = models.DateField()
    recorded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subject_access_requests_recorded",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["completed_at", "received_on", "pk"]

    def __str__(self):
        return f"Subject access request received {self.received_on:%d %b %Y}"

    @property
    def due_on(self):
        """The statutory deadline: one calendar month after the request was received."""
        return self.received_on + relativedelta(months=1)

    def days_left(self, today=None):
        """Days until the deadline; negative once it has passed."""
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def is_overdue(self):
        """Whether the request is still open after its deadline."""
        return self.completed_at is None and self.days_left() < 0


class DownloadState(models.TextChoices):
    """Where a prepared download stands."""

    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


status_colours(
    "training_site.PreparedDownload",
    DownloadState,
    {
        DownloadState.QUEUED: "grey",
        DownloadState.RUNNING: "blue",
        DownloadState.READY: "green",
        DownloadState.FAILED: "red",
    },
    field="state",
)


class PreparedDownloadQuerySet(models.QuerySet):
    """Prepared downloads, each seen only by the person who asked for it."""

    def owned_by(self, user):
        """Return the downloads the person asked for."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def finished_before(self, moment):
        """Return the ready or failed downloads that finished before a moment."""
        finished = [DownloadState.READY, DownloadState.FAILED]
        return self.filter(state__in=finished, finished_at__lt=moment)


class PreparedDownload(models.Model):
    """A file a background task prepares for one person to download, such as a network export."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="prepared_downloads")
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    parameters = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        max_length=10, choices=DownloadState.choices, default=DownloadState.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="downloads/", blank=True)
    filename = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    objects = PreparedDownloadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_ready(self):
        """Whether the file is there to download."""
        return self.state == DownloadState.READY and bool(self.file)

    @property
    def is_failed(self):
        """Whether preparing the file failed."""
        return self.state == DownloadState.FAILED

    @property
    def is_waiting(self):
        """Whether the file is still queued or being prepared."""
        return self.state in (DownloadState.QUEUED, DownloadState.RUNNING)

"""Forms for workshops: scheduling, waves, invitations and the register."""

from datetime import datetime, time

from django import forms
from django.utils import timezone

from competences.models import PostProfile
from curriculum.models import ModulePage, ProgrammePage
from training_site.forms import NHSUKFormMixin
from training_site.models import Organisation, OrganisationKind, Role, User
from training_site.widgets import DateInput, TimeInput
from workshops.models import BookingStatus, WorkshopStatus, WorkshopWave

UNITS = (OrganisationKind.PRACTICE, OrganisationKind.TEAM)


class ProgrammeChoiceForm(NHSUKFormMixin, forms.Form):
    """Choose the programme first, so the workshop form can offer its modules."""

    programme = forms.ModelChoiceField(
        queryset=ProgrammePage.objects.live().order_by("-unified", "title"),
        empty_label="Choose a programme",
        help_text="You then choose which of its modules the workshop covers.",
    )


class WorkshopForm(NHSUKFormMixin, forms.Form):
    """Schedule a workshop or change its details."""

    title = forms.CharField(max_length=200)
    programme = forms.ModelChoiceField(
        queryset=ProgrammePage.objects.none(), empty_label="Choose a programme"
    )
    modules = forms.ModelMultipleChoiceField(
        queryset=ModulePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The modules of the programme this workshop covers.",
    )
    site = forms.ModelChoiceField(queryset=Organisation.objects.none(), empty_label="Choose a site")
    wave = forms.ModelChoiceField(
        queryset=WorkshopWave.objects.none(),
        required=False,
        empty_label="Not part of a wave",
        help_text="A wave groups workshops for a cohort of practices.",
    )
    day = forms.DateField(
        label="Date",
        widget=DateInput(),
        help_text="For example, 27 3 2027.",
    )
    starts = forms.TimeField(label="Start time", widget=TimeInput())
    ends = forms.TimeField(label="End time", widget=TimeInput())
    venue = forms.CharField(
        max_length=300, required=False, help_text="The room and address, if it is in person."
    )
    online_url = forms.URLField(
        label="Online link",
        required=False,
        assume_scheme="https",
        help_text="The meeting link, if it is online.",
    )
    capacity = forms.IntegerField(
        label="Places", min_value=1, max_value=500, help_text="How many HCPs can attend."
    )
    cpd_hours = forms.DecimalField(
        label="CPD hours",
        required=False,
        min_value=0.5,
        max_value=40,
        decimal_places=1,
        help_text="Leave empty to use the length of the day.",
    )
    status = forms.ChoiceField(
        choices=[
            (WorkshopStatus.PLANNED, "Planned: not yet open for booking"),
            (WorkshopStatus.OPEN, "Open for booking"),
        ],
        widget=forms.RadioSelect,
    )
    trainers = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="When you schedule a workshop, you are one of its trainers.",
    )

    def __init__(self, *args, sites, programme, **kwargs):
        super().__init__(*args, **kwargs)
        site_ids = sites.values("pk")
        self.fields["site"].queryset = sites
        self.fields["programme"].queryset = ProgrammePage.objects.live().order_by(
            "-unified", "title"
        )
        self.fields["modules"].queryset = ModulePage.objects.child_of(programme).live()
        self.fields["modules"].help_text = f"The modules of {programme.title} this workshop covers."
        self.fields["wave"].queryset = WorkshopWave.objects.filter(site__in=site_ids)
        self.fields["trainers"].queryset = User.objects.filter(
            memberships__role=Role.TRAINER, memberships__organisation__in=site_ids, is_active=True
        ).distinct()

    def clean(self):
        """Check the times, the place, and that modules and wave fit the workshop."""
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            cleaned["starts_at"] = _aware(day, starts)
            cleaned["ends_at"] = _aware(day, ends)
            if ends <= starts:
                self.add_error("ends", "The end time must be after the start time.")
        if not cleaned.get("venue", "").strip() and not cleaned.get("online_url"):
            self.add_error("venue", "Give a venue or an online link.")
        programme = cleaned.get("programme")
        if programme:
            foreign = [
                m for m in cleaned.get("modules", []) if not m.path.startswith(programme.path)
            ]
            if foreign:
                self.add_error("modules", f"Choose modules of {programme.title} only.")
        wave, site = cleaned.get("wave"), cleaned.get("site")
        if wave and site and wave.site_id != site.pk:
            self.add_error("wave", f"Choose a wave at {site.name}.")
        return cleaned

    def workshop_fields(self):
        """Return the cleaned values as the services take them."""
        data = self.cleaned_data
        names = ["title", "programme", "site", "wave", "venue", "online_url", "capacity"]
        return {
            **{name: data[name] for name in names},
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "cpd_hours": data.get("cpd_hours"),
            "status": data["status"],
            "modules": data["modules"],
            "trainers": data["trainers"],
        }

    @staticmethod
    def initial_for(workshop):
        """Return the form's initial values for an existing workshop."""
        starts, ends = timezone.localtime(workshop.starts_at), timezone.localtime(workshop.ends_at)
        return {
            "title": workshop.title,
            "programme": workshop.programme_id,
            "modules": list(workshop.modules.values_list("pk", flat=True)),
            "site": workshop.site_id,
            "wave": workshop.wave_id,
            "day": starts.date(),
            "starts": starts.time(),
            "ends": ends.time(),
            "venue": workshop.venue,
            "online_url": workshop.online_url,
            "capacity": workshop.capacity,
            "cpd_hours": workshop.cpd_hours,
            "status": workshop.status,
            "trainers": list(workshop.trainers.values_list("pk", flat=True)),
        }


def _aware(day, moment):
    """Combine a date and a time into an aware datetime in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, moment or time()))


class WaveForm(NHSUKFormMixin, forms.Form):
    """Start a wave of workshops for a cohort of practices."""

    name = forms.CharField(max_length=200, help_text="For example, Wave 2: spring 2027.")
    site = forms.ModelChoiceField(queryset=Organisation.objects.none(), empty_label="Choose a site")
    practices = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The practices and teams whose HCPs this wave is for.",
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        in_sites = Organisation.objects.none()
        for site in sites:
            in_sites |= Organisation.objects.within(site).filter(kind__in=UNITS)
        self.fields["practices"].queryset = in_sites

    def clean(self):
        """The practices belong to the chosen site."""
        cleaned = super().clean()
        site = cleaned.get("site")
        outside = [
            p for p in cleaned.get("practices", []) if site and not p.path.startswith(site.path)
        ]
        if outside:
            self.add_error("practices", f"Choose practices at {site.name} only.")
        return cleaned


class PracticeInviteForm(NHSUKFormMixin, forms.Form):
    """Invite the HCPs of one practice or team."""

    practice = forms.ModelChoiceField(
        label="Practice or team",
        queryset=Organisation.objects.none(),
        empty_label="Choose a practice or team",
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].queryset = Organisation.objects.within(workshop.site).filter(
            kind__in=UNITS
        )


class PostInviteForm(NHSUKFormMixin, forms.Form):
    """Invite the HCPs who hold a post of one post profile."""

    profile = forms.ModelChoiceField(
        label="Post", queryset=PostProfile.objects.none(), empty_label="Choose a post"
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = PostProfile.objects.filter(
            staff_posts__organisation__path__startswith=workshop.site.path
        ).distinct()


class RegisterForm(NHSUKFormMixin, forms.Form):
    """The register: one attended or did-not-attend choice per booked HCP."""

    CHOICES = [
        (BookingStatus.ATTENDED, "Attended"),
        (BookingStatus.DID_NOT_ATTEND, "Did not attend"),
    ]

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            marked = booking.status if booking.status != BookingStatus.BOOKED else None
            self.fields[f"booking-{booking.pk}"] = forms.ChoiceField(
                label=booking.hcp.get_full_name(),
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                initial=marked,
                error_messages={
                    "required": f"Mark {booking.hcp.get_full_name()} as attended or did not attend."
                },
            )

    def rows(self):
        """Return (booking, bound field) pairs in register order."""
        return [(booking, self[f"booking-{booking.pk}"]) for booking in self.bookings]

    def marks(self):
        """Return the marks as {booking id: status}."""
        return {b.pk: self.cleaned_data[f"booking-{b.pk}"] for b in self.bookings}


class PersonSearchForm(NHSUKFormMixin, forms.Form):
    """Find one person to book or invite, by name or email."""

    query = forms.CharField(
        label="Name or email",
        max_length=100,
        help_text="Only HCPs at the workshop's site are found.",
    )

    def clean_query(self):
        """Ask for at least two letters, so the search finds someone rather than everyone."""
        query = self.cleaned_data["query"].strip()
        if len(query) < 2:
            raise forms.ValidationError("Type at least two letters of a name or an email.")
        return query


class BookingTransferForm(NHSUKFormMixin, forms.Form):
    """Choose the date a booking moves to."""

    workshop = forms.ModelChoiceField(
        label="Move to",
        queryset=None,
        empty_label="Choose a date",
        help_text="Other dates of the same programme that are open for booking.",
    )

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = dates
        self.fields["workshop"].label_from_instance = _date_label


def _date_label(workshop):
    """Name a workshop by its title, day and site."""
    day = timezone.localtime(workshop.starts_at)
    return f"{workshop.title}, {day.day} {day:%B %Y, %H:%M}, {workshop.site.name}"


class WorkshopMessageForm(NHSUKFormMixin, forms.Form):
    """A message to everyone booked on a workshop, and if chosen everyone waiting."""

    subject = forms.CharField(label="Subject", max_length=120)
    body = forms.CharField(
        label="Message", max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    include_waiting = forms.BooleanField(
        label="Send it to the people on the waiting list too", required=False
    )

"""Tables of workshops, bookings and engagement a trainer, manager or HCP reads."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from training_site.tables import StatusColumn
from training_site.workflow import may
from workshops.models import BookingStatus
from workshops.workflow import HOLDS_PLACE

BOOKED_TAG = mark_safe('<strong class="nhsuk-tag nhsuk-tag--green">Booked</strong>')  # noqa: S308
DAY_AND_TIME = "D j M Y, H:i"
LONG_DAY_AND_TIME = "l j F Y, H:i"


class ComingWorkshopTable(tables.Table):
    """The coming workshops a trainer runs, with places booked against capacity."""

    caption = "Coming workshops you run"

    title = tables.Column(verbose_name="Workshop")
    starts_at = tables.DateTimeColumn(
        verbose_name="Date", format=DAY_AND_TIME, order_by=("starts_at", "pk")
    )
    status = StatusColumn()
    booked = tables.Column(verbose_name="Booked")
    waiting = tables.Column(verbose_name="Waiting")
    not_replied = tables.Column(verbose_name="Not replied")
    register = tables.Column(
        verbose_name="On the day", accessor="pk", orderable=False, empty_values=()
    )

    class Meta:
        order_by = ("starts_at",)
        empty_text = "You have no coming workshops."

    def render_title(self, record):
        """Link the workshop to its page, with its site beneath."""
        return format_html(
            '<a href="{}">{}</a><br><span class="nhsuk-body-s">{}</span>',
            reverse("workshops:detail", args=[record.pk]),
            record.title,
            record.site.name,
        )

    def render_booked(self, record):
        """Show places booked out of the workshop's capacity."""
        return f"{record.booked} of {record.capacity}"

    def render_register(self, record):
        """Link to the register of the day."""
        return format_html(
            '<a href="{}">Register<span class="nhsuk-u-visually-hidden"> for {}</span></a>',
            reverse("workshops:register", args=[record.pk]),
            record.title,
        )


class EngagementTable(tables.Table):
    """HCPs of each practice, team or post: attended, booked and not yet trained."""

    label = tables.Column(verbose_name="Practice or team")
    hcps = tables.Column(verbose_name="HCPs")
    attended = tables.Column(verbose_name="Attended")
    booked = tables.Column(verbose_name="Booked")
    not_yet = tables.Column(verbose_name="Not yet")

    def __init__(self, *args, heading, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns["label"].column.verbose_name = heading


class NotTrainedTable(tables.Table):
    """HCPs in an organisation who have not attended a workshop, and whether they are booked."""

    name = tables.Column(
        verbose_name="Name", accessor="last_name", order_by=("last_name", "first_name", "pk")
    )
    workplace = tables.Column(verbose_name="Workplace", default="")
    has_booked = tables.Column(verbose_name="Booked", empty_values=())

    class Meta:
        order_by = ("name",)

    def render_name(self, record):
        """Show the person's full name."""
        return record.get_full_name()

    def render_has_booked(self, value):
        """Tag people booked on a coming workshop."""
        if value:
            return BOOKED_TAG
        return ""


class BookingTable(tables.Table):
    """A workshop's bookings of one status, in the order places were asked for."""

    hcp = tables.Column(
        verbose_name="Name",
        accessor="hcp__last_name",
        order_by=("hcp__last_name", "hcp__first_name"),
    )
    action = tables.TemplateColumn(
        template_name="workshops/includes/booking_actions.html",
        verbose_name="Action",
        orderable=False,
        empty_values=(),
    )
    certificate = tables.Column(
        verbose_name="Certificate", accessor="pk", orderable=False, empty_values=()
    )

    def __init__(self, bookings, *, status, workshop, **kwargs):
        self.status = status
        self.workshop = workshop
        self.queue_places = {b.pk: n for n, b in enumerate(bookings, start=1)}
        cancellable = status in HOLDS_PLACE and may(workshop, "change")
        exclude = [] if cancellable else ["action"]
        if status != BookingStatus.ATTENDED:
            exclude.append("certificate")
        super().__init__(bookings, exclude=exclude, prefix=f"{status}-", **kwargs)

    def render_certificate(self, record):
        """Show the attendee's certificate reference, and offer to withdraw it."""
        certificate = getattr(record, "certificate", None)
        if certificate is None:
            return "Issued when first downloaded"
        if certificate.is_withdrawn:
            return format_html(
                '{} <strong class="nhsuk-tag nhsuk-tag--grey">Withdrawn</strong>',
                certificate.display_reference,
            )
        return format_html(
            '{}<br><a href="{}">Withdraw<span class="nhsuk-u-visually-hidden"> {}\'s certificate'
            "</span></a>",
            certificate.display_reference,
            reverse("workshops:certificate-withdraw", args=[self.workshop.pk, record.pk]),
            record.hcp.get_full_name(),
        )

    def render_hcp(self, record):
        """Show the person, and its place on a waiting list."""
        name = record.hcp.get_full_name()
        if not record.is_waiting:
            return name
        return format_html(
            '{} <span class="nhsuk-body-s">(number {} on the list)</span>',
            name,
            self.queue_places[record.pk],
        )


class MyBookingTable(tables.Table):
    """An HCP's own bookings of one kind: invitations, places, waiting lists or past workshops."""

    workshop = tables.Column(
        verbose_name="Workshop", accessor="workshop__title", order_by=("workshop__title",)
    )
    starts_at = tables.DateTimeColumn(
        verbose_name="Date", accessor="workshop__starts_at", format=LONG_DAY_AND_TIME
    )
    site = tables.Column(verbose_name="Site", accessor="workshop__site__name")
    status = StatusColumn()
    calendar = tables.Column(verbose_name="Calendar", accessor="pk", orderable=False)
    certificate = tables.Column(
        verbose_name="Certificate", accessor="pk", orderable=False, empty_values=()
    )

    linked = True

    def __init__(self, *args, columns, **kwargs):
        shown = {"workshop", "starts_at", *columns}
        exclude = [name for name in self.base_columns if name not in shown]
        super().__init__(*args, exclude=exclude, **kwargs)

    def render_workshop(self, record):
        """Link the workshop to the HCP's page for it."""
        if not self.linked:
            return record.workshop.title
        url = reverse("workshops:booking", args=[record.workshop_id])
        return format_html('<a href="{}">{}</a>', url, record.workshop.title)

    def render_calendar(self, record):
        """Offer the workshop's calendar file."""
        return format_html(
            '<a href="{}">Add to calendar<span class="nhsuk-u-visually-hidden">: {}</span></a>',
            reverse("workshops:calendar", args=[record.workshop_id]),
            record.workshop.title,
        )

    def render_certificate(self, record):
        """Offer the certificate of attendance, once attended."""
        if not may(record, "certificate"):
            return ""
        return format_html(
            '<a href="{}">Download your certificate<span class="nhsuk-u-visually-hidden"> for {}'
            "</span> (PDF)</a>",
            reverse("workshops:certificate", args=[record.workshop_id]),
            record.workshop.title,
        )


class PastBookingTable(MyBookingTable):
    """An HCP's past workshops with what the register says and the certificate."""

    starts_at = tables.DateTimeColumn(
        verbose_name="Date", accessor="workshop__starts_at", format="j F Y"
    )
    linked = False


class OpenWorkshopTable(tables.Table):
    """Workshops open for booking at an HCP's site that it has not been invited to."""

    title = tables.Column(verbose_name="Workshop")
    starts_at = tables.DateTimeColumn(verbose_name="Date", format=LONG_DAY_AND_TIME)
    site = tables.Column(verbose_name="Site", accessor="site__name")

    def render_title(self, record):
        """Link the workshop to the HCP's page for it."""
        url = reverse("workshops:booking", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.title)


class RegisterTable(tables.Table):
    """The register of the day: each booked HCP with its attended or did-not-attend choice."""

    name = tables.Column(
        verbose_name="Name",
        accessor="booking__hcp__last_name",
        order_by=("booking__hcp__last_name", "booking__hcp__first_name"),
        empty_values=(),
    )
    profession = tables.Column(
        verbose_name="Profession", accessor="booking__hcp__profession", default=""
    )
    mark = tables.TemplateColumn(
        template_name="workshops/includes/register_mark.html",
        verbose_name="Attendance",
        orderable=False,
        empty_values=(),
    )

    def __init__(self, form, **kwargs):
        rows = [{"booking": booking, "field": field} for booking, field in form.rows()]
        super().__init__(rows, **kwargs)

    def render_name(self, record):
        """Show the person's full name."""
        return record["booking"].hcp.get_full_name()

    def render_profession(self, record):
        """Show the person's profession as it reads."""
        return record["booking"].hcp.get_profession_display()

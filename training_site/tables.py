"""Tables of people for managers and administrators."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from training_site.models import User
from training_site.templatetags.status import status_tag


class PeopleTable(tables.Table):
    """People in scope with their roles and when they last signed in."""

    name = tables.Column(
        verbose_name="Name", accessor="last_name", order_by=("last_name", "first_name")
    )
    email = tables.Column(verbose_name="Email")
    profession = tables.Column(verbose_name="Profession")
    roles = tables.Column(verbose_name="Roles", accessor="pk", orderable=False)
    last_login = tables.DateTimeColumn(
        verbose_name="Last signed in", format="j M Y", default="Never"
    )

    class Meta:
        model = User
        fields = ["name", "email", "profession", "roles", "last_login"]
        order_by = ("name",)
        empty_text = "Nobody matches these filters. Clear the filters to see everyone."

    def render_name(self, record):
        """Link the person's full name to their record."""
        url = reverse("person-detail", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record.get_full_name() or record.email)

    def render_roles(self, record):
        """List each role with the organisation it is held in."""
        return format_html_join(
            "",
            "<span class='yoc-role'>{}, {}</span>",
            ((m.get_role_display(), m.organisation.name) for m in record.memberships.all()),
        )


class StatusColumn(tables.Column):
    """A record's status as the NHS.UK tag its workflow colours, sorted by the stored value."""

    def __init__(self, field="status", **kwargs):
        self.field = field
        kwargs.setdefault("verbose_name", "Status")
        kwargs.setdefault("accessor", field)
        super().__init__(**kwargs)

    def render(self, record):
        """Draw the tag through the same helper as ``{% status_tag %}``."""
        return status_tag(record, self.field)

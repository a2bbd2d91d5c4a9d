"""The table of organisations a manager sees, in tree order."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class OrganisationTable(tables.Table):
    """Organisations one manages, in tree order, with the people who hold a role in each."""

    caption = "Organisations you manage, with the people who hold a role in each"

    name = tables.Column(verbose_name="Organisation")
    kind = tables.Column(verbose_name="Kind")
    code = tables.Column(verbose_name="Code", empty_values=())
    people = tables.Column(verbose_name="People directly in it")
    managers = tables.Column(verbose_name="Managers")

    def render_code(self, value):
        """Show the code an HR extract can name the organisation by, or say there is none."""
        if value:
            return value
        return mark_safe('<span class="nhsuk-u-visually-hidden">No code</span>')

    def render_name(self, record):
        """Indent the organisation by its depth and link it to its people."""
        return format_html(
            '<span class="yoc-indent-{}"><a href="{}?organisation={}">{}</a></span>',
            record.depth - 1,
            reverse("people-list"),
            record.pk,
            record.name,
        )

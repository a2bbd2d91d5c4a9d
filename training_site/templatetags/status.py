"""The NHS.UK tag that shows where a record stands, coloured as its workflow declares."""

from django import template
from django.utils.html import format_html

from training_site.status import status_colour

register = template.Library()


@register.simple_tag
def status_tag(instance, field="status"):
    """Render an object's status as a tag in the colour registered for it."""
    label = getattr(instance, f"get_{field}_display")()
    return format_html(
        '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', status_colour(instance, field), label
    )

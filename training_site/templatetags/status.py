"""Where a record stands: its NHS.UK tag and what its state allows, as its workflow declares."""

from django import template
from django.utils.html import format_html

from training_site.status import status_colour
from training_site.workflow import may

register = template.Library()


@register.simple_tag
def status_tag(instance, field="status"):
    """Render an object's status as a tag in the colour registered for it."""
    label = getattr(instance, f"get_{field}_display")()
    return format_html(
        '<strong class="nhsuk-tag nhsuk-tag--{}">{}</strong>', status_colour(instance, field), label
    )


@register.filter(name="may")
def may_filter(instance, action):
    """Say whether a record's state allows an action, as its workflow module declares."""
    return may(instance, action)

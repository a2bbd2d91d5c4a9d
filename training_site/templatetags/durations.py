"""Template filters for showing lengths of time to people."""

from django import template

register = template.Library()


@register.filter
def in_minutes(duration):
    """Return a timedelta as a whole number of minutes, at least one."""
    if not duration:
        return ""
    return max(1, round(duration.total_seconds() / 60))

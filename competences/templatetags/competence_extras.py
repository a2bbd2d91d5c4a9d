"""Template helpers for the competence page."""

from django import template

register = template.Library()


@register.filter
def links_for(links, competence):
    """Return the links offered for one competence."""
    return links.get(competence.pk, [])

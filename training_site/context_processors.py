"""Template context shared by every page of the site."""

from django.conf import settings

from training_site.navigation import navigation_items


def navigation(request):
    """Give templates the service name and the header links for the signed-in person."""
    return {
        "service_name": settings.SERVICE_NAME,
        "primary_links": navigation_items(request),
    }

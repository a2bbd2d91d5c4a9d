"""Template context shared by every page of the site."""

from django.conf import settings

from training_site.navigation import navigation_items


def navigation(request):
    """Give templates the service name, the header links, and whether passwords are in use."""
    return {
        "service_name": settings.SERVICE_NAME,
        "password_sign_in": settings.PASSWORD_SIGN_IN,
        "primary_links": navigation_items(request),
    }

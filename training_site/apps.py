"""Application configuration for training site."""

from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class TrainingSiteConfig(AppConfig):
    """Configuration of the training_site app."""

    name = "training_site"
    verbose_name = "Training site"
    default = True

    def ready(self):
        """Connect the audit record and the session clocks to sign-in, role and email signals."""
        from training_site import audit_signals, session_limits  # noqa: F401


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the profession on the forms."""

    user_viewset = "training_site.viewsets.UserViewSet"

"""Application configuration for training site."""

from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class TrainingSiteConfig(AppConfig):
    """Configuration of the training_site app."""

    name = "training_site"
    verbose_name = "Training site"


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the profession on the forms."""

    user_viewset = "training_site.viewsets.UserViewSet"

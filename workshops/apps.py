"""Application configuration for workshops."""

from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    """Configuration of the workshops app: dated deliveries of the curriculum and their bookings."""

    name = "workshops"
    verbose_name = "Workshops"

    def ready(self):
        """Register what each workshop and booking state allows."""
        from workshops import workflow  # noqa: F401

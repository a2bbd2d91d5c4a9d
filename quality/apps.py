"""Application configuration for quality."""

from django.apps import AppConfig


class QualityConfig(AppConfig):
    """Configuration of the quality app: QA observations against indicators and measures."""

    name = "quality"
    verbose_name = "Quality assurance"

    def ready(self):
        """Register what each observation state allows."""
        from quality import workflow  # noqa: F401

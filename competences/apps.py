"""Application configuration for competences."""

from django.apps import AppConfig


class CompetencesConfig(AppConfig):
    """Configuration of the competences app."""

    name = "competences"
    verbose_name = "Competences"

    def ready(self):
        """Register what each assessment state allows."""
        from competences import workflow  # noqa: F401

"""Application configuration for curriculum."""

from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    """Configuration of the curriculum app."""

    name = "curriculum"
    verbose_name = "Curriculum"

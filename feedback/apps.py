"""Application configuration for feedback."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Configuration of the feedback app."""

    name = "feedback"
    verbose_name = "Feedback"

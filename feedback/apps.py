"""Application configuration for feedback."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Configuration of the feedback app."""

    name = "feedback"
    verbose_name = "Feedback"

    def ready(self):
        """Register the QA observation hooks beside the app's own."""
        from feedback import qa_hooks  # noqa: F401

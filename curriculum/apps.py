"""Application configuration for curriculum."""

from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    """Configuration of the curriculum app."""

    name = "curriculum"
    verbose_name = "Curriculum"

    def ready(self):
        """Forget the cached curriculum address whenever a page is published, moved or removed."""
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from curriculum.queries import forget_curriculum_index_url

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_curriculum_index_url, dispatch_uid=f"curriculum-index-{signal}")
        post_delete.connect(
            forget_curriculum_index_url, sender=Page, dispatch_uid="curriculum-index-delete"
        )

"""Histories kept for good: who did what and when, added to and never changed or removed."""

from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset that refuses bulk updates and deletes."""

    def update(self, **kwargs):
        """Refuse: history is never rewritten."""
        raise TypeError(f"{self.model._meta.verbose_name} history is append-only.")

    def delete(self):
        """Refuse: history is never removed."""
        raise TypeError(f"{self.model._meta.verbose_name} history is append-only.")


class AppendOnlyRecord(models.Model):
    """A step in a history: written once, never changed or deleted on its own."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Write a new step; an existing step is never changed."""
        if self.pk is not None:
            raise TypeError(f"{self._meta.verbose_name} history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Refuse: history is never removed."""
        raise TypeError(f"{self._meta.verbose_name} history is append-only.")


def rewrite_for_erasure(model, pks, **values):
    """Overwrite fields of rows, history included: the one change erasing a person allows."""
    return models.QuerySet(model).filter(pk__in=list(pks)).update(**values)

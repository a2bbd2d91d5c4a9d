"""What a manager told the HR import: the post a position title means and where a place is."""

from django.db import models

from competences.models.posts import PostProfile
from training_site.models import Organisation


class PlaceKind(models.TextChoices):
    """Which column of an extract names the organisation."""

    ORGANISATION = "organisation", "Organisation name or code"
    COST_CENTRE = "cost_centre", "Cost centre"


class PostTitleMapping(models.Model):
    """A position title as HR extracts write it, and the post profile it stands for."""

    scope = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="post_title_mappings",
        help_text="The organisation whose imports use this, with everything below it.",
    )
    title = models.CharField(max_length=200)
    key = models.CharField(max_length=200)
    profile = models.ForeignKey(
        PostProfile, on_delete=models.CASCADE, related_name="title_mappings"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scope", "title"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="post_title_mapping_unique")
        ]

    def __str__(self):
        return f"{self.title} → {self.profile}"


class PlaceMapping(models.Model):
    """An organisation name, code or cost centre in HR extracts, and where it is (none: skip)."""

    scope = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="place_mappings",
        help_text="The organisation whose imports use this, with everything below it.",
    )
    kind = models.CharField(max_length=20, choices=PlaceKind.choices)
    value = models.CharField(max_length=200)
    key = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the rows are for an organisation you do not manage.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scope", "kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "kind", "key"], name="place_mapping_unique")
        ]

    def __str__(self):
        return f"{self.value} → {self.organisation or 'skipped'}"

"""Post profiles, the competences each requires, and the posts staff hold."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from competences.models.frameworks import Competence, Proficiency
from training_site.models import Organisation


class PostProfile(ClusterableModel, index.Indexed):
    """A post and the competences it needs, in the spirit of a KSF post outline."""

    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="post_profiles",
        help_text="Leave empty for a national profile that every organisation can use.",
    )
    description = models.TextField(blank=True)

    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(organisation=None), name="post_profile_national_name"
            ),
            models.UniqueConstraint(
                fields=["name", "organisation"], name="post_profile_local_name"
            ),
        ]

    def __str__(self):
        return self.name


class PostRequirement(models.Model):
    """A competence a post needs: the level for the foundation outline and the full outline."""

    profile = ParentalKey(PostProfile, on_delete=models.CASCADE, related_name="requirements")
    competence = models.ForeignKey(
        Competence, on_delete=models.PROTECT, related_name="requirements"
    )
    foundation_level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices,
        null=True,
        blank=True,
        help_text="Level needed in the first year in post; empty if not needed yet.",
    )
    full_level = models.PositiveSmallIntegerField(
        choices=Proficiency.choices, help_text="Level needed once fully established in post."
    )

    panels = ["competence", "foundation_level", "full_level"]

    class Meta:
        ordering = ["profile", "competence__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competence"], name="post_requirement_unique"
            ),
            models.CheckConstraint(
                condition=Q(foundation_level__isnull=True)
                | Q(foundation_level__lte=models.F("full_level")),
                name="post_requirement_foundation_not_above_full",
            ),
        ]

    def __str__(self):
        return f"{self.profile}: {self.competence.code} at {self.full_level}"

    def clean(self):
        """Refuse a foundation level above the full level."""
        if self.foundation_level and self.full_level and self.foundation_level > self.full_level:
            raise ValidationError(
                {"foundation_level": "The foundation level cannot be above the full level."}
            )


FOUNDATION_YEARS = 1


class StaffPostQuerySet(models.QuerySet):
    """Queries over the posts people hold."""

    def current(self, on=None):
        """Return posts held on a date, today by default."""
        on = on or timezone.localdate()
        return self.filter(Q(since__lte=on), Q(until__isnull=True) | Q(until__gte=on))


class StaffPost(models.Model):
    """A post a person holds in an organisation, and since when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_posts"
    )
    profile = models.ForeignKey(PostProfile, on_delete=models.PROTECT, related_name="staff_posts")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff_posts"
    )
    since = models.DateField()
    until = models.DateField(null=True, blank=True)
    staff_number = models.CharField(max_length=30, blank=True)

    objects = StaffPostQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-since"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "profile", "organisation"],
                condition=Q(until__isnull=True),
                name="staff_post_one_open_per_post",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="staff_post_until_after_since",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.profile} at {self.organisation}"

    def in_foundation_year(self, on=None):
        """Say whether the person is still in its first year in this post."""
        on = on or timezone.localdate()
        return on < self.since + relativedelta(years=FOUNDATION_YEARS)

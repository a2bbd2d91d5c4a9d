"""Filters for the gap matrix: organisation, post, profession and status."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL

from competences import gaps
from competences.models import PostProfile, StaffPost
from training_site.forms import NHSUKFormMixin
from training_site.models import Profession

STATUS_CHOICES = [
    (gaps.GAP, "Has a gap"),
    (gaps.SELF_ASSESSED, "Has a competence waiting for verification"),
    (gaps.MET, "Has met at least one"),
]


class MatrixFilterForm(NHSUKFormMixin, forms.Form):
    """The matrix filter's form, rendered with NHS.UK widgets."""


class GapMatrixFilter(django_filters.FilterSet):
    """Narrow the matrix to part of the organisation, a post, a profession or a status."""

    unit = django_filters.ModelChoiceFilter(
        label="Within", queryset=None, method="filter_unit", empty_label="Everywhere in scope"
    )
    post = django_filters.ModelChoiceFilter(
        label="Post",
        queryset=PostProfile.objects.all(),
        method="filter_post",
        empty_label="Any post",
    )
    profession = django_filters.ChoiceFilter(
        label="Profession", choices=Profession.choices, empty_label="Any profession"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, method="filter_status", empty_label="Any status"
    )

    class Meta:
        form = MatrixFilterForm
        fields = ["unit", "post", "profession", "status"]

    def __init__(self, *args, organisation, on, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.on = organisation, on
        self.filters["unit"].queryset = organisation.get_children()
        self.filters["unit"].field.label_from_instance = lambda o: (
            f"{'– ' * (o.depth - organisation.depth)}{o.name}"
        )

    def _current_posts(self):
        return StaffPost.objects.current(self.on).filter(user=OuterRef("pk"))

    def filter_unit(self, queryset, name, value):
        """Keep people with a current post in the unit or below it."""
        posts = self._current_posts().filter(organisation__path__startswith=value.path)
        return queryset.filter(Exists(posts))

    def filter_post(self, queryset, name, value):
        """Keep people currently holding the post."""
        return queryset.filter(Exists(self._current_posts().filter(profile=value)))

    def filter_status(self, queryset, name, value):
        """Keep people with at least one need in the state."""
        sql, params = gaps.people_in_state_sql(self.organisation, value, self.on)
        return queryset.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (values are parameters)

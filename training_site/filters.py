"""Filters for the people list."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from training_site.forms import NHSUKFormMixin
from training_site.models import Membership, Profession, Role
from training_site.scoping import organisations_managed_by


class PeopleFilterForm(NHSUKFormMixin, forms.Form):
    """The people filter's form, rendered with NHS.UK widgets."""


class PeopleFilter(django_filters.FilterSet):
    """Narrow the people a manager sees by name, organisation, role, profession or sign-in."""

    q = django_filters.CharFilter(label="Name or email", method="filter_text")
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation", queryset=None, method="filter_organisation", empty_label="All"
    )
    role = django_filters.ChoiceFilter(
        label="Role", choices=Role.choices, method="filter_role", empty_label="Any role"
    )
    profession = django_filters.ChoiceFilter(
        label="Profession", choices=Profession.choices, empty_label="Any profession"
    )
    signed_in = django_filters.ChoiceFilter(
        label="Signed in",
        choices=[("never", "Never signed in"), ("yes", "Has signed in")],
        method="filter_signed_in",
        empty_label="Either",
    )

    class Meta:
        form = PeopleFilterForm
        fields = ["q", "organisation", "role", "profession", "signed_in"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = organisations_managed_by(user)

    def filter_text(self, queryset, name, value):
        """Match any part of the first name, last name or email."""
        terms = Q()
        for word in value.split():
            terms &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset.filter(terms)

    def filter_organisation(self, queryset, name, value):
        """Keep people with a role in the organisation or anywhere below it."""
        inside = Membership.objects.filter(
            user=OuterRef("pk"), organisation__path__startswith=value.path
        )
        return queryset.filter(Exists(inside))

    def filter_role(self, queryset, name, value):
        """Keep people who hold the role somewhere."""
        return queryset.filter(Exists(Membership.objects.filter(user=OuterRef("pk"), role=value)))

    def filter_signed_in(self, queryset, name, value):
        """Keep people who have, or have never, signed in."""
        return queryset.filter(last_login__isnull=(value == "never"))

"""Reads behind the site's own pages: home panels, people and organisations in scope."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from training_site.models import Membership, OrganisationKind, Role, User
from training_site.scoping import organisations_managed_by, people_visible_to


def memberships_of(user):
    """Return a person's roles with their organisations."""
    return Membership.objects.filter(user=user).select_related("organisation")


def memberships_seen_by(viewer, person):
    """Return a person's roles that the viewer may see: all its own, else those it manages."""
    memberships = memberships_of(person)
    if viewer.pk == person.pk:
        return memberships
    return memberships.filter(organisation__in=organisations_managed_by(viewer))


def people_in_scope(user):
    """Return the people a manager may see, other than itself, with the roles it may see."""
    seen = Membership.objects.filter(organisation__in=organisations_managed_by(user))
    return (
        people_visible_to(user)
        .exclude(pk=user.pk)
        .prefetch_related(Prefetch("memberships", queryset=seen.select_related("organisation")))
    )


def role_counts_in_scope(user):
    """Return (role label, people) for each role held in the organisations a person manages."""
    rows = (
        Membership.objects.filter(organisation__in=organisations_managed_by(user))
        .values("role")
        .annotate(people=Count("user", distinct=True))
    )
    counts = {row["role"]: row["people"] for row in rows}
    return [(label, counts[value]) for value, label in Role.choices if counts.get(value)]


def never_signed_in_count(user):
    """Return how many people a manager can see have never signed in."""
    return people_visible_to(user).exclude(pk=user.pk).filter(last_login__isnull=True).count()


def organisations_in_scope(user):
    """Return the organisations a person manages, each with its people and managers counted."""
    return organisations_managed_by(user).annotate(
        people=Count("memberships__user", distinct=True),
        managers=Count("memberships", filter=Q(memberships__role=Role.MANAGER)),
    )


def sites_without_manager(user):
    """Return sites in scope where nobody holds the manager role."""
    has_manager = Membership.objects.filter(organisation=OuterRef("pk"), role=Role.MANAGER)
    return (
        organisations_managed_by(user)
        .filter(kind=OrganisationKind.SITE)
        .exclude(Exists(has_manager))
    )


def people_without_role_count():
    """Return how many open accounts hold no role anywhere."""
    has_role = Membership.objects.filter(user=OuterRef("pk"))
    return User.objects.filter(is_active=True).exclude(Exists(has_role)).count()

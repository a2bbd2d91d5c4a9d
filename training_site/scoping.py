"""Who may see whom: the one place every app asks which organisations and people are in scope.

A manager or network administrator sees the organisation it holds that role in and everything
below it, never above or beside. Everyone else sees only themselves through this module;
apps add narrower rights of their own (a trainer and its attendees) on top.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404

from training_site.models import Membership, Organisation, Role, User

MANAGING_ROLES = (Role.MANAGER, Role.NETWORK_ADMIN)
"""Who manages a part of the workforce and reads its profile."""
RUNNING_ROLES = (Role.TRAINER, *MANAGING_ROLES)
"""Who runs training and reads what it produced: workshops, feedback and evaluation reports."""
ASSESSOR_ROLES = (Role.TRAINER, Role.MANAGER)
"""Who judges practice: verifies competences and observes care planning."""


def memberships_held(user):
    """Return a person's memberships with their organisations, read once per request."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_memberships_cache"):
        user._memberships_cache = list(
            Membership.objects.filter(user=user).select_related("organisation")
        )
    return user._memberships_cache


def roles_of(user):
    """Return the set of roles a person holds anywhere, from its memberships of this request."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(membership.role for membership in memberships_held(user))


def has_role(user, *roles):
    """Say whether a person holds any of the given roles anywhere."""
    return bool(roles_of(user).intersection(roles))


def organisations_with_role(user, *roles):
    """Return the organisations, and everything below them, where a person holds a role.

    One query: an organisation is in scope when the path of an organisation the person holds
    the role in is a prefix of its own materialised path.
    """
    if not user.is_authenticated:
        return Organisation.objects.none()
    holds_role_above = Membership.objects.filter(
        user=user,
        role__in=roles,
        organisation__path=Substr(OuterRef("path"), 1, Length("organisation__path")),
    )
    return Organisation.objects.filter(Exists(holds_role_above))


def organisations_above(user):
    """Return the organisations a person belongs to, with every organisation above them."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    belongs_below = Membership.objects.filter(
        user=user, organisation__path__startswith=OuterRef("path")
    )
    return Organisation.objects.filter(Exists(belongs_below))


def organisations_managed_by(user):
    """Return the organisations a person manages or administers, with everything below them."""
    if user.is_authenticated and user.is_superuser:
        return Organisation.objects.all()
    return organisations_with_role(user, *MANAGING_ROLES)


def people_visible_to(user):
    """Return the people whose records a person may see: itself and those in what it manages."""
    if not user.is_authenticated:
        return User.objects.none()
    in_managed_organisation = Membership.objects.filter(
        user=OuterRef("pk"), organisation__in=organisations_managed_by(user)
    )
    without_role = ~Exists(Membership.objects.filter(user=OuterRef("pk")))
    administers_network = Exists(
        Membership.objects.filter(user=user, role=Role.NETWORK_ADMIN, organisation__depth=1)
    )
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(
        Q(pk=user.pk) | Exists(in_managed_organisation) | (without_role & administers_network)
    )


def may_see_person(user, person):
    """Say whether a person may see another person's records."""
    return people_visible_to(user).filter(pk=person.pk).exists()


def get_visible_person_or_404(user, pk):
    """Return a person the user may see, or answer 404 as if they did not exist."""
    try:
        return people_visible_to(user).get(pk=pk)
    except (User.DoesNotExist, ValueError):
        raise Http404("No such person.") from None


def get_managed_organisation_or_404(user, pk):
    """Return an organisation the user manages, or answer 404 as if it did not exist."""
    try:
        return organisations_managed_by(user).get(pk=pk)
    except (Organisation.DoesNotExist, ValueError):
        raise Http404("No such organisation.") from None


ROLE_RANKS = {
    Role.HCP: 1,
    Role.REPRESENTATIVE: 1,
    Role.TRAINER: 2,
    Role.MANAGER: 3,
    Role.NETWORK_ADMIN: 4,
}
"""How far up a role sits: nobody manages a person holding a role above its own."""


def people_manageable_by(user):
    """Return the people a person may edit and send sign-in links: in scope, never above it."""
    people = people_visible_to(user)
    if user.is_authenticated and user.is_superuser:
        return people
    rank = max((ROLE_RANKS[r] for r in roles_of(user) if r in MANAGING_ROLES), default=0)
    if not rank:
        return User.objects.none()
    above = [role for role, role_rank in ROLE_RANKS.items() if role_rank > rank]
    return people.filter(is_superuser=False).exclude(
        Exists(Membership.objects.filter(user=OuterRef("pk"), role__in=above))
    )


def get_manageable_person_or_404(user, pk):
    """Return a person the user may manage, or answer 404 as if they did not exist."""
    try:
        return people_manageable_by(user).get(pk=pk)
    except (User.DoesNotExist, ValueError):
        raise Http404("No such person.") from None

"""Writes to people, organisations and memberships."""

from django.core.exceptions import ValidationError
from django.db import transaction

from training_site.models import Membership, Organisation, OrganisationKind


@transaction.atomic
def organisation_create(*, parent, name, kind, code=""):
    """Create an organisation below its parent, or a new network at the top of the tree."""
    if parent is None and kind != OrganisationKind.NETWORK:
        raise ValidationError({"parent": "Choose the organisation this one belongs to."})
    organisation = Organisation(name=name, kind=kind, code=code)
    organisation.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return Organisation.add_root(instance=organisation)
    return Organisation.objects.get(pk=parent.pk).add_child(instance=organisation)


@transaction.atomic
def membership_grant(*, user, organisation, role):
    """Give a person a role in an organisation, once."""
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    return membership

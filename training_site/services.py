"""Writes to people, organisations, memberships and subject access requests."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from training_site.audit import audit_record
from training_site.emails import email_send
from training_site.models import (
    AuditAction,
    Membership,
    Organisation,
    OrganisationKind,
    PersonEvent,
    SubjectAccessRequest,
    User,
)
from training_site.subject_access import export_zip


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


def person_event_record(*, person, actor, description):
    """Add a step to a person's history."""
    return PersonEvent.objects.create(person=person, actor=actor, description=description)


@transaction.atomic
def person_update(*, person, editor, first_name, last_name, email):
    """Change a person's name and email, record each change and tell the old address."""
    email = User.objects.normalize_email(email)
    old_email, changes = person.email, []
    if (person.first_name, person.last_name) != (first_name, last_name):
        new_name = f"{first_name} {last_name}".strip()
        changes.append(f"Name changed from {person.get_full_name()} to {new_name}")
    person.first_name, person.last_name, person.email = first_name, last_name, email
    person.full_clean(exclude=["password"])
    person.save(update_fields=["first_name", "last_name", "email"])
    for description in changes:
        person_event_record(person=person, actor=editor, description=description)
    if email != old_email:
        changes.append(email_change_record(person=person, editor=editor, old_email=old_email))
    return changes


@transaction.atomic
def email_change_record(*, person, editor, old_email):
    """Add a saved email change to the person's history, tell the old address, say what changed."""
    description = f"Email changed from {old_email} to {person.email}"
    person_event_record(person=person, actor=editor, description=description)
    transaction.on_commit(
        lambda: email_send(
            to=old_email,
            subject=f"The email address for your {settings.SERVICE_NAME} account changed",
            template="training_site/emails/email_changed",
            context={"person": person, "old_email": old_email, "editor": editor},
        )
    )
    return description


@transaction.atomic
def subject_access_request_record(*, person, received_on, recorded_by, note=""):
    """Record that a person asked for their personal data on a given day."""
    return SubjectAccessRequest.objects.create(
        person=person, received_on=received_on, recorded_by=recorded_by, note=note
    )


@transaction.atomic
def subject_access_export(*, person, request, subject_request=None):
    """Build a person's export, audit it and complete the request it answers; return the zip."""
    archive = export_zip(person)
    summary = "Own data downloaded" if person == request.user else "Subject access export"
    audit_record(request, AuditAction.PRIVACY_EXPORT, person, summary=summary)
    if subject_request is not None and subject_request.completed_at is None:
        subject_request.completed_at = timezone.now()
        subject_request.save(update_fields=["completed_at"])
    return archive

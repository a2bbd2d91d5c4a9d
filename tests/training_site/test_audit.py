"""The audit record: sign-ins, failures, sign-outs, role and email changes; append-only."""

import pytest
from django.urls import reverse

from training_site.audit import audit_record
from training_site.models import AuditAction, AuditEvent, Membership, Role
from training_site.services import membership_grant

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def events(action):
    """Return the stored events of one kind, oldest first."""
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_sign_in_is_recorded_with_address_and_browser(client, hcp):
    client.post(
        reverse("login"),
        {"username": "hcp@example.org", "password": PASSWORD},
        HTTP_USER_AGENT="Firefox/" + "x" * 400,
        REMOTE_ADDR="10.1.2.3",
    )
    (event,) = events(AuditAction.SIGN_IN)
    assert event.actor == hcp
    assert event.object_id == str(hcp.pk)
    assert event.client_address == "10.1.2.3"
    assert event.user_agent.startswith("Firefox/")
    assert len(event.user_agent) == 255


def test_failed_sign_in_records_the_username_typed_but_never_the_password(client, hcp):
    client.post(reverse("login"), {"username": "hcp@example.org", "password": "wrong-guess-99"})
    (event,) = events(AuditAction.SIGN_IN_FAILED)
    assert event.actor is None
    assert "hcp@example.org" in event.summary
    stored = " ".join(str(v) for row in AuditEvent.objects.values_list() for v in row)
    assert "wrong-guess-99" not in stored


def test_sign_out_is_recorded(client, hcp):
    client.force_login(hcp)
    client.post(reverse("logout"))
    (event,) = events(AuditAction.SIGN_OUT)
    assert event.actor == hcp


def test_role_granted_once_and_removed_are_recorded(hcp, site_a):
    membership_grant(user=hcp, organisation=site_a, role=Role.TRAINER)
    membership_grant(user=hcp, organisation=site_a, role=Role.TRAINER)
    Membership.objects.get(user=hcp, organisation=site_a).delete()
    granted = events(AuditAction.ROLE_GRANTED)
    assert granted[-1].summary == "Trainer at Site A"
    assert sum(e.summary == "Trainer at Site A" for e in granted) == 1
    (removed,) = events(AuditAction.ROLE_REMOVED)
    assert removed.object_id == str(hcp.pk)
    assert removed.summary == "Trainer at Site A"


def test_email_change_is_recorded_with_old_and_new(hcp):
    hcp.first_name = "Hannah"
    hcp.save()
    assert not events(AuditAction.EMAIL_CHANGED)
    hcp.email = "hana.new@example.org"
    hcp.save()
    (event,) = events(AuditAction.EMAIL_CHANGED)
    assert event.summary == "From hcp@example.org to hana.new@example.org"


def test_events_cannot_be_changed_or_deleted(hcp):
    event = audit_record(None, AuditAction.SIGN_IN, hcp)
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(summary="")

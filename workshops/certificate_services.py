"""Certificates of attendance: issued with the register, withdrawn with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from workshops.models import Certificate
from workshops.recording import booking_record

REGISTER_CORRECTED = "The register was corrected: not attended."


def certificate_issue(booking):
    """Return the attended booking's certificate, issuing it on the day attended if need be."""
    issued_on = timezone.localtime(booking.workshop.starts_at).date()
    certificate, _ = Certificate.objects.get_or_create(
        booking=booking, defaults={"issued_on": issued_on}
    )
    certificate.booking = booking
    return certificate


def issue_on_attendance(booking):
    """Issue the certificate, or give back one the register's correction withdrew."""
    certificate = certificate_issue(booking)
    if certificate.is_withdrawn and certificate.withdrawal_reason == REGISTER_CORRECTED:
        certificate.withdrawn_at = None
        certificate.withdrawn_by = None
        certificate.withdrawal_reason = ""
        certificate.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])


def withdraw_on_correction(booking, actor):
    """Withdraw the certificate of an attendance the register no longer shows."""
    Certificate.objects.filter(booking=booking, withdrawn_at=None).update(
        withdrawn_at=timezone.now(), withdrawn_by=actor, withdrawal_reason=REGISTER_CORRECTED
    )


@transaction.atomic
def certificate_withdraw(*, certificate, actor, reason):
    """Withdraw a certificate for good: its check page then says it is not valid."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the certificate is withdrawn.")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.is_withdrawn:
        raise ValidationError("This certificate has already been withdrawn.")
    certificate.withdrawn_at = timezone.now()
    certificate.withdrawn_by = actor
    certificate.withdrawal_reason = reason
    certificate.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    booking_record(
        certificate.booking,
        actor=actor,
        from_status=certificate.booking.status,
        note=f"Certificate {certificate.display_reference} withdrawn: {reason}"[:300],
    )
    return certificate

"""Signal receivers that write sign-ins, role changes and email changes to the audit record."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from training_site import single_sign_on
from training_site.audit import audit_record
from training_site.models import AuditAction, Membership, User


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    """Record a successful sign-in, saying when it was with the organisation account."""
    by_provider = getattr(user, "backend", "") == single_sign_on.BACKEND
    summary = "With the organisation account" if by_provider else ""
    if getattr(user, "made_by_single_sign_on", False):
        summary += "; account made from it"
    audit_record(request, AuditAction.SIGN_IN, user, summary=summary, actor=user)


@receiver(user_login_failed)
def record_sign_in_failure(sender, credentials, request=None, **kwargs):
    """Record a failed sign-in with the username typed, or why the provider's was refused."""
    refusal = single_sign_on.refusal_of(request)
    typed = str(credentials.get("username") or credentials.get("email") or "")
    summary = refusal.summary if refusal else f"Username typed: {typed}"
    audit_record(request, AuditAction.SIGN_IN_FAILED, summary=summary)


@receiver(user_logged_out)
def record_sign_out(sender, request, user, **kwargs):
    """Record a sign-out."""
    if user is not None:
        audit_record(request, AuditAction.SIGN_OUT, user, actor=user)


@receiver(post_save, sender=Membership)
def record_role_granted(sender, instance, created, **kwargs):
    """Record a role given to a person."""
    if created:
        audit_record(None, AuditAction.ROLE_GRANTED, instance.user, summary=_role(instance))


@receiver(post_delete, sender=Membership)
def record_role_removed(sender, instance, **kwargs):
    """Record a role taken from a person."""
    audit_record(None, AuditAction.ROLE_REMOVED, instance.user, summary=_role(instance))


@receiver(pre_save, sender=User)
def record_email_change(sender, instance, **kwargs):
    """Record a change of a person's sign-in email, old and new."""
    if instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("email", flat=True).first()
    if old is not None and old.lower() != (instance.email or "").lower():
        summary = f"From {old} to {instance.email}"
        audit_record(None, AuditAction.EMAIL_CHANGED, instance, summary=summary)


def _role(membership):
    return f"{membership.get_role_display()} at {membership.organisation}"

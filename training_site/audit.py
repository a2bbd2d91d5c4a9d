"""Writing the audit record: who did what to which record, when and from where."""

from training_site.addresses import client_address
from training_site.models import AuditEvent

USER_AGENT_LENGTH = 255


def audit_record(request, action, obj=None, summary="", actor=None):
    """Add one event to the audit record; ``request`` may be None outside a web request."""
    event = AuditEvent(action=action, summary=summary[:255], actor=actor)
    if obj is not None:
        event.object_type = obj._meta.label_lower
        event.object_id = str(obj.pk)
    if request is not None:
        user = getattr(request, "user", None)
        if actor is None and user is not None and user.is_authenticated:
            event.actor = user
        event.client_address = client_address(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    event.save()
    return event

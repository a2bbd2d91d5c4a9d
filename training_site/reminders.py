"""Scheduled reminders: each app registers what is due; one command sends each exactly once.

A hook function registered as ``register_reminders`` receives the moment of the run and
returns an iterable of ``Reminder``. A reminder's key names what it is about and when it is
for (``workshop-upcoming:booking:17``), so running the command twice, or two runs at once,
never sends the same reminder twice: the key is stored in the same transaction as the send.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail import hooks

from training_site.emails import email_send
from training_site.models import SentReminder

HOOK_NAME = "register_reminders"


@dataclass(frozen=True)
class Reminder:
    """One email that is due: a unique key, the address, and the email's templates."""

    key: str
    to: str
    subject: str
    template: str
    context: dict = field(default_factory=dict)


def reminders_due(now):
    """Return every reminder the apps say is due at this moment, sent or not."""
    for due in hooks.get_hooks(HOOK_NAME):
        yield from due(now)


def reminders_send(*, now=None):
    """Send each due reminder not sent before; return how many were sent."""
    now = now or timezone.now()
    sent = 0
    for reminder in reminders_due(now):
        if SentReminder.objects.filter(key=reminder.key).exists():
            continue
        try:
            with transaction.atomic():
                SentReminder.objects.create(key=reminder.key, recipient=reminder.to, sent_at=now)
                email_send(
                    to=reminder.to,
                    subject=reminder.subject,
                    template=reminder.template,
                    context=reminder.context,
                )
        except IntegrityError:
            continue
        sent += 1
    return sent

"""Send emails written as a plain-text and an HTML template, always through the task queue.

The message is rendered in the process that causes it (its context may hold model instances)
and queued as plain JSON; a worker sends it, retrying with a growing pause, and an email that
still fails is recorded as a ``FailedEmail`` for the administrators to see.
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from training_site.models import FailedEmail

logger = logging.getLogger(__name__)


def email_send(*, to, subject, template, context, attachments=()):
    """Queue one email rendered from ``<template>.txt`` and ``<template>.html``.

    ``attachments`` holds (filename, content, mimetype) triples, such as a calendar file.
    """
    context = {
        "service_name": settings.SERVICE_NAME,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        **context,
    }
    email_queue(
        to=to,
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
        attachments=attachments,
    )


def email_queue(*, to, subject, body, html=None, attachments=()):
    """Queue an already rendered email; it joins the caller's transaction on the database queue."""
    message = {
        "to": to,
        "subject": subject,
        "body": body,
        "html": html,
        "attachments": [
            {"filename": filename, "content": _encode(content), "mimetype": mimetype}
            for filename, content, mimetype in attachments
        ],
    }
    email_deliver.enqueue(message=message, attempt=1)


def _encode(content):
    """Base64 text of an attachment's bytes or string."""
    data = content.encode() if isinstance(content, str) else content
    return base64.b64encode(data).decode("ascii")


def retry_delay(attempt):
    """How long to wait before the next attempt: doubling from the first delay."""
    return timedelta(seconds=settings.EMAIL_RETRY_SECONDS * 2 ** (attempt - 1))


@task()
def email_deliver(*, message, attempt):
    """Send one queued email; on failure queue it again later, or record that it failed."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message["to"]],
    )
    if message["html"] is not None:
        email.attach_alternative(message["html"], "text/html")
    for attachment in message["attachments"]:
        email.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    try:
        email.send()
    except Exception as error:
        if attempt >= settings.EMAIL_MAX_ATTEMPTS:
            FailedEmail.objects.create(
                recipient=message["to"],
                subject=message["subject"],
                attempts=attempt,
                error=f"{type(error).__name__}: {error}"[:500],
            )
            raise
        logger.warning("Email attempt %s failed, trying again later", attempt)
        again = email_deliver
        if again.get_backend().supports_defer:
            again = again.using(run_after=timezone.now() + retry_delay(attempt))
        again.enqueue(message=message, attempt=attempt + 1)
        return "retrying"
    return "sent"

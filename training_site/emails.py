"""Send emails written as a plain-text and an HTML template."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_send(*, to, subject, template, context, attachments=()):
    """Send one email rendered from ``<template>.txt`` and ``<template>.html``.

    ``attachments`` holds (filename, content, mimetype) triples, such as a calendar file.
    """
    context = {
        "service_name": settings.SERVICE_NAME,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()

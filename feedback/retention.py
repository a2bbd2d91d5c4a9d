"""Retention of account-free feedback links: used, replaced and expired ones go."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from feedback.models import FeedbackLink, FeedbackResponse


@transaction.atomic
def purge_feedback_links(now):
    """Delete links used, replaced or expired before their period; responses stay. Count them."""
    before = now - timedelta(days=settings.RETENTION_FEEDBACK_LINK_DAYS)
    done = FeedbackLink.objects.filter(
        Q(used_at__lt=before) | Q(revoked_at__lt=before) | Q(expires_at__lt=before)
    )
    FeedbackResponse.objects.filter(link__in=done).update(link=None)
    return done.delete()[0]

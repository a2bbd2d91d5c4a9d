"""Retention of the competence records: abandoned HR extracts and leavers' records."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce

from competences.models import StaffPost
from training_site.erasure import PSEUDONYM_DOMAIN, person_erase

IMPORTS_FOLDER = "imports"


def purge_hr_extract_uploads(now):
    """Delete uploaded HR extracts left unimported past their period; return how many."""
    before = now - timedelta(hours=settings.RETENTION_UPLOAD_HOURS)
    try:
        _, names = default_storage.listdir(IMPORTS_FOLDER)
    except FileNotFoundError:
        return 0
    count = 0
    for name in names:
        path = f"{IMPORTS_FOLDER}/{name}"
        if default_storage.get_modified_time(path) < before:
            default_storage.delete(path)
            count += 1
    return count


def leavers(now):
    """People with no role and no post, whose last post ended (or last visit was) long ago."""
    cutoff = now - timedelta(days=settings.RETENTION_LEAVER_DAYS)
    open_post = StaffPost.objects.filter(user=OuterRef("pk")).filter(
        Q(until__isnull=True) | Q(until__gte=cutoff.date())
    )
    return (
        get_user_model()
        .objects.filter(memberships__isnull=True, is_staff=False, is_superuser=False)
        .exclude(email__iendswith=f"@{PSEUDONYM_DOMAIN}")
        .annotate(
            in_post=Exists(open_post),
            last_post_ended=Max("staff_posts__until"),
            last_seen=Coalesce("last_login", "date_joined"),
        )
        .filter(in_post=False)
        .filter(Q(last_post_ended__isnull=False) | Q(last_seen__lt=cutoff))
    )


def purge_leavers(now):
    """Erase the records of each leaver past the leavers' period; return how many people."""
    people = list(leavers(now))
    for person in people:
        person_erase(person=person)
    return len(people)

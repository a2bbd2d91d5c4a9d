"""Health endpoints for a load balancer: is the process alive, and is it ready for traffic."""

import logging
import os
import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

OK = "ok"


def database_answers():
    """Whether the database runs a trivial query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations_applied():
    """Whether every migration of this code has been applied to the database."""
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def cache_answers():
    """Whether the cache stores a value and gives it back."""
    key = "health:ready"
    value = secrets.token_hex(8)
    cache.set(key, value, 10)
    return cache.get(key) == value


def storage_answers():
    """Whether uploads can be stored: the bucket answers, or the media folder can be written."""
    if hasattr(default_storage, "bucket_name"):
        default_storage.connection.meta.client.head_bucket(Bucket=default_storage.bucket_name)
        return True
    location = getattr(default_storage, "location", None)
    if location is None:
        return True
    folder = Path(location)
    while not folder.exists():
        folder = folder.parent
    return os.access(folder, os.W_OK)


def tasks_keep_up():
    """Whether no task has been waiting to run longer than the threshold (the worker runs)."""
    cutoff = timezone.now() - timedelta(seconds=settings.TASK_QUEUE_MAX_AGE_SECONDS)
    late = (
        DBTaskResult.objects.ready()
        .filter(enqueued_at__lt=cutoff)
        .filter(Q(run_after=get_date_max()) | Q(run_after__lt=cutoff))
    )
    return not late.exists()


def run_check(name, check, failure):
    """Run one readiness check, saying only whether it passed; the details go to the log."""
    try:
        return OK if check() else failure
    except Exception:
        logger.exception("Readiness check %s failed", name)
        return failure


@never_cache
@require_safe
def live(request):
    """Answer that the process serves requests, without touching the database."""
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def ready(request):
    """Answer 200 when database, migrations, cache, file storage and tasks are ready, else 503."""
    checks = {"database": run_check("database", database_answers, "unreachable")}
    database_ok = checks["database"] == OK
    checks["migrations"] = (
        run_check("migrations", migrations_applied, "pending") if database_ok else "unknown"
    )
    checks["cache"] = run_check("cache", cache_answers, "unreachable")
    checks["storage"] = run_check("storage", storage_answers, "unreachable")
    checks["tasks"] = run_check("tasks", tasks_keep_up, "delayed") if database_ok else "unknown"
    healthy = all(result == OK for result in checks.values())
    return JsonResponse(
        {"status": OK if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )

"""The load balancer's health endpoints: open to all, short JSON answers, no secrets."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from training_site import health
from training_site.emails import email_queue

ALL_READY = {
    "status": "ok",
    "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "storage": "ok", "tasks": "ok"},
}


def test_live_answers_ok_without_a_database_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_answers_ok_when_the_database_is_migrated_and_the_cache_answers(client, db):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == ALL_READY


def test_ready_answers_503_naming_pending_migrations(client, db, monkeypatch):
    monkeypatch.setattr(health, "migrations_applied", lambda: False)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "database": "ok",
            "migrations": "pending",
            "cache": "ok",
            "storage": "ok",
            "tasks": "ok",
        },
    }


def test_ready_answers_503_naming_an_unreachable_database_without_its_details(
    client, db, monkeypatch
):
    def refuse():
        raise ConnectionError("password authentication failed for user yoc at db.internal")

    monkeypatch.setattr(health, "database_answers", refuse)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "database": "unreachable",
            "migrations": "unknown",
            "cache": "ok",
            "storage": "ok",
            "tasks": "unknown",
        },
    }
    assert b"password" not in response.content
    assert b"db.internal" not in response.content


def test_ready_answers_503_naming_an_unreachable_cache(client, db, monkeypatch):
    monkeypatch.setattr(health, "cache_answers", lambda: False)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "unreachable"


def test_ready_answers_503_naming_storage_that_cannot_be_written(client, db, monkeypatch):
    monkeypatch.setattr(health, "storage_answers", lambda: False)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "unreachable"


def test_ready_finds_the_real_cache_unreachable(client, db):
    unreachable = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=unreachable):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "unreachable"


@pytest.mark.parametrize("path", ["/health/live", "/health/ready"])
def test_health_is_answered_over_http_where_https_is_enforced(client, db, path):
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get(path).status_code == 200
        # Every other page still moves to HTTPS.
        assert client.get("/account/sign-in/").status_code == 301


def test_health_cannot_be_changed_by_a_post(client, db):
    assert client.post("/health/ready").status_code == 405


def queue_email(settings, enqueued_ago, run_after=None):
    """Queue one email on the database queue, as if it had waited this long."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    email_queue(to="hcp@example.org", subject="Your booking", body="You have a place.")
    fields = {"enqueued_at": timezone.now() - enqueued_ago}
    if run_after is not None:
        fields["run_after"] = run_after
    DBTaskResult.objects.update(**fields)


def test_ready_answers_503_naming_tasks_when_the_oldest_waiting_task_is_too_old(
    client, db, settings
):
    settings.TASK_QUEUE_MAX_AGE_SECONDS = 300
    queue_email(settings, timedelta(seconds=301))
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"] == "delayed"


def test_ready_accepts_a_task_that_has_waited_less_than_the_threshold(client, db, settings):
    settings.TASK_QUEUE_MAX_AGE_SECONDS = 300
    queue_email(settings, timedelta(seconds=200))
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["tasks"] == "ok"


def test_ready_accepts_an_old_task_deferred_to_a_later_retry(client, db, settings):
    settings.TASK_QUEUE_MAX_AGE_SECONDS = 300
    queue_email(settings, timedelta(hours=1), run_after=timezone.now() + timedelta(minutes=5))
    assert client.get("/health/ready").status_code == 200

"""With REDIS_URL, the cache and sessions are shared through Redis; an outage fails fast."""

import secrets
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests.training_site.test_production_settings import check_deploy

redis = pytest.importorskip("redis")

REDIS_URL = "redis://127.0.0.1:6379/5"
# Nothing listens on port 1, so a connection is refused at once.
DOWN_URL = "redis://127.0.0.1:1/5"


def redis_settings(url):
    """The cache and session settings base.py makes from a REDIS_URL."""
    return {
        "CACHES": {
            "default": {
                "BACKEND": "django_redis.cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "yoc-test",
                "OPTIONS": {
                    "SOCKET_CONNECT_TIMEOUT": 1,
                    "SOCKET_TIMEOUT": 1,
                    "IGNORE_EXCEPTIONS": True,
                },
            }
        },
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
    }


@pytest.fixture
def secret_key():
    """A long random key of the kind a real deployment would use."""
    return secrets.token_urlsafe(60)


@pytest.fixture
def shared_redis():
    """A clean Redis database 5 used as the cache, or a skip when Redis is not running."""
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    connection.flushdb()
    with override_settings(**redis_settings(REDIS_URL)):
        yield connection
    connection.flushdb()


def test_a_session_is_kept_in_redis_and_read_back(client, shared_redis, hcp):
    client.force_login(hcp)
    assert any(b"django.contrib.sessions.cached_db" in key for key in shared_redis.keys())
    assert client.get(reverse("home")).status_code == 200


def test_the_feedback_link_throttle_counts_in_redis(client, shared_redis, db):
    for number in range(3):
        client.get(reverse("feedback:respond", args=[f"guess-{number}"]))
    counters = [key for key in shared_redis.keys() if b"feedback-unknown-links" in key]
    assert len(counters) == 1
    assert shared_redis.get(counters[0]) == b"3"


def test_ready_passes_with_redis_as_the_cache(client, shared_redis, db):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "ok"


def test_redis_down_is_named_by_ready_and_pages_keep_working(client, hcp):
    with override_settings(**redis_settings(DOWN_URL)):
        started = time.monotonic()
        ready = client.get("/health/ready")
        client.force_login(hcp)
        home = client.get(reverse("home"))
        assert cache.get("anything") is None
        elapsed = time.monotonic() - started
    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"] == "unreachable"
    assert home.status_code == 200
    assert elapsed < 10


def test_production_refuses_a_redis_url_that_is_not_one(tmp_path, secret_key):
    result = check_deploy(
        tmp_path, SECRET_KEY=secret_key, ALLOWED_HOSTS="example.org", REDIS_URL="localhost:6379"
    )
    assert result.returncode != 0
    assert "REDIS_URL must start with" in result.stdout + result.stderr


def test_production_starts_with_a_redis_url(tmp_path, secret_key):
    result = check_deploy(
        tmp_path, SECRET_KEY=secret_key, ALLOWED_HOSTS="example.org", REDIS_URL=REDIS_URL
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""The production settings refuse to start half-configured and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# What a deployment sets for itself, and what only a test run sets, is left out.
CONFIGURATION = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "SECURE_HSTS_PRELOAD",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "EMAIL_BACKEND",
    "BASE_URL",
)
# What every working deployment sets besides its secret key and hosts.
DEPLOYED = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "BASE_URL": "https://training.example.org",
}


def check_deploy(tmp_path, **variables):
    """Run ``manage.py check --deploy`` with the production settings and the given variables."""
    environment = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    environment.update(
        DJANGO_SETTINGS_MODULE="training_site.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
        **{**DEPLOYED, **variables},
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def secret_key():
    """A long random key of the kind a real deployment would use."""
    return secrets.token_urlsafe(60)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = check_deploy(tmp_path, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_production_refuses_to_start_with_a_blank_secret_key(tmp_path):
    result = check_deploy(tmp_path, SECRET_KEY="  ", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stdout + result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path, secret_key):
    result = check_deploy(tmp_path, SECRET_KEY=secret_key)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stdout + result.stderr


def test_production_passes_the_deploy_checks_when_configured(tmp_path, secret_key):
    result = check_deploy(tmp_path, SECRET_KEY=secret_key, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def read_production_settings(tmp_path, **variables):
    """Import the production settings in a fresh process; print its email backend and address."""
    environment = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    environment.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        **variables,
    )
    script = (
        "import training_site.settings.production as s; "
        "print(s.EMAIL_BACKEND); print(s.WAGTAILADMIN_BASE_URL)"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_an_email_backend(tmp_path):
    result = read_production_settings(tmp_path, BASE_URL="https://training.example.org")
    assert result.returncode != 0
    assert "Set the EMAIL_BACKEND environment variable." in result.stderr


@pytest.mark.parametrize("backend", ["console", "locmem", "dummy"])
def test_production_refuses_an_email_backend_that_sends_nothing(tmp_path, backend):
    result = read_production_settings(
        tmp_path,
        EMAIL_BACKEND=f"django.core.mail.backends.{backend}.EmailBackend",
        BASE_URL="https://training.example.org",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: EMAIL_BACKEND must send emails in production" in result.stderr


def test_production_refuses_to_start_without_a_base_url(tmp_path):
    result = read_production_settings(tmp_path, EMAIL_BACKEND=DEPLOYED["EMAIL_BACKEND"])
    assert result.returncode != 0
    assert "Set the BASE_URL environment variable." in result.stderr


def test_production_refuses_a_plain_http_base_url(tmp_path):
    result = read_production_settings(
        tmp_path, EMAIL_BACKEND=DEPLOYED["EMAIL_BACKEND"], BASE_URL="http://training.example.org"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: BASE_URL must start with https://" in result.stderr


def test_production_links_in_emails_use_the_https_base_url(tmp_path):
    result = read_production_settings(
        tmp_path, EMAIL_BACKEND=DEPLOYED["EMAIL_BACKEND"], BASE_URL="https://training.example.org/"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "https://training.example.org",
    ]

"""A request's address: X-Forwarded-For is believed only through the trusted proxies."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from training_site.addresses import client_address
from training_site.env import env_networks
from training_site.models import AuditAction, AuditEvent

PASSWORD = "correct-horse-battery"
BALANCER = "10.0.3.4"
PERSON = "198.51.100.7"
SPOOFED = "192.0.2.66"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def request_from(remote, forwarded=None):
    """Build a request that connected from one address and may name others."""
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.fixture
def behind_balancer(settings):
    """The site trusts its load balancer's range."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/16"]


def test_a_forwarded_address_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.9", SPOOFED)) == "203.0.113.9"


def test_the_address_the_balancer_forwards_is_taken(behind_balancer):
    assert client_address(request_from(BALANCER, PERSON)) == PERSON


def test_an_address_put_in_front_by_the_person_is_ignored(behind_balancer):
    assert client_address(request_from(BALANCER, f"{SPOOFED}, {PERSON}")) == PERSON


def test_a_private_address_behind_the_balancer_is_kept(behind_balancer):
    assert client_address(request_from(BALANCER, "172.16.8.20")) == "172.16.8.20"


def test_a_forwarded_address_from_outside_the_trusted_proxies_is_ignored(behind_balancer):
    assert client_address(request_from("203.0.113.9", PERSON)) == "203.0.113.9"


def test_the_balancer_asking_for_itself_is_taken_at_its_address(behind_balancer):
    assert client_address(request_from(BALANCER)) == BALANCER


def test_two_proxies_in_front_are_passed_through_outermost_first(settings):
    settings.TRUSTED_PROXIES = ["192.0.2.0/24", "10.0.0.0/16"]
    request = request_from(BALANCER, f"{SPOOFED}, {PERSON}, 192.0.2.10")
    assert client_address(request) == PERSON


def test_no_address_at_all_is_none(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("")) is None


def test_trusted_proxies_must_be_addresses_or_ranges(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/16, load-balancer")
    with pytest.raises(ImproperlyConfigured, match="'load-balancer'"):
        env_networks("TRUSTED_PROXIES")


def test_trusted_proxies_are_read_as_a_list(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/16, 192.0.2.10")
    assert env_networks("TRUSTED_PROXIES") == ["10.0.0.0/16", "192.0.2.10"]


def settings_read_with(value):
    """Import the settings with TRUSTED_PROXIES set, printing the list they hold."""
    return subprocess.run(
        [sys.executable, "-c", "import training_site.settings.base as s; print(s.TRUSTED_PROXIES)"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "TRUSTED_PROXIES": value},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_settings_read_trusted_proxies_from_the_environment():
    result = settings_read_with("10.0.0.0/16,192.0.2.10")
    assert result.stdout.strip() == "['10.0.0.0/16', '192.0.2.10']", result.stderr


def test_a_trusted_proxy_that_is_not_an_address_stops_the_site():
    result = settings_read_with("load-balancer.internal")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES must list addresses or ranges" in result.stderr


def sign_in(client, password, **headers):
    """Post the sign-in form as hcp@ from wherever the headers say."""
    data = {"username": "hcp@example.org", "password": password}
    return client.post(reverse("login"), data, **headers)


@pytest.mark.django_db
def test_the_audit_record_ignores_a_spoofed_address_without_trusted_proxies(client, hcp, settings):
    settings.TRUSTED_PROXIES = []
    sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=SPOOFED)
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN).client_address == "203.0.113.9"


@pytest.mark.django_db
def test_the_audit_record_keeps_the_person_behind_the_balancer(client, hcp, behind_balancer):
    sign_in(client, PASSWORD, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=f"{SPOOFED}, {PERSON}")
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN).client_address == PERSON


@pytest.mark.django_db
def test_a_failed_sign_in_is_counted_against_the_person_behind_the_balancer(
    client, hcp, behind_balancer
):
    sign_in(client, "not-the-password", REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=PERSON)
    assert AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED).client_address == PERSON
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PERSON]


def test_only_the_address_reader_reads_the_connecting_address():
    apps = ("training_site", "competences", "curriculum", "workshops", "simulations")
    apps += ("quality", "feedback", "portfolio")
    readers = [
        path.relative_to(PROJECT_ROOT).as_posix()
        for app in apps
        for path in (PROJECT_ROOT / app).rglob("*.py")
        if "REMOTE_ADDR" in path.read_text()
    ]
    assert readers == ["training_site/addresses.py"]

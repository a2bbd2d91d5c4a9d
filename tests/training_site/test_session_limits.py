"""A signed-in session ends after 30 idle minutes, and after a 10-hour shift whatever happens."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from training_site import session_limits

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START = 1_800_000_000.0


class Clock:
    """A clock the test moves forward by hand."""

    def __init__(self):
        self.now = START

    def advance(self, *, minutes=0, hours=0):
        """Move the clock on."""
        self.now += minutes * 60 + hours * 3600


@pytest.fixture
def clock(monkeypatch):
    """The session limits read this clock instead of the real one."""
    controlled = Clock()
    monkeypatch.setattr(session_limits, "now_seconds", lambda: controlled.now)
    return controlled


@pytest.fixture
def signed_in(client, hcp, clock):
    """A client signed in as the HCP when the clock starts."""
    client.force_login(hcp)
    return client


def test_a_session_used_within_30_minutes_goes_on(signed_in, clock):
    clock.advance(minutes=29)
    response = signed_in.get(reverse("home"))
    assert response.status_code == 200
    assert "Hello, Hana" in response.text


def test_a_session_idle_for_more_than_30_minutes_signs_the_person_out(signed_in, clock):
    clock.advance(minutes=31)
    response = signed_in.get(reverse("home"), follow=True)
    assert response.redirect_chain[0] == (f"{reverse('login')}?next=%2F", 302)
    assert "You were signed out after 30 minutes without activity." in response.text
    assert not response.wsgi_request.user.is_authenticated
    assert signed_in.get(reverse("home")).status_code == 302


def test_activity_keeps_a_session_open_beyond_30_minutes(signed_in, clock):
    for _ in range(9):
        clock.advance(minutes=20)
        assert signed_in.get(reverse("home")).status_code == 200


def test_a_session_ends_after_10_hours_however_active(signed_in, clock):
    for _ in range(30):
        clock.advance(minutes=20)
        assert signed_in.get(reverse("home")).status_code == 200
    clock.advance(minutes=1)
    response = signed_in.get(reverse("home"), follow=True)
    assert "You were signed out after 10 hours signed in." in response.text
    assert not response.wsgi_request.user.is_authenticated


def test_a_post_after_the_idle_limit_is_not_carried_out(signed_in, clock):
    clock.advance(minutes=31)
    response = signed_in.post(reverse("people-list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


@override_settings(SESSION_IDLE_MINUTES=5, SESSION_MAX_HOURS=1)
def test_the_limits_follow_the_settings(signed_in, clock):
    clock.advance(minutes=4)
    assert signed_in.get(reverse("home")).status_code == 200
    clock.advance(minutes=6)
    response = signed_in.get(reverse("home"), follow=True)
    assert "You were signed out after 5 minutes without activity." in response.text


def test_requests_within_a_minute_do_not_write_the_session(signed_in, clock):
    signed_in.get(reverse("home"))
    clock.advance(minutes=0.5)
    with CaptureQueriesContext(connection) as queries:
        signed_in.get(reverse("home"))
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    clock.advance(minutes=1)
    with CaptureQueriesContext(connection) as queries:
        signed_in.get(reverse("home"))
    assert [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]


def test_the_limits_are_read_from_the_environment():
    environment = {**os.environ, "SESSION_IDLE_MINUTES": "15", "SESSION_MAX_HOURS": "8"}
    script = (
        "import training_site.settings.base as s; "
        "print(s.SESSION_IDLE_MINUTES, s.SESSION_MAX_HOURS, s.SESSION_COOKIE_AGE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["15", "8", "28800"], result.stderr


def test_a_session_limit_that_is_not_a_number_stops_the_site():
    environment = {**os.environ, "SESSION_IDLE_MINUTES": "half an hour"}
    result = subprocess.run(
        [sys.executable, "-c", "import training_site.settings.base"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SESSION_IDLE_MINUTES must be a whole number" in result.stderr

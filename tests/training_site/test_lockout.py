"""Lockout by account and by address apart, and feedback links behind one shared address."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from feedback.services import link_create
from tests.factories.feedback import representative_version, simulation_session, workshop
from tests.factories.training_site import person_with_role
from training_site.models import Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
WARD = "10.20.0.1"
HOME = "203.0.113.40"
BALANCER = "10.0.3.4"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def sign_in(client, email, password, address):
    """Post the sign-in form from one address."""
    data = {"username": email, "password": password}
    return client.post(reverse("login"), data, REMOTE_ADDR=address)


def fail(client, email, times, address):
    """Sign in with the wrong password a number of times."""
    for _ in range(times):
        sign_in(client, email, "not-the-password", address)


@pytest.fixture
def colleagues(practice_a):
    """Ten HCPs who share the ward's connection."""
    return [
        person_with_role(Role.HCP, practice_a, email=f"colleague{number}@example.org")
        for number in range(10)
    ]


def test_a_locked_account_is_locked_from_every_address(client, hcp):
    fail(client, "hcp@example.org", settings.AXES_FAILURE_LIMIT, WARD)
    response = sign_in(client, "hcp@example.org", PASSWORD, HOME)
    assertContains(response, "Too many attempts to sign in", status_code=429)


def test_a_locked_account_does_not_lock_its_address_for_other_accounts(client, hcp, second_hcp):
    fail(client, "hcp@example.org", settings.AXES_FAILURE_LIMIT, WARD)
    assertRedirects(sign_in(client, "hcp2@example.org", PASSWORD, WARD), reverse("home"))


def test_many_people_mistyping_at_one_address_stay_below_its_limit(client, hcp, colleagues):
    for colleague in colleagues:
        fail(client, colleague.email, settings.AXES_FAILURE_LIMIT - 1, WARD)
    assertRedirects(sign_in(client, "hcp@example.org", PASSWORD, WARD), reverse("home"))


def test_an_address_is_locked_after_its_own_limit(client, hcp, colleagues, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 12
    for colleague in colleagues[:4]:
        fail(client, colleague.email, 3, WARD)
    response = sign_in(client, "hcp@example.org", PASSWORD, WARD)
    assertContains(response, "Too many attempts to sign in", status_code=429)
    assertRedirects(sign_in(client, "hcp@example.org", PASSWORD, HOME), reverse("home"))


def test_the_default_address_limit_is_fifty(client, hcp, colleagues):
    for colleague in colleagues:
        fail(client, colleague.email, 4, WARD)
    fail(client, "hcp2@example.org", 3, WARD)
    assertRedirects(sign_in(client, "hcp@example.org", PASSWORD, WARD), reverse("home"))
    client.post(reverse("logout"))
    fail(client, "hcp2@example.org", 7, WARD)
    response = sign_in(client, "hcp@example.org", PASSWORD, WARD)
    assertContains(response, "Too many attempts to sign in", status_code=429)


def test_wrong_codes_lock_the_account_from_every_address(client, trainer):
    TOTPDevice.objects.create(user=trainer, name="Authenticator app", confirmed=True)
    sign_in(client, "trainer@example.org", PASSWORD, WARD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("second-factor"), {"code": "000000x"}, REMOTE_ADDR=WARD)
    response = sign_in(Client(), "trainer@example.org", PASSWORD, HOME)
    assertContains(response, "Too many attempts to sign in", status_code=429)


def test_wrong_codes_count_towards_the_address_limit(client, trainer, hcp, settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 4
    TOTPDevice.objects.create(user=trainer, name="Authenticator app", confirmed=True)
    sign_in(client, "trainer@example.org", PASSWORD, WARD)
    for _ in range(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT):
        client.post(reverse("second-factor"), {"code": "000000x"}, REMOTE_ADDR=WARD)
    response = sign_in(Client(), "hcp@example.org", PASSWORD, WARD)
    assertContains(response, "Too many attempts to sign in", status_code=429)


def test_the_address_limit_is_read_from_the_environment():
    script = "import training_site.settings.base as s; print(s.SIGN_IN_ADDRESS_FAILURE_LIMIT)"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env={**os.environ, "SIGN_IN_ADDRESS_FAILURE_LIMIT": "80"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["80"], result.stderr


def test_people_behind_a_trusted_balancer_are_locked_out_by_their_own_address(
    client, hcp, colleagues, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/16"]
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 12
    for colleague in colleagues[:4]:
        for _ in range(3):
            client.post(
                reverse("login"),
                {"username": colleague.email, "password": "not-the-password"},
                REMOTE_ADDR=BALANCER,
                HTTP_X_FORWARDED_FOR=WARD,
            )
    response = client.post(
        reverse("login"),
        {"username": "hcp@example.org", "password": PASSWORD},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=HOME,
    )
    assertRedirects(response, reverse("home"))


def link_url(token):
    """The address a feedback link opens."""
    return reverse("feedback:respond", args=[token])


@pytest.fixture
def feedback_link(site_a, trainer, hcp):
    """The token of a link a representative was given for a consultation under way."""
    representative_version()
    session = simulation_session(workshop(site_a, trainers=[trainer]), hcp)
    _link, token = link_create(session=session, actor=trainer)
    return token


def guess(client, times, address):
    """Open links nobody made, through the balancer, from one address behind it."""
    for number in range(times):
        client.get(link_url(f"guess-{number}"), REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=address)


def test_a_valid_feedback_link_works_after_many_guesses_from_its_address(
    client, feedback_link, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/16"]
    cache.clear()
    guess(client, 25, WARD)
    refused = client.get(link_url("guess-x"), REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=WARD)
    assertContains(refused, "Too many links tried", status_code=429)
    page = client.get(link_url(feedback_link), REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=WARD)
    assert page.status_code == 200
    cache.clear()


def test_guesses_from_one_address_behind_the_balancer_do_not_slow_another(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/16"]
    cache.clear()
    guess(client, 25, WARD)
    page = client.get(link_url("mistyped"), REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=HOME)
    assertContains(page, "This link does not work", status_code=404)
    cache.clear()

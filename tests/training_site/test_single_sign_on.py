"""Signing in with the organisation account: the whole code flow against a real provider."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.factories.training_site import UserFactory
from tests.oidc_provider.accounts import PASSWORD
from training_site.models import AuditAction, AuditEvent, User
from training_site.onboarding import sign_in_link_path, sign_in_link_send

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def sign_in_at_provider(client, username, next_page=None):
    """Go to the provider from the site, sign in there as a browser would, and come back."""
    query = {"next": next_page} if next_page else {}
    start = client.get(reverse("single-sign-on"), query)
    assert start.status_code == 302
    browser = requests.Session()
    authorize = browser.get(start["Location"], allow_redirects=False)
    sign_in_page = urljoin(start["Location"], authorize.headers["Location"])
    browser.get(sign_in_page).raise_for_status()
    signed_in = browser.post(
        sign_in_page,
        data={
            "username": username,
            "password": PASSWORD,
            "next": parse_qs(urlsplit(sign_in_page).query)["next"][0],
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert signed_in.status_code == 302, signed_in.text
    back = browser.get(urljoin(sign_in_page, signed_in.headers["Location"]), allow_redirects=False)
    assert back.headers["Location"].startswith(f"{SITE}{reverse('single-sign-on-return')}?")
    return client.get(back.headers["Location"].removeprefix(SITE))


def signed_in_person(client):
    """Return the pk of the person the client's session belongs to, or None."""
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id else None


def last_event():
    """Return the newest audit event."""
    return AuditEvent.objects.first()


def test_person_signs_in_by_verified_email_whatever_its_letter_case(client, single_sign_on, hcp):
    response = sign_in_at_provider(client, "hana")
    assertRedirects(response, reverse("home"))
    assert signed_in_person(client) == hcp.pk
    assertContains(client.get(reverse("home")), "Hana")


def test_sign_in_is_recorded_as_with_the_organisation_account(client, single_sign_on, hcp):
    sign_in_at_provider(client, "hana")
    event = last_event()
    assert (event.action, event.actor, event.summary) == (
        AuditAction.SIGN_IN,
        hcp,
        "With the organisation account",
    )


def test_sign_in_returns_to_the_page_asked_for(client, single_sign_on, hcp):
    response = sign_in_at_provider(client, "hana", next_page=reverse("account"))
    assertRedirects(response, reverse("account"))


def test_sign_in_never_returns_to_another_site(client, single_sign_on, hcp):
    response = sign_in_at_provider(client, "hana", next_page="https://elsewhere.example.com/")
    assertRedirects(response, reverse("home"))


def test_unmatched_email_gets_a_clear_page_and_no_account(client, single_sign_on, hcp):
    people = User.objects.count()
    response = sign_in_at_provider(client, "nadia")
    assert response.status_code == 403
    assertContains(
        response, "Your organisation account is not linked to a training account", status_code=403
    )
    assertContains(response, "new.starter@example.org", status_code=403)
    assertContains(response, "Ask your manager or your site", status_code=403)
    assert signed_in_person(client) is None
    assert User.objects.count() == people


def test_unmatched_sign_in_is_recorded_as_a_failure(client, single_sign_on, hcp):
    sign_in_at_provider(client, "nadia")
    event = last_event()
    assert (event.action, event.summary) == (
        AuditAction.SIGN_IN_FAILED,
        "Organisation account not linked to a training account: new.starter@example.org",
    )


def test_operator_may_let_the_provider_make_accounts_without_roles(client, single_sign_on):
    single_sign_on.OIDC_CREATE_USER = True
    response = sign_in_at_provider(client, "nadia")
    assertRedirects(response, reverse("home"))
    person = User.objects.get(email="new.starter@example.org")
    assert (person.first_name, person.last_name) == ("Nadia", "Newman")
    assert signed_in_person(client) == person.pk
    assert not person.memberships.exists()
    assert not person.has_usable_password()
    assert last_event().summary == "With the organisation account; account made from it"


def test_unverified_email_is_refused_even_when_it_matches(client, single_sign_on, second_hcp):
    response = sign_in_at_provider(client, "harry")
    assertContains(
        response, "Your organisation has not confirmed your email address", status_code=403
    )
    assert signed_in_person(client) is None
    assert last_event().summary == (
        "Organisation account without a verified email: hcp2@example.org"
    )


def test_closed_account_is_refused(client, single_sign_on, hcp):
    User.objects.filter(pk=hcp.pk).update(is_active=False)
    response = sign_in_at_provider(client, "hana")
    assertContains(response, "This training account has been closed", status_code=403)
    assert signed_in_person(client) is None


def test_refusals_never_lock_out_the_place_they_come_from(client, single_sign_on, hcp):
    for _ in range(single_sign_on.AXES_FAILURE_LIMIT + 1):
        sign_in_at_provider(client, "nadia")
    assertRedirects(sign_in_at_provider(client, "hana"), reverse("home"))


def test_privileged_person_still_sets_up_its_authenticator_app(client, single_sign_on, trainer):
    sign_in_at_provider(client, "tess")
    assert signed_in_person(client) == trainer.pk
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("second-factor-set-up"))


def test_privileged_person_with_an_app_still_enters_its_code(client, single_sign_on, trainer):
    TOTPDevice.objects.create(user=trainer, name="Authenticator app", confirmed=True)
    sign_in_at_provider(client, "tess")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("second-factor"))


def test_provider_multi_factor_is_ignored_unless_the_operator_allows(
    client, single_sign_on, manager
):
    sign_in_at_provider(client, "maya")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("second-factor-set-up"))


def test_provider_multi_factor_stands_in_for_the_app_where_allowed(client, single_sign_on, manager):
    single_sign_on.OIDC_SATISFIES_SECOND_FACTOR = True
    sign_in_at_provider(client, "maya")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assertContains(response, "Maya")


def test_allowing_the_provider_needs_its_word_that_it_asked_for_two_factors(
    client, single_sign_on, trainer
):
    single_sign_on.OIDC_SATISFIES_SECOND_FACTOR = True
    sign_in_at_provider(client, "tess")
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("second-factor-set-up"))


@pytest.fixture
def configured_endpoints(single_sign_on, identity_provider):
    """Single sign-on with each endpoint set by hand instead of discovered."""
    single_sign_on.OIDC_PROVIDER_URL = None
    single_sign_on.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{identity_provider}/authorize"
    single_sign_on.OIDC_OP_TOKEN_ENDPOINT = f"{identity_provider}/token"
    single_sign_on.OIDC_OP_USER_ENDPOINT = f"{identity_provider}/userinfo"
    single_sign_on.OIDC_OP_JWKS_ENDPOINT = f"{identity_provider}/jwks"
    return single_sign_on


def test_endpoints_set_by_hand_work_without_discovery(client, configured_endpoints, hcp):
    assertRedirects(sign_in_at_provider(client, "hana"), reverse("home"))
    assert signed_in_person(client) == hcp.pk


def test_id_token_from_another_issuer_is_refused(client, configured_endpoints, hcp):
    configured_endpoints.OIDC_PROVIDER_URL = "https://login.example.com/another-tenant"
    response = sign_in_at_provider(client, "hana")
    assertContains(
        response, "Signing in with your organisation account is not working", status_code=503
    )
    assert signed_in_person(client) is None
    assert last_event().summary == "Organisation sign-in could not be checked"


def test_cancelled_sign_in_at_the_provider_gets_a_clear_page(client, single_sign_on):
    response = client.get(reverse("single-sign-on-return"), {"error": "access_denied"})
    assertContains(response, "You did not finish signing in", status_code=400)
    assert (last_event().action, last_event().summary) == (
        AuditAction.SIGN_IN_FAILED,
        "Organisation sign-in not finished",
    )


def test_a_return_this_browser_did_not_start_gets_a_clear_page(client, single_sign_on):
    client.get(reverse("single-sign-on"))
    response = client.get(reverse("single-sign-on-return"), {"code": "x", "state": "forged"})
    assertContains(response, "You did not finish signing in", status_code=400)
    assert signed_in_person(client) is None


def test_unreachable_provider_gets_a_clear_page(client, single_sign_on):
    single_sign_on.OIDC_PROVIDER_URL = "http://127.0.0.1:9"
    response = client.get(reverse("single-sign-on"))
    assertContains(
        response, "Signing in with your organisation account is not working", status_code=503
    )


def test_sign_in_page_offers_the_organisation_account_by_name(client, single_sign_on):
    response = client.get(reverse("login"), {"next": reverse("account")})
    assertContains(response, "Sign in with your organisation account (Test Trust)")
    assertContains(response, f'href="{reverse("single-sign-on")}?next=%2Faccount%2F"')
    assertContains(response, 'name="password"')


def test_password_sign_in_still_works_beside_single_sign_on(client, single_sign_on, hcp):
    response = client.post(
        f"{reverse('login')}?code=stray&state=stray",
        {"username": hcp.email, "password": "correct-horse-battery"},
    )
    assertRedirects(response, reverse("home"))
    assert signed_in_person(client) == hcp.pk
    assert (last_event().action, last_event().summary) == (AuditAction.SIGN_IN, "")


def test_without_single_sign_on_its_pages_are_not_found(client, hcp):
    assert client.get(reverse("single-sign-on")).status_code == 404
    assert client.get(reverse("single-sign-on-return")).status_code == 404
    assertNotContains(client.get(reverse("login")), "organisation account")


def test_content_admin_sign_in_goes_to_the_site_sign_in_with_single_sign_on(client, single_sign_on):
    response = client.get("/cms/login/", {"next": "/cms/pages/"})
    assertRedirects(response, f"{reverse('login')}?next=%2Fcms%2Fpages%2F")


@pytest.fixture
def password_sign_in_off(single_sign_on):
    """Single sign-on only: password sign-in turned off for the deployment."""
    single_sign_on.PASSWORD_SIGN_IN = False
    return single_sign_on


def test_with_password_sign_in_off_the_page_has_no_password_form(client, password_sign_in_off):
    response = client.get(reverse("login"))
    assertContains(response, "Sign in with your organisation account")
    assertNotContains(response, 'name="password"')
    assertNotContains(response, "Forgotten your password")


def test_with_password_sign_in_off_a_right_password_is_refused(client, password_sign_in_off, hcp):
    response = client.post(
        reverse("login"), {"username": hcp.email, "password": "correct-horse-battery"}
    )
    assertContains(response, "Signing in with a password is turned off for this site.")
    assertNotContains(response, 'name="password"')
    assert signed_in_person(client) is None
    assert last_event().action == AuditAction.SIGN_IN_FAILED


def test_with_password_sign_in_off_the_organisation_account_still_works(
    client, password_sign_in_off, hcp
):
    assertRedirects(sign_in_at_provider(client, "hana"), reverse("home"))


def test_break_glass_superuser_signs_in_with_password_and_then_its_app(
    client, password_sign_in_off
):
    superuser = UserFactory(email="emergency@example.org", is_superuser=True, is_staff=True)
    page = client.get(reverse("password-sign-in"))
    assertContains(page, "Emergency access only")
    response = client.post(
        reverse("password-sign-in"),
        {"username": superuser.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert signed_in_person(client) == superuser.pk
    assert client.get(reverse("home"))["Location"].startswith(reverse("second-factor-set-up"))


def test_break_glass_page_refuses_everyone_else(client, password_sign_in_off, admin):
    response = client.post(
        reverse("password-sign-in"), {"username": admin.email, "password": "correct-horse-battery"}
    )
    assertContains(response, "Enter a correct email address and password")
    assert signed_in_person(client) is None


def test_with_password_sign_in_off_the_welcome_email_points_to_the_organisation_account(
    password_sign_in_off, hcp
):
    sign_in_link_send(hcp, welcome=True)
    message = mail.outbox[0]
    assert message.subject == "Welcome to Year of Care training"
    assert "Sign in with your organisation account (Test Trust)" in message.body
    assert f"http://127.0.0.1:8000{reverse('login')}" in message.body
    assert "/account/welcome/" not in message.body


def test_with_password_sign_in_off_an_old_sign_in_link_leads_to_the_sign_in_page(
    client, password_sign_in_off, hcp
):
    response = client.get(sign_in_link_path(hcp), follow=True)
    assertRedirects(response, reverse("login"))
    assertContains(response, "Sign in with your organisation account.")
    assertNotContains(response, 'name="new_password1"')


def test_with_password_sign_in_off_the_content_admin_form_is_not_offered(
    client, password_sign_in_off
):
    response = client.get("/cms/login/")
    assert response["Location"].startswith(reverse("login"))


def settings_read_with(module="test", **variables):
    """Import the settings in a fresh process with the given single sign-on variables."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("OIDC_") and name != "PASSWORD_SIGN_IN"
    }
    environment.update(DJANGO_SETTINGS_MODULE=f"training_site.settings.{module}", **variables)
    code = (
        f"from training_site.settings import {module} as s; "
        "print(s.SINGLE_SIGN_ON, s.PASSWORD_SIGN_IN)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_single_sign_on_is_off_unless_configured():
    assert settings_read_with().stdout.split() == ["False", "True"]


def test_provider_address_and_client_turn_single_sign_on_on():
    result = settings_read_with(
        OIDC_PROVIDER_URL="https://login.example.com/tenant/v2.0",
        OIDC_CLIENT_ID="training",
        OIDC_CLIENT_SECRET="secret",
        PASSWORD_SIGN_IN="false",
    )
    assert result.stdout.split() == ["True", "False"]


def test_provider_without_client_refuses_to_start():
    result = settings_read_with(OIDC_PROVIDER_URL="https://login.example.com/tenant/v2.0")
    assert "Set the OIDC_CLIENT_ID environment variable." in result.stderr


def test_some_endpoints_without_the_rest_refuse_to_start():
    result = settings_read_with(OIDC_TOKEN_ENDPOINT="https://login.example.com/token")
    assert "missing: OIDC_AUTHORIZATION_ENDPOINT, OIDC_USERINFO_ENDPOINT, OIDC_JWKS_ENDPOINT" in (
        result.stderr
    )


def test_password_sign_in_off_without_single_sign_on_refuses_to_start():
    result = settings_read_with(PASSWORD_SIGN_IN="false")
    assert "PASSWORD_SIGN_IN=false leaves no way to sign in" in result.stderr


def test_production_reaches_the_provider_over_https_only():
    production = {
        "SECRET_KEY": "a-long-random-secret-key-for-this-check-only",
        "ALLOWED_HOSTS": "training.example.org",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "BASE_URL": "https://training.example.org",
        "OIDC_CLIENT_ID": "training",
        "OIDC_CLIENT_SECRET": "secret",
    }
    plain = settings_read_with(
        "production", OIDC_PROVIDER_URL="http://login.example.com/tenant", **production
    )
    secure = settings_read_with(
        "production", OIDC_PROVIDER_URL="https://login.example.com/tenant", **production
    )
    assert "OIDC_PROVIDER_URL must start with https:// in production." in plain.stderr
    assert secure.stdout.split() == ["True", "True"]

"""Two-step sign-in through the real form: set-up, codes, recovery codes, lockout and reset."""

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects
from wagtail.models import ModelLogEntry

from training_site.second_factor import RESET_ACTION, issue_recovery_codes

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def sign_in(client, email, password=PASSWORD):
    """Post the sign-in form as a browser would."""
    return client.post(reverse("login"), {"username": email, "password": password})


def app_of(person):
    """Give a person a confirmed authenticator app."""
    return TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)


def code_now(device):
    """Return the code the person's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    """Return a six-digit code that is not the one the app shows."""
    return f"{(int(code_now(device)) + 500000) % 1000000:06d}"


def test_trainer_without_an_app_is_sent_to_set_up(client, trainer):
    response = sign_in(client, "trainer@example.org")
    assertRedirects(response, reverse("home"), fetch_redirect_response=False)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("second-factor-set-up"))


def test_trainer_with_an_app_is_asked_for_a_code_and_kept_from_other_pages(client, trainer):
    app_of(trainer)
    sign_in(client, "trainer@example.org")
    for page in ("/", "/cms/"):
        response = client.get(page)
        assert response.status_code == 302
        assert response.url.startswith(reverse("second-factor"))
    assertContains(client.get(reverse("second-factor")), "Enter the code from your authenticator")


def test_trainer_lands_home_after_a_correct_code(client, trainer):
    device = app_of(trainer)
    sign_in(client, "trainer@example.org")
    response = client.post(reverse("second-factor"), {"code": code_now(device), "next": "/"})
    assertRedirects(response, reverse("home"))
    assertContains(client.get(reverse("home")), "Tess")


def test_hcp_is_not_asked_for_a_code(client, hcp):
    assertRedirects(sign_in(client, "hcp@example.org"), reverse("home"))
    assertContains(client.get(reverse("home")), "Hello, Hana")


def test_wrong_codes_lock_the_account_though_the_password_was_right(client, trainer):
    device = app_of(trainer)
    sign_in(client, "trainer@example.org")
    responses = [
        client.post(reverse("second-factor"), {"code": wrong_code(device)})
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert responses[0].status_code == 200
    assertContains(responses[0], "The code is not right")
    assert responses[-1].status_code == 429
    response = client.post(reverse("second-factor"), {"code": code_now(device)})
    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_a_recovery_code_works_once(client, trainer):
    app_of(trainer)
    code = issue_recovery_codes(trainer)[0]
    sign_in(client, "trainer@example.org")
    response = client.post(reverse("second-factor-recovery"), {"code": code, "next": "/"})
    assertRedirects(response, reverse("home"))
    client.post(reverse("logout"))
    sign_in(client, "trainer@example.org")
    response = client.post(reverse("second-factor-recovery"), {"code": code, "next": "/"})
    assertContains(response, "The code is not right")
    assert client.get("/").status_code == 302


def test_network_admin_reset_removes_the_devices_and_is_logged(client, admin, trainer):
    app_of(trainer)
    issue_recovery_codes(trainer)
    client.force_login(admin)
    response = client.post(reverse("second-factor-reset", args=[trainer.pk]))
    assertRedirects(response, reverse("person-detail", args=[trainer.pk]))
    assert not TOTPDevice.objects.filter(user=trainer).exists()
    assert not StaticDevice.objects.filter(user=trainer).exists()
    entry = ModelLogEntry.objects.get(action=RESET_ACTION, object_id=str(trainer.pk))
    assert entry.user == admin


def test_manager_cannot_reset(client, manager, trainer):
    app_of(trainer)
    client.force_login(manager)
    response = client.post(reverse("second-factor-reset", args=[trainer.pk]))
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=trainer, confirmed=True).exists()
    assert not ModelLogEntry.objects.filter(action=RESET_ACTION).exists()


def test_reset_by_get_is_not_allowed(client, admin, trainer):
    app_of(trainer)
    client.force_login(admin)
    response = client.get(reverse("second-factor-reset", args=[trainer.pk]))
    assert response.status_code == 405
    assert TOTPDevice.objects.filter(user=trainer).exists()

"""Two-step sign-in: who must use an authenticator app, its devices, codes and recovery codes.

Network administrators, managers, trainers and anyone with content-admin access must confirm
each sign-in with a code from an authenticator app; an HCP may choose to. A wrong code counts
towards the sign-in lockout like a wrong password. A sign-in with the organisation account
counts as confirmed only where the operator allows it and the identity provider said it asked
for more than one factor (see ``single_sign_on``).
"""

from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from training_site.models import Role
from training_site.scoping import RUNNING_ROLES, has_role
from training_site.single_sign_on import CONFIRMED_BY_PROVIDER

RECOVERY_CODE_COUNT = 10
RESET_ACTION = "training_site.second_factor_reset"
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def second_factor_required(user):
    """Say whether a person must confirm each sign-in with a code."""
    return bool(
        user.is_authenticated
        and (
            user.is_staff
            or user.is_superuser
            or has_role(user, *RUNNING_ROLES)
            or user.has_perm("wagtailadmin.access_admin")
        )
    )


def has_second_factor(user):
    """Say whether a person has a confirmed authenticator app or recovery codes."""
    return user.is_authenticated and user_has_device(user, confirmed=True)


def is_verified(request):
    """Say whether this session's sign-in was confirmed with a code, or by the provider.

    The organisation's identity provider stands in for the code only where the operator
    allows it and the provider's ID token said it used more than one factor.
    """
    if getattr(request.user, "is_verified", lambda: False)():
        return True
    session = getattr(request, "session", None)
    return bool(
        settings.OIDC_SATISFIES_SECOND_FACTOR
        and session is not None
        and session.get(CONFIRMED_BY_PROVIDER)
    )


def secret_of(device):
    """Return an app device's secret as the base32 text an authenticator app accepts."""
    return b32encode(device.bin_key).decode()


def qr_code_svg(device):
    """Return the QR code an authenticator app scans to add the device, as inline SVG."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR code")


@transaction.atomic
def app_device_to_confirm(user):
    """Return the person's unconfirmed authenticator app device, making one if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirmed_app_device(user):
    """Return the person's confirmed authenticator app, adding one with a random key if none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)


@transaction.atomic
def confirm_app_device(request, device, code):
    """Confirm a new app device with its first code; return fresh recovery codes, or None."""
    if not device.verify_token(code.strip()):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return issue_recovery_codes(device.user)


@transaction.atomic
def issue_recovery_codes(user):
    """Replace a person's recovery codes with new single-use ones and return them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_code(request, code, *, recovery=False):
    """Check a code against the person's app, or its recovery codes; mark the session verified.

    A wrong code is reported to the lockout as a failed sign-in. Returns whether it matched.
    """
    model = StaticDevice if recovery else TOTPDevice
    code = code.strip().replace(" ", "")
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=request.user, confirmed=True):
            if device.verify_token(code):
                otp_login(request, device)
                return True
    user_login_failed.send(
        sender=__name__, credentials={"username": request.user.email}, request=request
    )
    return False


def is_locked_out(request):
    """Say whether too many wrong passwords or codes have locked this person out for now."""
    return getattr(request, "axes_locked_out", False) or AxesProxyHandler.is_locked(
        request, {"username": request.user.email}
    )


def forget_failures(user):
    """Clear a person's failed sign-in attempts once both password and code were right."""
    reset_axes(username=user.email.strip().lower())


@transaction.atomic
def reset_second_factor(*, person, by):
    """Remove a person's devices so it sets up two-step sign-in again; record who did it."""
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    log(instance=person, action=RESET_ACTION, user=by)


def may_reset_second_factor(user):
    """Say whether a person may reset others' two-step sign-in: network administrators."""
    return user.is_superuser or has_role(user, Role.NETWORK_ADMIN)


class SecondFactorMiddleware:
    """Keep a person who must confirm its sign-in away from every other page until it has."""

    OPEN_NAMES = ("second-factor", "second-factor-recovery", "second-factor-set-up", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or is_verified(request) or self.is_open(request):
            return self.get_response(request)
        if has_second_factor(user):
            return self.send_to(request, "second-factor")
        if second_factor_required(user):
            return self.send_to(request, "second-factor-set-up")
        return self.get_response(request)

    def is_open(self, request):
        """Say whether the page is one a person needs while confirming its sign-in."""
        paths = [reverse(name) for name in self.OPEN_NAMES]
        return request.path in paths or request.path.startswith("/static/")

    @staticmethod
    def send_to(request, name):
        """Redirect to a step of two-step sign-in, keeping the page asked for."""
        if request.method == "GET" and url_has_allowed_host_and_scheme(
            request.get_full_path(), allowed_hosts={request.get_host()}
        ):
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return redirect(name)

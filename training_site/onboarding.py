"""Welcome emails and one-time sign-in links that let a new person set its password."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from training_site.emails import email_send


class SignInLinkTokens(PasswordResetTokenGenerator):
    """Tokens bound to the password and last sign-in, so a link stops working once used."""

    key_salt = "training_site.onboarding.SignInLinkTokens"

    def state(self, user, token):
        """Say whether a token is 'valid', 'expired', 'used' or 'invalid' for a person."""
        timestamp = _timestamp(token)
        if user is None or timestamp is None:
            return "invalid"
        matches = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        if not matches:
            return "used" if user.last_login or user.has_usable_password() else "invalid"
        age = self._num_seconds(self._now()) - timestamp
        return "expired" if age > settings.SIGN_IN_LINK_DAYS * 24 * 60 * 60 else "valid"

    def check_token(self, user, token):
        """Accept only a token that is still valid."""
        return self.state(user, token) == "valid"


sign_in_link_tokens = SignInLinkTokens()


def _timestamp(token):
    """Return the time a token was made, or None if it is not shaped like one."""
    try:
        stamp, _ = str(token).split("-", 1)
        return base36_to_int(stamp) if len(stamp) <= 6 else None
    except ValueError:
        return None


def sign_in_link_path(person):
    """Return the path of a fresh one-time sign-in link for a person."""
    return reverse(
        "sign-in-link",
        args=[
            urlsafe_base64_encode(force_bytes(person.pk)),
            sign_in_link_tokens.make_token(person),
        ],
    )


def sign_in_link_send(person, *, welcome=False):
    """Email a person a one-time link to set its password, or, without passwords, the way in."""
    passwords = settings.PASSWORD_SIGN_IN
    subject = f"Your link to sign in to {settings.SERVICE_NAME}"
    if welcome:
        subject = f"Welcome to {settings.SERVICE_NAME}{': set your password' if passwords else ''}"
    email_send(
        to=person.email,
        subject=subject,
        template="training_site/emails/sign_in_link",
        context={
            "person": person,
            "welcome": welcome,
            "path": sign_in_link_path(person) if passwords else reverse("login"),
            "days": settings.SIGN_IN_LINK_DAYS,
            "password_sign_in": passwords,
            "provider_name": settings.OIDC_PROVIDER_NAME,
        },
    )


def welcome_send(people):
    """Send each new person its welcome email with a sign-in link; return how many were sent."""
    count = 0
    for person in people:
        if person.is_active:
            sign_in_link_send(person, welcome=True)
            count += 1
    return count


def sign_in_links_send(people):
    """Send a sign-in link to each of the people; return how many were sent."""
    count = 0
    for person in people:
        sign_in_link_send(person)
        count += 1
    return count

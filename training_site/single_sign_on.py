"""Single sign-on with the organisation's identity provider over OpenID Connect.

The provider says who a person is; the training site decides whether that person has an
account here. A person is matched by an email address the provider has verified, whatever
its letter case; an account is made only where the operator allows it (``OIDC_CREATE_USERS``).
Roles always come from memberships, never from the provider. A privileged person still
confirms the sign-in with its authenticator app, unless ``OIDC_SATISFIES_SECOND_FACTOR`` is on
and the ID token says the provider itself asked for more than one factor.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

logger = logging.getLogger(__name__)

BACKEND = "training_site.single_sign_on.SingleSignOnBackend"
CONFIRMED_BY_PROVIDER = "second_factor_confirmed_by_provider"
MULTI_FACTOR_AMR = "mfa"
DISCOVERY_PATH = "/.well-known/openid-configuration"
# Setting name -> the key that names the same endpoint in the provider's discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderUnreachable(Exception):
    """The identity provider could not be asked, or answered with something unusable."""


@dataclass(frozen=True)
class Refusal:
    """Why a return from the identity provider did not sign anyone in."""

    reason: str
    email: str = ""

    UNLINKED = "unlinked"
    UNVERIFIED = "unverified"
    CLOSED = "closed"
    PROVIDER_ERROR = "provider_error"
    UNFINISHED = "unfinished"

    @property
    def heading(self):
        """Say what went wrong, as the page's heading."""
        return {
            self.UNLINKED: "Your organisation account is not linked to a training account",
            self.UNVERIFIED: "Your organisation has not confirmed your email address",
            self.CLOSED: "This training account has been closed",
            self.PROVIDER_ERROR: "Signing in with your organisation account is not working",
            self.UNFINISHED: "You did not finish signing in",
        }[self.reason]

    @property
    def summary(self):
        """Say what happened in a line of the audit record."""
        text = {
            self.UNLINKED: "Organisation account not linked to a training account",
            self.UNVERIFIED: "Organisation account without a verified email",
            self.CLOSED: "Organisation account of a closed training account",
            self.PROVIDER_ERROR: "Organisation sign-in could not be checked",
            self.UNFINISHED: "Organisation sign-in not finished",
        }[self.reason]
        return f"{text}: {self.email}" if self.email else text


def refuse(request, reason, email=""):
    """Note on the request why its sign-in is refused, for the page and the audit record."""
    request.sign_in_refusal = Refusal(reason, email)


def refusal_of(request):
    """Return why this request's sign-in through the provider was refused, or None."""
    return getattr(request, "sign_in_refusal", None)


def is_provider_return(request, credentials=None):
    """Say whether the request is the provider's return, where failures never lock anyone out."""
    return request is not None and request.path == reverse("single-sign-on-return")


@lru_cache(maxsize=4)
def discovery_document(issuer, timeout):
    """Return the provider's published configuration, asked for once per process."""
    try:
        response = requests.get(issuer.rstrip("/") + DISCOVERY_PATH, timeout=timeout)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnreachable(type(error).__name__) from error
    if not isinstance(document, dict) or not all(key in document for key in ENDPOINTS.values()):
        raise ProviderUnreachable("The discovery document lacks endpoints.")
    return document


def provider_setting(name):
    """Return an endpoint of the provider: the one configured, else the one it publishes."""
    value = getattr(settings, name, None)
    if value:
        return value
    if not settings.OIDC_PROVIDER_URL:
        raise ProviderUnreachable(f"{name} is not configured.")
    return discovery_document(settings.OIDC_PROVIDER_URL, settings.OIDC_TIMEOUT)[ENDPOINTS[name]]


def expected_issuer():
    """Return the issuer an ID token must name, where the provider's address is configured."""
    if not settings.OIDC_PROVIDER_URL:
        return None
    if all(getattr(settings, name, None) for name in ENDPOINTS):
        return settings.OIDC_PROVIDER_URL.rstrip("/")
    return discovery_document(settings.OIDC_PROVIDER_URL, settings.OIDC_TIMEOUT)["issuer"]


def provider_confirmed_second_factor(id_token_claims):
    """Say whether the provider's sign-in may stand in for the authenticator app."""
    if not settings.OIDC_SATISFIES_SECOND_FACTOR:
        return False
    amr = id_token_claims.get("amr") or []
    amr = [amr] if isinstance(amr, str) else amr
    acr = id_token_claims.get("acr")
    return MULTI_FACTOR_AMR in amr or (
        acr is not None and acr in settings.OIDC_MULTI_FACTOR_ACR_VALUES
    )


def is_verified_email(claims):
    """Say whether the provider vouches for the email address it sent."""
    return claims.get("email_verified") in (True, "true")


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Sign in the person whose verified email the provider sent; never make one unless allowed."""

    def __init__(self, *args, **kwargs):
        """Read nothing yet: the backend is also loaded for every signed-in request."""
        self.UserModel = get_user_model()

    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider_setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider_setting("OIDC_OP_JWKS_ENDPOINT"))

    def authenticate(self, request, **kwargs):
        """Finish the provider's sign-in; a password attempt never reaches the provider."""
        if (
            not settings.SINGLE_SIGN_ON
            or not is_provider_return(request)
            or "nonce" not in kwargs
            or set(kwargs) - {"nonce", "code_verifier"}
        ):
            return None
        try:
            person = super().authenticate(request, **kwargs)
        except (
            requests.RequestException,
            ProviderUnreachable,
            SuspiciousOperation,
            jwt.PyJWTError,
            ValueError,
            KeyError,
        ) as error:
            logger.warning("Single sign-on could not be checked: %s", type(error).__name__)
            person = None
        if person is None and refusal_of(request) is None:
            refuse(request, Refusal.PROVIDER_ERROR)
        return person

    def verify_token(self, token, **kwargs):
        """Check the ID token's signature and nonce, and that it was issued for this site."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:
            audience = payload.get("aud")
            audiences = audience if isinstance(audience, list) else [audience]
            if settings.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("The ID token was issued for another client.")
            issuer = expected_issuer()
            if issuer is not None and payload.get("iss") != issuer:
                raise SuspiciousOperation("The ID token was issued by another provider.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        """Return the person whose verified email the provider sent, or None with the reason."""
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        email = self.UserModel.objects.normalize_email(claims.get("email"))
        if not email or not is_verified_email(claims):
            refuse(self.request, Refusal.UNVERIFIED, email)
            return None
        person = self.UserModel.objects.filter(email__iexact=email).first()
        if person is None and settings.OIDC_CREATE_USER:
            person = self.create_user({**claims, "email": email})
        if person is None:
            refuse(self.request, Refusal.UNLINKED, email)
            return None
        if not person.is_active:
            refuse(self.request, Refusal.CLOSED, email)
            return None
        self.request.provider_confirmed_second_factor = provider_confirmed_second_factor(payload)
        return person

    def create_user(self, claims):
        """Make an account with no role and no password for a person the provider vouches for."""
        email = claims["email"]
        person = self.UserModel.objects.create_user(
            email,
            first_name=(claims.get("given_name") or email.split("@")[0])[:150],
            last_name=(claims.get("family_name") or "")[:150],
        )
        person.made_by_single_sign_on = True
        return person

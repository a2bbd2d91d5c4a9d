"""Settings for a live service: refuses to start without its secrets, hosts, mail and address."""

from django.core.exceptions import ImproperlyConfigured

from training_site.env import env_bool, env_choice, env_int, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)

# Password-reset and sign-in links must reach people, never a log, and must use HTTPS.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", required=True)
if EMAIL_BACKEND in {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND must send emails in production, not {EMAIL_BACKEND!r}; "
        "set it to django.core.mail.backends.smtp.EmailBackend."
    )
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", required=True).rstrip("/")
if not WAGTAILADMIN_BASE_URL.lower().startswith("https://"):
    raise ImproperlyConfigured(
        f"BASE_URL must start with https:// in production, not {WAGTAILADMIN_BASE_URL!r}."
    )

# The identity provider is reached over HTTPS only.
for _name, _address in {
    "OIDC_PROVIDER_URL": OIDC_PROVIDER_URL,  # noqa: F405
    "OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,  # noqa: F405
    "OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,  # noqa: F405
    "OIDC_USERINFO_ENDPOINT": OIDC_OP_USER_ENDPOINT,  # noqa: F405
    "OIDC_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,  # noqa: F405
}.items():
    if _address and not _address.lower().startswith("https://"):
        raise ImproperlyConfigured(f"{_name} must start with https:// in production.")

# One JSON object per line, for the platform's log collector.
LOG_FORMAT = env_choice("LOG_FORMAT", ("text", "json"), "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

MIDDLEWARE = [
    MIDDLEWARE[0],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "training_site.staticfiles.StaticFilesStorage"},
}

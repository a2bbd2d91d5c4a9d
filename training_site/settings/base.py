"""Settings shared by every environment; values that vary are read from the environment."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from training_site.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_networks,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-not-for-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "training_site",
    "competences",
    "curriculum",
    "workshops",
    "simulations",
    "quality",
    "feedback",
    "portfolio",
    "wagtailnhsukfrontend",
    "wagtailnhsukfrontend.forms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "training_site.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tables2",
    "django_filters",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "training_site.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "training_site.session_limits.SessionLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "training_site.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "training_site.urls"
WSGI_APPLICATION = "training_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "training_site.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "training_site.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "training_site.single_sign_on.SingleSignOnBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# A signed-in session ends after this long without a request, and after a shift at most.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 10, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
# A welcome or sign-in link works once, for this many days.
SIGN_IN_LINK_DAYS = env_int("SIGN_IN_LINK_DAYS", 7, minimum=1)

# A request's address is the connecting one, unless it came through these proxies (one entry,
# an address or a range, per proxy in front of the site, outermost first): then X-Forwarded-For
# names the address before them. None set: X-Forwarded-For is ignored.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# Repeated failed sign-ins for one email address are refused for a while, and so are all
# sign-ins from one address after many more failures there (a shared proxy is one address).
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5, minimum=1)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env_int("SIGN_IN_ADDRESS_FAILURE_LIMIT", 50, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_COOLOFF_MINUTES", 15, minimum=1))
AXES_HANDLER = "training_site.lockout.SignInLockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "training_site.addresses.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "training_site.access.sign_in_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
# A sign-in refused at the identity provider's return is not a wrong password: never lock on it.
AXES_WHITELIST_CALLABLE = "training_site.single_sign_on.is_provider_return"

# Single sign-on with the organisation's identity provider over OpenID Connect. Off unless the
# provider's address (its endpoints are then discovered) or its endpoints are set.
_OIDC_SCHEMES = ("https", "http")
OIDC_PROVIDER_URL = env_url("OIDC_PROVIDER_URL", _OIDC_SCHEMES)
OIDC_OP_AUTHORIZATION_ENDPOINT = env_url("OIDC_AUTHORIZATION_ENDPOINT", _OIDC_SCHEMES)
OIDC_OP_TOKEN_ENDPOINT = env_url("OIDC_TOKEN_ENDPOINT", _OIDC_SCHEMES)
OIDC_OP_USER_ENDPOINT = env_url("OIDC_USERINFO_ENDPOINT", _OIDC_SCHEMES)
OIDC_OP_JWKS_ENDPOINT = env_url("OIDC_JWKS_ENDPOINT", _OIDC_SCHEMES)
_OIDC_ENDPOINTS = {
    "OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
    "OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
    "OIDC_USERINFO_ENDPOINT": OIDC_OP_USER_ENDPOINT,
    "OIDC_JWKS_ENDPOINT": OIDC_OP_JWKS_ENDPOINT,
}
SINGLE_SIGN_ON = bool(OIDC_PROVIDER_URL or any(_OIDC_ENDPOINTS.values()))
if SINGLE_SIGN_ON and not OIDC_PROVIDER_URL and not all(_OIDC_ENDPOINTS.values()):
    _missing = ", ".join(name for name, value in _OIDC_ENDPOINTS.items() if not value)
    raise ImproperlyConfigured(
        f"Set OIDC_PROVIDER_URL, or all of the provider's endpoints (missing: {_missing})."
    )
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", required=SINGLE_SIGN_ON)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", required=SINGLE_SIGN_ON)
OIDC_RP_SIGN_ALGO = env_choice("OIDC_SIGN_ALGORITHM", ("RS256", "ES256", "HS256"), "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 5, minimum=1, maximum=60)
OIDC_AUTHENTICATION_CALLBACK_URL = "single-sign-on-return"
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "")
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS", False)
# The provider's sign-in stands in for the authenticator app only where its ID token says it
# used more than one factor: "mfa" among the amr values, or an acr value listed here.
OIDC_SATISFIES_SECOND_FACTOR = env_bool("OIDC_SATISFIES_SECOND_FACTOR", False)
OIDC_MULTI_FACTOR_ACR_VALUES = env_list("OIDC_MULTI_FACTOR_ACR_VALUES", [])
# With password sign-in off, only a superuser may still sign in with a password (break glass).
PASSWORD_SIGN_IN = env_bool("PASSWORD_SIGN_IN", True)
if not PASSWORD_SIGN_IN and not SINGLE_SIGN_ON:
    raise ImproperlyConfigured(
        "PASSWORD_SIGN_IN=false leaves no way to sign in: set up single sign-on with "
        "OIDC_PROVIDER_URL first."
    )

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# With S3_BUCKET, uploaded evidence, documents and HR extracts live in S3-compatible object
# storage that every instance shares, private and read back through the site's own checks.
# Credentials come the usual AWS way: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a role.
S3_BUCKET = env_str("S3_BUCKET", "")
S3_TIMEOUT_SECONDS = env_int("S3_TIMEOUT_SECONDS", 5, minimum=1)
if S3_BUCKET:
    from botocore.config import Config as BotoConfig

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_url("S3_ENDPOINT_URL", ("https", "http")),
            "region_name": env_str("S3_REGION", "") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
            "querystring_expire": env_int("S3_LINK_SECONDS", 300, minimum=10),
            "max_memory_size": 5 * 1024 * 1024,
            "client_config": BotoConfig(
                connect_timeout=S3_TIMEOUT_SECONDS,
                read_timeout=S3_TIMEOUT_SECONDS,
                retries={"max_attempts": 2, "mode": "standard"},
            ),
        },
    }

# With Redis, every web instance shares one cache (throttles included) and sessions are read
# from it before the database. A Redis outage fails fast: reads miss, sessions fall back to the
# database, and /health/ready names the cache.
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss", "unix"))
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_SECONDS", 1, minimum=1, maximum=30)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "yoc",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Year of Care training <training@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
# Every email goes through the task queue; a failed attempt is tried again after this many
# seconds, doubling each time, and recorded as failed after the last attempt.
EMAIL_RETRY_SECONDS = env_int("EMAIL_RETRY_SECONDS", 60, minimum=1)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 5, minimum=1)

# Background work is queued in the database and run by the worker process (db_worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# Readiness fails when the oldest task waiting to run is older than this.
TASK_QUEUE_MAX_AGE_SECONDS = env_int("TASK_QUEUE_MAX_AGE_SECONDS", 300, minimum=1)
# The scheduler sends due reminders this often.
REMINDER_INTERVAL_MINUTES = env_int("REMINDER_INTERVAL_MINUTES", 15, minimum=1)
SCHEDULER_LOCK_FILE = env_str("SCHEDULER_LOCK_FILE", str(BASE_DIR / "scheduler.lock"))

# Retention: how long each category of personal data is kept before purge_expired_data
# (run daily by the scheduler) removes it. Sessions go when they expire and lockout records
# when their cool-off ends.
RETENTION_UPLOAD_HOURS = env_int("UPLOAD_RETENTION_HOURS", 24, minimum=1)
RETENTION_DOWNLOAD_HOURS = env_int("DOWNLOAD_RETENTION_HOURS", 24, minimum=1)
RETENTION_FEEDBACK_LINK_DAYS = env_int("FEEDBACK_LINK_RETENTION_DAYS", 30, minimum=0)
RETENTION_SIGN_IN_LOG_DAYS = env_int("SIGN_IN_LOG_RETENTION_DAYS", 90, minimum=1)
RETENTION_LEAVER_DAYS = env_int("LEAVER_RETENTION_DAYS", 6 * 365, minimum=1)

SERVICE_NAME = "Year of Care training"
WAGTAIL_SITE_NAME = SERVICE_NAME
WAGTAILADMIN_BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PATH = "cms/"
# Documents are PDFs, current office files, text and CSV, no bigger than DOCUMENT_MAX_MEGABYTES,
# stored under documents/ apart from evidence/ and imports/, and served only through the
# document view to signed-in people.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_MEGABYTES", 20, minimum=1) * 1024 * 1024
WAGTAIL_FRONTEND_LOGIN_URL = "/account/sign-in/"
WAGTAILADMIN_COMMENTS_ENABLED = True
# Staff email addresses are never sent to Gravatar; the content admin shows its own default picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

DJANGO_TABLES2_TEMPLATE = "training_site/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "nhsuk-table"}

# A page's own scripts and styles only. The Wagtail admin at its own path relies on inline
# scripts and styles, so it is left out of this policy rather than weakening it for all.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{WAGTAILADMIN_PATH}"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# Where HTTPS is enforced, the load balancer still asks for health over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True

# Groups smaller than this are not broken down in reports seen by people outside them.
SMALL_NUMBER_THRESHOLD = env_int("SMALL_NUMBER_THRESHOLD", 5, minimum=1)

LOG_FORMAT = env_choice("LOG_FORMAT", ("text", "json"), "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "training_site.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "training_site.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

"""Strict readers for configuration held in environment variables."""

import ipaddress
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    """Return a string setting, refusing to start when a required one is missing or empty."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if required:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        return default
    return value.strip()


def env_choice(name, choices, default):
    """Return a setting that must be one of a few words."""
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def env_bool(name, default=False):
    """Return a boolean setting written as true/false, yes/no, on/off or 1/0."""
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default, *, minimum=None, maximum=None):
    """Return a whole-number setting within optional bounds."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, not {number}.")
    return number


def env_list(name, default=(), *, required=False):
    """Return a comma-separated list setting with blanks removed."""
    value = env_str(name, required=required)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",") if item.strip()]
    if required and not items:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return items


def env_networks(name):
    """Return a comma-separated list of addresses or address ranges (10.0.0.0/16)."""
    items = env_list(name)
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list addresses or ranges such as 10.0.0.0/16, not {item!r}."
            ) from None
    return items


def env_url(name, schemes, default=None):
    """Return a URL setting whose scheme is one of those given, or the default when unset."""
    value = env_str(name, default)
    if value is not None and value.split("://", 1)[0].lower() not in schemes:
        allowed = ", ".join(f"{scheme}://" for scheme in schemes)
        raise ImproperlyConfigured(f"{name} must start with one of {allowed}, not {value!r}.")
    return value


def env_database(name, default):
    """Return a Django database setting parsed from a database URL."""
    url = env_str(name, default)
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a usable database URL: {error}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name} names an unknown database: {url!r}.")
    return config

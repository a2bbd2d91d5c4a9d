"""Logs as one JSON object per line, each with the request's id and the signed-in user's id.

The request id comes from the load balancer's ``X-Request-ID`` when it sends a sensible one,
or is made here, and goes back in the response so a person reporting a fault can quote it.
Log lines carry the user's id, never a name or an email.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.utils.functional import empty

REQUEST_ID_HEADER = "X-Request-ID"
SENSIBLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
NO_REQUEST = "-"
current_request = ContextVar("current_request", default=None)


def request_id_of(request):
    """Return the id a request came with, if sensible, or a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if SENSIBLE_ID.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Give every request an id, for its log lines and its response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_of(request)
        token = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def signed_in_user_id(request):
    """Return the signed-in user's id if the request has already read who it is, else None."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestContextFilter(logging.Filter):
    """Add the current request's id and user id to every record logged while it runs."""

    def filter(self, record):
        """Attach the request id and user id; never refuse a record."""
        request = current_request.get()
        record.request_id = getattr(request, "request_id", NO_REQUEST)
        record.user_id = signed_in_user_id(request) if request is not None else None
        return True


class JsonFormatter(logging.Formatter):
    """Write each record as one JSON object on one line."""

    def format(self, record):
        """Return the record as JSON: time, level, logger, message, request and user ids."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in ("request_id", "user_id"):
            value = getattr(record, name, None)
            if value not in (None, NO_REQUEST):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)

"""Log lines in JSON with the request's id and the user's id, and the id in every response."""

import json
import logging
import sys

import pytest
from django.contrib.auth.middleware import get_user
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from training_site.logs import JsonFormatter, RequestContextFilter, current_request


def _line(message, *, request=None, exc_info=None):
    record = logging.LogRecord("training_site", logging.INFO, __file__, 1, message, (), exc_info)
    token = current_request.set(request)
    try:
        RequestContextFilter().filter(record)
    finally:
        current_request.reset(token)
    return json.loads(JsonFormatter().format(record))


def test_every_response_carries_a_new_request_id(client, db):
    first = client.get("/health/live")["X-Request-ID"]
    second = client.get("/health/live")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_sensible_request_id_from_the_load_balancer_is_kept(client, db):
    response = client.get("/health/live", headers={"X-Request-ID": "lb-7f3a9c21e0"})
    assert response["X-Request-ID"] == "lb-7f3a9c21e0"


@pytest.mark.parametrize(
    "given", ["short", "has spaces in it", "x" * 65, "<script>alert(1)</script>"]
)
def test_an_odd_request_id_is_replaced(client, db, given):
    response = client.get("/health/live", headers={"X-Request-ID": given})
    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32


def test_a_line_logged_during_a_request_names_the_request_and_the_user_by_id_only(hcp):
    request = HttpRequest()
    request.request_id = "lb-7f3a9c21e0"
    request.user = hcp
    entry = _line("Something happened")
    assert "request_id" not in entry
    entry = _line("Something happened", request=request)
    assert entry["request_id"] == "lb-7f3a9c21e0"
    assert entry["user_id"] == hcp.pk
    assert entry["level"] == "INFO" and entry["message"] == "Something happened"
    text = json.dumps(entry)
    assert hcp.email not in text and hcp.last_name not in text


def test_the_user_is_not_looked_up_only_to_log_a_line(db, django_assert_num_queries):
    request = HttpRequest()
    request.request_id = "lb-7f3a9c21e0"
    request.user = SimpleLazyObject(lambda: get_user(request))
    with django_assert_num_queries(0):
        entry = _line("Before anyone asked who is signed in", request=request)
    assert "user_id" not in entry


def test_an_exception_is_kept_in_the_line():
    try:
        raise ValueError("bad value")
    except ValueError:
        entry = _line("Failed", exc_info=sys.exc_info())
    assert "ValueError: bad value" in entry["exception"]

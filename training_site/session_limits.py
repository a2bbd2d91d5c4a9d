"""Signed-in sessions end after a spell without activity and after a shift, whichever is first.

The last activity is written to the session at most once a minute, so most requests save
nothing and the idle limit is kept to within a minute.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

STARTED_KEY = "session_started_at"
SEEN_KEY = "session_seen_at"
SEEN_EVERY_SECONDS = 60
IDLE_MESSAGE = "You were signed out after {minutes} minutes without activity. Sign in again."
SHIFT_MESSAGE = "You were signed out after {hours} hours signed in. Sign in again."


def now_seconds():
    """Return the time now, in seconds since the epoch."""
    return time.time()


@receiver(user_logged_in)
def session_start(sender, request, user, **kwargs):
    """Start both clocks when a person signs in."""
    if hasattr(request, "session"):
        started = now_seconds()
        request.session[STARTED_KEY] = started
        request.session[SEEN_KEY] = started


def session_expiry_message(session, now):
    """Return why a signed-in session has ended, or None while it may go on."""
    started = session.get(STARTED_KEY, now)
    seen = session.get(SEEN_KEY, started)
    if now - started > settings.SESSION_MAX_HOURS * 3600:
        return SHIFT_MESSAGE.format(hours=settings.SESSION_MAX_HOURS)
    if now - seen > settings.SESSION_IDLE_MINUTES * 60:
        return IDLE_MESSAGE.format(minutes=settings.SESSION_IDLE_MINUTES)
    return None


class SessionLimitMiddleware:
    """Sign a person out whose session has been idle too long or has lasted a whole shift."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            return self.get_response(request)
        session, now = request.session, now_seconds()
        reason = session_expiry_message(session, now)
        if reason is not None:
            return self.sign_out(request, reason)
        if STARTED_KEY not in session:
            session[STARTED_KEY] = now
        if now - session.get(SEEN_KEY, 0) >= SEEN_EVERY_SECONDS:
            session[SEEN_KEY] = now
        return self.get_response(request)

    @staticmethod
    def sign_out(request, reason):
        """End the session and send the person to sign in again, keeping the page asked for."""
        logout(request)
        messages.info(request, reason)
        login = reverse(settings.LOGIN_URL)
        if request.method == "GET" and url_has_allowed_host_and_scheme(
            request.get_full_path(), allowed_hosts={request.get_host()}
        ):
            return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        return redirect(login)

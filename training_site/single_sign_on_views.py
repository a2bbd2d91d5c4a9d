"""Pages of single sign-on: go to the organisation's identity provider, and come back from it."""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from training_site.audit import audit_record
from training_site.models import AuditAction
from training_site.single_sign_on import (
    CONFIRMED_BY_PROVIDER,
    ProviderUnreachable,
    Refusal,
    provider_setting,
    refusal_of,
)

REFUSAL_STATUS = {
    Refusal.UNLINKED: 403,
    Refusal.UNVERIFIED: 403,
    Refusal.CLOSED: 403,
    Refusal.PROVIDER_ERROR: 503,
    Refusal.UNFINISHED: 400,
}


def refused(request, refusal):
    """Explain why the organisation account did not sign the person in, and what to do."""
    context = {
        "refusal": refusal,
        "provider_name": settings.OIDC_PROVIDER_NAME,
        "password_sign_in": settings.PASSWORD_SIGN_IN,
    }
    return render(
        request,
        "registration/single_sign_on_refused.html",
        context,
        status=REFUSAL_STATUS[refusal.reason],
    )


class SignInWithProvider(OIDCAuthenticationRequestView):
    """Send the person to its organisation's identity provider to sign in."""

    def __init__(self, **kwargs):
        """Read the provider's endpoints only when a person asks to go there."""
        View.__init__(self, **kwargs)

    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_OP_AUTH_ENDPOINT = property(
        lambda self: provider_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
    )

    def get(self, request):
        """Redirect to the provider, or explain that it cannot be reached."""
        if not settings.SINGLE_SIGN_ON:
            raise Http404("Page not found.")
        try:
            return super().get(request)
        except ProviderUnreachable:
            return refused(request, Refusal(Refusal.PROVIDER_ERROR))


class ProviderReturn(OIDCAuthenticationCallbackView):
    """Finish signing in when the provider sends the person back."""

    def get(self, request):
        """Check the provider's answer; a stale or replayed one gets the same clear page."""
        if not settings.SINGLE_SIGN_ON:
            raise Http404("Page not found.")
        try:
            return super().get(request)
        except SuspiciousOperation:
            return self.login_failure()

    def login_success(self):
        """Sign the person in, noting whether the provider already asked for a second factor."""
        response = super().login_success()
        if getattr(self.request, "provider_confirmed_second_factor", False):
            self.request.session[CONFIRMED_BY_PROVIDER] = True
        return response

    def login_failure(self):
        """Show why the sign-in did not happen; record it if no check got as far as the record."""
        refusal = refusal_of(self.request)
        if refusal is None:
            refusal = Refusal(Refusal.UNFINISHED)
            audit_record(self.request, AuditAction.SIGN_IN_FAILED, summary=refusal.summary)
        return refused(self.request, refusal)

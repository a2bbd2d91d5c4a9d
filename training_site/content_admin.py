"""Content-admin screens replaced where Wagtail's own would let personal data or formulas out."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import AccountView, LoginView, NameEmailSettingsPanel
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from training_site.downloads import safe_cell, xlsx_cell
from training_site.forms import AccountNameEmailForm


class FormulaSafeExportMixin:
    """Write a content-admin report's spreadsheet with formulas kept as text."""

    def preprocess_field_value(self, field, value, export_format):
        """Escape a value that starts like a formula, and clean it for a workbook."""
        value = super().preprocess_field_value(field, value, export_format)
        return xlsx_cell(value) if export_format == self.FORMAT_XLSX else safe_cell(value)


class SiteHistoryView(FormulaSafeExportMixin, LogEntriesView):
    """Wagtail's site history, whose CSV and XLSX exports escape formulas."""


class NameEmailPanel(NameEmailSettingsPanel):
    """The account's name and email, where a new email needs the current password."""

    form_class = AccountNameEmailForm


class ContentEditorAccountView(AccountView):
    """Wagtail's account settings with the name and email panel above."""

    def get_panels(self):
        """Replace Wagtail's name and email panel with the one that asks for the password."""
        return [
            NameEmailPanel(panel.request, panel.user, panel.profile)
            if type(panel) is NameEmailSettingsPanel
            else panel
            for panel in super().get_panels()
        ]


wagtail_sign_in = LoginView.as_view()


def content_admin_sign_in(request):
    """Sign in to the content admin on the site's own page where it offers single sign-on.

    There the organisation account is offered and password sign-in may be turned off; the
    content admin's own form would ask for a password whatever the settings say.
    """
    if settings.SINGLE_SIGN_ON or not settings.PASSWORD_SIGN_IN:
        next_page = request.GET.get("next") or reverse("wagtailadmin_home")
        return redirect(f"{reverse('login')}?{urlencode({'next': next_page})}")
    return wagtail_sign_in(request)


def admin_view(view):
    """Guard a replacement view as Wagtail guards its own admin views."""
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("login/", content_admin_sign_in, name="sign-in"),
    path("account/", admin_view(ContentEditorAccountView.as_view()), name="account"),
    path("reports/site-history/", admin_view(SiteHistoryView.as_view()), name="site-history"),
    path(
        "reports/site-history/results/",
        admin_view(SiteHistoryView.as_view(results_only=True)),
        name="site-history-results",
    ),
]

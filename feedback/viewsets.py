"""Content admin screens for instruments and their versions, with questions edited inline."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from feedback.models import Instrument, InstrumentVersion
from feedback.services import version_new_draft


class VersionEditView(EditView):
    """Edit a version; an answered one opens a new draft, so answers keep their wording."""

    def get(self, request, *args, **kwargs):
        """Open the version, or the instrument's next draft when this one has been answered."""
        return self._draft_instead(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """Save the version, unless it has been answered meanwhile."""
        return self._draft_instead(request) or super().post(request, *args, **kwargs)

    def _draft_instead(self, request):
        """Redirect to a new draft when the version has answers, saying why."""
        version = self.get_object()
        if not version.is_locked:
            return None
        draft = version_new_draft(version=version)
        messages.warning(
            request,
            f"Version {version.number} has been answered, so its wording cannot change. "
            f"You are editing version {draft.number}, a draft: publish it when it is ready.",
        )
        return redirect(reverse(self.edit_url_name, args=[draft.pk]))


class InstrumentViewSet(ModelViewSet):
    """Questionnaires and what each is for."""

    model = Instrument
    icon = "form"
    list_display = ["name", "purpose"]
    list_filter = ["purpose"]
    search_fields = ["name"]
    form_fields = ["name", "purpose"]


class InstrumentVersionViewSet(ModelViewSet):
    """Each wording of a questionnaire, its scoring rule and its questions."""

    model = InstrumentVersion
    icon = "list-ol"
    menu_label = "Versions and questions"
    list_display = ["instrument", "number", "status", "scoring_method", "max_missing"]
    list_filter = ["instrument", "status"]
    edit_view_class = VersionEditView
    inspect_view_enabled = True


class FeedbackViewSetGroup(ViewSetGroup):
    """Feedback questionnaires in one admin menu."""

    menu_label = "Questionnaires"
    menu_icon = "form"
    menu_order = 260
    items = (
        InstrumentViewSet("feedback_instruments"),
        InstrumentVersionViewSet("feedback_versions"),
    )

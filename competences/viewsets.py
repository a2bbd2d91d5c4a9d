"""Content admin screens for frameworks, competences, KSF dimensions and post profiles."""

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from competences.models import Competence, Framework, KSFDimension, PostProfile, StaffPost


class FrameworkViewSet(ModelViewSet):
    """Published and local frameworks."""

    model = Framework
    icon = "list-ul"
    list_display = ["name", "version", "publisher"]
    search_fields = ["name", "publisher"]
    form_fields = ["name", "publisher", "version", "description", "review_after_months"]
    inspect_view_enabled = True


class CompetenceViewSet(ModelViewSet):
    """Competences and the KSF dimension and level each maps to."""

    model = Competence
    icon = "tick-inverse"
    list_display = ["code", "title", "framework", "ksf_level", "scope"]
    list_filter = ["framework", "scope", "ksf_level__dimension"]
    search_fields = ["code", "title", "description"]
    form_fields = ["framework", "code", "title", "description", "ksf_level", "scope"]
    inspect_view_enabled = True


class KSFDimensionViewSet(ModelViewSet):
    """The KSF's dimensions and the titles of their levels."""

    model = KSFDimension
    icon = "table"
    menu_label = "KSF dimensions"
    list_display = ["code", "title", "kind", "verified"]
    list_filter = ["kind", "verified"]
    search_fields = ["code", "title"]
    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("verified"),
        InlinePanel("levels", label="Levels", min_num=4, max_num=4),
    ]


class PostProfileViewSet(ModelViewSet):
    """Posts and the competences they need at the foundation and full outline."""

    model = PostProfile
    icon = "user"
    list_display = ["name", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "description"]
    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("description"),
        InlinePanel("requirements", label="Competences the post needs"),
    ]


class StaffPostViewSet(ModelViewSet):
    """Which post each person holds, where and since when."""

    model = StaffPost
    icon = "date"
    list_display = ["user", "profile", "organisation", "since", "until"]
    list_filter = ["profile", "organisation"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "staff_number"]
    form_fields = ["user", "profile", "organisation", "since", "until", "staff_number"]


class CompetenceViewSetGroup(ViewSetGroup):
    """The competence framework in one admin menu."""

    menu_label = "Competences"
    menu_icon = "tick-inverse"
    menu_order = 250
    items = (
        FrameworkViewSet("competence_frameworks"),
        CompetenceViewSet("competence_items"),
        KSFDimensionViewSet("competence_ksf"),
        PostProfileViewSet("competence_post_profiles"),
        StaffPostViewSet("competence_staff_posts"),
    )

"""Content admin screen for quality indicators and their measures."""

from django import forms
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.model import ModelViewSet

from quality.models import QualityIndicator


class QualityIndicatorViewSet(ModelViewSet):
    """Quality indicators agreed for care planning, each with its observable measures."""

    model = QualityIndicator
    icon = "tasks"
    menu_label = "Quality indicators"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["title", "organisation", "active", "sort_order"]
    list_filter = ["active", "organisation"]
    search_fields = ["title", "description"]
    ordering = ["sort_order", "title"]
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("organisation"),
        FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("active"),
        FieldPanel("sort_order"),
        InlinePanel("measures", label="Measures", min_num=1),
    ]

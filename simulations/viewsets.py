"""The content admin's screens for scenarios."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from simulations.models import Scenario


class ScenarioViewSet(ModelViewSet):
    """Scenarios for simulated consultations, with their results letters inline."""

    model = Scenario
    icon = "group"
    menu_label = "Scenarios"
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["title", "difficulty", "published", "updated_at"]
    list_filter = ["difficulty", "published", "domain_learning", "domain_managing"]
    search_fields = ["title", "persona", "person_name"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("person_name"), FieldPanel("persona"), FieldPanel("background")],
            heading="The person",
        ),
        MultiFieldPanel(
            [
                InlinePanel("results", label="Result"),
                FieldPanel("letter_note"),
            ],
            heading="The results letter they received",
        ),
        MultiFieldPanel([FieldPanel("concerns"), FieldPanel("wants")], heading="Their agenda"),
        FieldPanel("role_card"),
        FieldPanel("learning_points"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("domain_learning"), FieldPanel("domain_managing")]),
                FieldRowPanel([FieldPanel("domain_living"), FieldPanel("domain_other")]),
            ],
            heading="Care planning domains it touches",
        ),
        FieldPanel("competences"),
        FieldPanel("difficulty"),
        FieldPanel("published"),
    ]

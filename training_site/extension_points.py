"""Every hook the apps use to offer something to an app further left, in one place.

An app on the left reads a hook; apps on its right register functions for it, so the left app
never imports them. Each entry says what a registered function receives, what it returns, and
which module reads it. Wagtail's own hooks are documented by Wagtail and are not listed here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtensionPoint:
    """One hook: its name, what its functions receive and return, and who reads it."""

    name: str
    receives: str
    returns: str
    read_by: str


EXTENSION_POINTS = {
    point.name: point
    for point in (
        ExtensionPoint(
            "register_home_panels",
            "(request, roles)",
            "HomePanel values for the signed-in person's home page",
            "training_site.home",
        ),
        ExtensionPoint(
            "register_navigation_items",
            "(request, roles)",
            "NavigationItem values for the header menu",
            "training_site.navigation",
        ),
        ExtensionPoint(
            "register_demo_content",
            "(stdout=None)",
            "nothing; builds the app's demo rows, safe to run again",
            "training_site.demo",
        ),
        ExtensionPoint(
            "register_reminders",
            "(now)",
            "Reminder values due at that moment, sent or not",
            "training_site.reminders",
        ),
        ExtensionPoint(
            "register_retention_purges",
            "()",
            "Purge values: a category's name and a function of the moment that purges it",
            "training_site.retention",
        ),
        ExtensionPoint(
            "register_person_links",
            "(request, person)",
            "NavigationItem values for a person's page, only what the requester may open",
            "training_site.views",
        ),
        ExtensionPoint(
            "register_competence_links",
            "(request, person, standings)",
            "{competence id: [NavigationItem, ...]}, in one query per app",
            "competences.page_extras",
        ),
        ExtensionPoint(
            "register_competence_panels",
            "(request, person)",
            "HomePanel values shown below a person's competences",
            "competences.page_extras",
        ),
        ExtensionPoint(
            "register_training_offers",
            "(request, competence ids)",
            "{competence id: [NavigationItem, ...]} of training that develops each competence",
            "competences.gap_views",
        ),
        ExtensionPoint(
            "register_programme_evaluations",
            "(request, programmes)",
            "{programme id: evaluation summary} shown in the programme comparison",
            "curriculum.queries",
        ),
        ExtensionPoint(
            "register_workshop_links",
            "(request, workshop)",
            "NavigationItem values for a workshop's page",
            "workshops.views",
        ),
        ExtensionPoint(
            "register_workshop_dashboard_links",
            "(request, user)",
            "NavigationItem values for the trainer's workshops dashboard",
            "workshops.views",
        ),
        ExtensionPoint(
            "register_session_links",
            "(request, session)",
            "NavigationItem values for a simulated consultation session",
            "simulations.views",
        ),
        ExtensionPoint(
            "register_observation_links",
            "(request, observation)",
            "NavigationItem values for a QA observation",
            "quality.views",
        ),
        ExtensionPoint(
            "register_feedback_links",
            "(request, response)",
            "NavigationItem values for one feedback response",
            "feedback.views",
        ),
    )
}

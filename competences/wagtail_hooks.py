"""Competence links, home panels and content admin screens."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from competences import queries
from competences.import_views import FrameworkImportView
from competences.viewsets import CompetenceViewSetGroup
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem
from training_site.scoping import MANAGING_ROLES


@hooks.register("register_admin_viewset")
def register_competence_viewsets():
    """Let staff manage frameworks, competences, KSF dimensions and post profiles."""
    return CompetenceViewSetGroup()


@hooks.register("register_admin_urls")
def register_framework_import_url():
    """The framework import page in the content admin."""
    return [
        path(
            "competences/import-framework/",
            FrameworkImportView.as_view(),
            name="competences_framework_import",
        )
    ]


class FrameworkImportMenuItem(MenuItem):
    """A menu link shown only to staff who may add competences."""

    def is_shown(self, request):
        """Show the link to those who may use it."""
        return request.user.has_perm("competences.add_competence")


@hooks.register("register_admin_menu_item")
def register_framework_import_menu_item():
    """Link the framework import from the admin menu."""
    return FrameworkImportMenuItem(
        "Import a framework", reverse("competences_framework_import"), icon_name="upload", order=260
    )


@hooks.register("register_navigation_items")
def competence_navigation(request, roles):
    """My competences for HCPs; the verification queue for trainers and managers."""
    items = []
    if Role.HCP in roles:
        items.append(NavigationItem("My competences", reverse("competences:mine"), order=10))
    if roles.intersection(queries.ASSESSOR_ROLES):
        items.append(NavigationItem("Verify", reverse("competences:verification-queue"), order=40))
    if roles.intersection(MANAGING_ROLES):
        items.append(NavigationItem("Skills gaps", reverse("competences:gap-profile"), order=70))
        items.append(NavigationItem("Import staff", reverse("competences:staff-import"), order=95))
    items.append(NavigationItem("Frameworks", reverse("competences:frameworks"), order=150))
    return items


@hooks.register("register_home_panels")
def competence_home_panels(request, roles):
    """Where an HCP stands; what waits for an assessor."""
    panels = []
    if Role.HCP in roles:
        page = queries.competence_page(request.user)
        panels.append(
            HomePanel(
                Role.HCP,
                "Your competences",
                "competences/panels/my_competences.html",
                {"page": page, "counts": page.counts},
                order=20,
            )
        )
    for role in queries.ASSESSOR_ROLES:
        if role in roles:
            waiting = queries.verification_queue(request.user)
            panels.append(
                HomePanel(
                    role,
                    "Competences to verify",
                    "competences/panels/to_verify.html",
                    {"waiting": list(waiting[:5]), "count": waiting.count()},
                    order=20,
                )
            )
            break
    return panels


@hooks.register("register_demo_content")
def competence_demo_content(stdout=None):
    """Post profiles, staff posts and assessments for the demo network."""
    from competences.demo import build_demo_competences

    build_demo_competences(stdout=stdout)


@hooks.register("register_person_links")
def competence_person_links(request, person):
    """Link a person's record to its competences."""
    return [NavigationItem("Competences", reverse("competences:person", args=[person.pk]))]


@hooks.register("register_retention_purges")
def competence_retention_purges():
    """Abandoned HR extracts and leavers' records."""
    from competences.retention import purge_hr_extract_uploads, purge_leavers
    from training_site.retention import Purge

    return [
        Purge("abandoned HR extract uploads", purge_hr_extract_uploads),
        Purge("leavers' records", purge_leavers),
    ]

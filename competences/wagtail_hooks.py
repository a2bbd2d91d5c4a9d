"""Competence links, home panels and content admin screens."""

from django.urls import reverse
from wagtail import hooks

from competences import queries
from competences.viewsets import CompetenceViewSetGroup
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem


@hooks.register("register_admin_viewset")
def register_competence_viewsets():
    """Let staff manage frameworks, competences, KSF dimensions and post profiles."""
    return CompetenceViewSetGroup()


@hooks.register("register_navigation_items")
def competence_navigation(request, roles):
    """My competences for HCPs; the verification queue for trainers and managers."""
    items = []
    if Role.HCP in roles:
        items.append(NavigationItem("My competences", reverse("competences:mine"), order=10))
    if roles.intersection(queries.ASSESSOR_ROLES):
        items.append(NavigationItem("Verify", reverse("competences:verification-queue"), order=40))
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

"""Scenario admin, links from workshops, navigation, home panels and demo content."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from simulations import queries
from simulations.models import Scenario
from simulations.viewsets import ScenarioViewSet
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem


@hooks.register("register_admin_viewset")
def register_scenario_viewset():
    """Let trainers and network administrators manage scenarios."""
    return ScenarioViewSet("scenarios")


@hooks.register("register_workshop_links")
def workshop_simulation_links(request, workshop):
    """The simulation rota, for the workshop's trainers and the managers of its site."""
    try:
        queries.get_rota_workshop_or_404(request.user, workshop.pk)
    except Http404:
        return []
    return [NavigationItem("Simulation rota", reverse("simulations:rota", args=[workshop.pk]), 20)]


@hooks.register("register_navigation_items")
def simulation_navigation(request, roles):
    """Simulated consultations for HCPs, sessions for representatives, scenarios for trainers."""
    items = []
    if Role.HCP in roles:
        items.append(NavigationItem("Simulated consultations", reverse("simulations:mine"), 25))
    if Role.REPRESENTATIVE in roles:
        items.append(
            NavigationItem("My sessions", reverse("simulations:representative-sessions"), 15)
        )
    if roles.intersection((Role.TRAINER, Role.NETWORK_ADMIN)):
        items.append(NavigationItem("Scenarios", reverse("simulations:scenario-list"), 45))
    return items


@hooks.register("register_home_panels")
def simulation_home_panels(request, roles):
    """The HCP's next consultation and care plans to write; sessions; the scenario library."""
    now = timezone.now()
    panels = []
    if Role.HCP in roles:
        next_session = queries.next_consultation(request.user, now)
        to_write = list(queries.care_plans_to_write(request.user, now)[:5])
        if next_session or to_write:
            panels.append(
                HomePanel(
                    Role.HCP,
                    "Simulated consultations",
                    "simulations/panels/next_consultation.html",
                    {"next": next_session, "to_write": to_write},
                    order=30,
                )
            )
    if Role.REPRESENTATIVE in roles:
        sessions = list(
            queries.representative_sessions(request.user)
            .filter(starts_at__gte=now)
            .order_by("starts_at")[:5]
        )
        if sessions:
            panels.append(
                HomePanel(
                    Role.REPRESENTATIVE,
                    "My sessions",
                    "simulations/panels/representative_sessions.html",
                    {"sessions": sessions},
                    order=10,
                )
            )
    if Role.TRAINER in roles:
        panels.append(
            HomePanel(
                Role.TRAINER,
                "Scenario library",
                "simulations/panels/scenario_library.html",
                {
                    "count": Scenario.objects.published().count(),
                    "workshops": list(queries.workshops_to_run(request.user, now)[:3]),
                },
                order=50,
            )
        )
    return panels


@hooks.register("register_demo_content")
def simulation_demo_content(stdout=None):
    """Scenarios, including one drawn from the report's case study, and sessions to try them."""
    from simulations.demo import build_demo_simulations

    build_demo_simulations(stdout=stdout)

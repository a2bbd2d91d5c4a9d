"""QA observation links, home panels, the content admin screen and demo content."""

from django.urls import reverse
from wagtail import hooks

from quality import queries
from quality.viewsets import QualityIndicatorViewSet
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem
from training_site.scoping import MANAGING_ROLES


@hooks.register("register_admin_viewset")
def register_quality_indicator_viewset():
    """Let network administrators edit quality indicators and measures."""
    return QualityIndicatorViewSet("quality_indicators")


@hooks.register("register_navigation_items")
def qa_navigation(request, roles):
    """QA observations for observers and HCPs; the QA report for managers."""
    items = []
    if request.user.is_superuser or roles.intersection(
        (Role.HCP, Role.TRAINER, Role.MANAGER, Role.NETWORK_ADMIN)
    ):
        items.append(NavigationItem("QA observations", reverse("quality:list"), order=55))
    if request.user.is_superuser or roles.intersection(MANAGING_ROLES):
        items.append(NavigationItem("QA report", reverse("quality:report"), order=75))
    return items


@hooks.register("register_home_panels")
def qa_home_panels(request, roles):
    """Observations to complete, observations to agree, and the QA report."""
    user = request.user
    panels = []
    if Role.HCP in roles:
        waiting = queries.observations_to_agree(user)
        count = waiting.count()
        if count:
            context = {"observations": list(waiting[:5]), "count": count}
            panels.append(
                HomePanel(
                    Role.HCP,
                    "Observations to read",
                    "quality/panels/to_agree.html",
                    context,
                    30,
                )
            )
    for role in queries.ASSESSOR_ROLES:
        if role in roles:
            open_ones = queries.observations_to_complete(user)
            context = {"observations": list(open_ones[:5]), "count": open_ones.count()}
            panels.append(
                HomePanel(
                    role,
                    "QA observations to complete",
                    "quality/panels/to_complete.html",
                    context,
                    order=40,
                )
            )
            break
    if Role.MANAGER in roles:
        count = queries.reported_observations(user).count()
        panels.append(
            HomePanel(
                Role.MANAGER,
                "Quality assurance",
                "quality/panels/report.html",
                {"count": count},
                order=60,
            )
        )
    return panels


@hooks.register("register_demo_content", order=100)
def qa_demo_content(stdout=None):
    """The example indicators and measures, and observations of demo HCPs; after competences."""
    from quality.demo import build_demo_observations

    build_demo_observations(stdout=stdout)

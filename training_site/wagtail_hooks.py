"""The site's own home panels, navigation links and content admin screens."""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from training_site import queries
from training_site.home import EVERYONE, HomePanel
from training_site.models import FailedEmail, Role
from training_site.navigation import NavigationItem
from training_site.scoping import MANAGING_ROLES, memberships_held
from training_site.second_factor import RESET_ACTION
from training_site.viewsets import (
    FailedEmailViewSet,
    MembershipViewSet,
    OrganisationViewSet,
    RecordOnlyPermissionPolicy,
)

register_permission_policy(FailedEmail, RecordOnlyPermissionPolicy(FailedEmail))


@hooks.register("before_serve_document")
def documents_for_signed_in_people(document, request):
    """Send anyone not signed in to sign in before a document is served."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    """Let network administrators manage organisations and roles in the content admin."""
    return [
        OrganisationViewSet("organisations"),
        MembershipViewSet("memberships"),
        FailedEmailViewSet("failed_emails"),
    ]


@hooks.register("register_navigation_items")
def site_navigation(request, roles):
    """Home for everyone; people and organisations for those who manage."""
    items = [NavigationItem("Home", reverse("home"), order=0)]
    if request.user.is_superuser or roles.intersection(MANAGING_ROLES):
        items.append(NavigationItem("People", reverse("people-list"), order=80))
        items.append(NavigationItem("Organisations", reverse("organisation-list"), order=90))
    if request.user.is_superuser or Role.NETWORK_ADMIN in roles:
        items.append(NavigationItem("Audit record", reverse("audit-list"), order=95))
        items.append(NavigationItem("Privacy requests", reverse("privacy-requests"), order=96))
    if request.user.has_perm("wagtailadmin.access_admin"):
        items.append(NavigationItem("Content admin", reverse("wagtailadmin_home"), order=200))
    return items


@hooks.register("register_home_panels")
def site_home_panels(request, roles):
    """Roles held, and for managers and administrators what needs doing about people."""
    user = request.user
    panels = [
        HomePanel(
            EVERYONE,
            "Your roles",
            "training_site/panels/roles.html",
            {"memberships": memberships_held(user)},
            order=900,
        )
    ]
    if Role.MANAGER in roles:
        panels.append(
            HomePanel(
                Role.MANAGER,
                "People in your organisations",
                "training_site/panels/people.html",
                {
                    "role_counts": queries.role_counts_in_scope(user),
                    "never_signed_in": queries.never_signed_in_count(user),
                },
                order=500,
            )
        )
    if Role.NETWORK_ADMIN in roles:
        panels.append(
            HomePanel(
                Role.NETWORK_ADMIN,
                "Organisations and accounts",
                "training_site/panels/network.html",
                {
                    "sites_without_manager": list(queries.sites_without_manager(user)),
                    "people_without_role": queries.people_without_role_count(),
                    "role_counts": queries.role_counts_in_scope(user),
                },
                order=500,
            )
        )
    return panels


@hooks.register("register_log_actions")
def register_second_factor_log_actions(actions):
    """Name the record kept when a network administrator resets a person's two-step sign-in."""
    actions.register_action(RESET_ACTION, "Reset two-step sign-in", "Reset two-step sign-in")

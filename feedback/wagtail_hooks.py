"""Feedback links, navigation, home panels, content admin screens and demo content.

The evaluation package's hooks are registered here, where Wagtail looks for this app's hooks.
"""

from django.urls import reverse
from wagtail import hooks

from feedback import queries
from feedback.evaluation import wagtail_hooks as evaluation_hooks  # noqa: F401  registers its hooks
from feedback.models import RespondentRole
from feedback.viewsets import FeedbackViewSetGroup
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem
from training_site.scoping import MANAGING_ROLES, RUNNING_ROLES


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    """Let staff edit questionnaires, their versions and questions without code."""
    return FeedbackViewSetGroup()


@hooks.register("register_navigation_items")
def feedback_navigation(request, roles):
    """Feedback about me, my sessions, feedback links and reports, each for its roles."""
    items = []
    if Role.HCP in roles:
        items.append(NavigationItem("Feedback about me", reverse("feedback:mine"), order=15))
    if Role.REPRESENTATIVE in roles:
        items.append(NavigationItem("Feedback to give", reverse("feedback:my-sessions"), order=20))
    if Role.TRAINER in roles:
        items.append(NavigationItem("Feedback links", reverse("feedback:workshops"), order=45))
    if roles.intersection(RUNNING_ROLES):
        items.append(NavigationItem("Feedback reports", reverse("feedback:report"), order=75))
    return items


@hooks.register("register_home_panels")
def feedback_home_panels(request, roles):
    """New feedback for an HCP; sessions for a representative; links and reports for staff."""
    panels = []
    if Role.HCP in roles:
        count = queries.new_feedback_count(request.user)
        panels.append(
            HomePanel(
                Role.HCP,
                "Feedback about me",
                "feedback/panels/mine.html",
                {"count": count},
                order=25,
            )
        )
    sessions = (
        list(queries.representative_sessions(request.user)[:5])
        if Role.REPRESENTATIVE in roles
        else []
    )
    if sessions:
        waiting = [s for s in sessions if not s.given]
        panels.append(
            HomePanel(
                Role.REPRESENTATIVE,
                "Feedback to give",
                "feedback/panels/sessions.html",
                {"sessions": sessions, "waiting": waiting},
                order=10,
            )
        )
    workshops = (
        list(queries.workshops_trained_by(request.user).order_by("-starts_at")[:3])
        if Role.TRAINER in roles
        else []
    )
    if workshops:
        panels.append(
            HomePanel(
                Role.TRAINER,
                "Feedback links",
                "feedback/panels/links.html",
                {"workshops": workshops},
                order=30,
            )
        )
    for role in (*MANAGING_ROLES,):
        if role in roles:
            panels.append(
                HomePanel(role, "Feedback reports", "feedback/panels/reports.html", {}, order=60)
            )
    return panels


@hooks.register("register_workshop_links")
def feedback_workshop_links(request, workshop):
    """The workshop's feedback links page, for its trainers."""
    if not queries.workshops_trained_by(request.user).filter(pk=workshop.pk).exists():
        return []
    return [
        NavigationItem(
            "Feedback links", reverse("feedback:workshop-links", args=[workshop.pk]), order=30
        )
    ]


@hooks.register("register_session_links")
def feedback_session_links(request, session):
    """Feedback links for trainers, the checklist for observers, the form for the representative."""
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    if any(trainer.pk == user.pk for trainer in session.workshop.trainers.all()):
        url = reverse("feedback:workshop-links", args=[session.workshop_id])
        items.append(NavigationItem("Feedback links", f"{url}#session-{session.pk}", order=30))
    responses = session.feedback_responses
    if any(observer.pk == user.pk for observer in session.observers.all()):
        given = responses.filter(role=RespondentRole.OBSERVER, respondent=user).exists()
        url = "" if given else reverse("feedback:session-observe", args=[session.pk])
        label = "Your observer's checklist is in" if given else "Observer's checklist"
        items.append(NavigationItem(label, url, order=31))
    if session.representative_id == user.pk:
        given = getattr(session, "representative_feedback_in", None)
        if given is None:
            given = responses.filter(role=RespondentRole.REPRESENTATIVE).exists()
        url = "" if given else reverse("feedback:session-respond", args=[session.pk])
        label = "Your feedback is in" if given else "Give your feedback"
        items.append(NavigationItem(label, url, order=32))
    return items


@hooks.register("register_person_links")
def feedback_person_links(request, person):
    """Link a person's record to its feedback scores."""
    return [
        NavigationItem(
            "Feedback scores", reverse("feedback:person-report", args=[person.pk]), order=60
        )
    ]


@hooks.register("register_demo_content")
def feedback_demo_content(stdout=None):
    """The three demo questionnaires and, where sessions exist, some feedback about them."""
    from feedback.demo import build_demo_feedback

    build_demo_feedback(stdout=stdout)


@hooks.register("register_retention_purges")
def feedback_retention_purges():
    """Used, replaced and expired feedback links."""
    from feedback.retention import purge_feedback_links
    from training_site.retention import Purge

    return [Purge("used and expired feedback links", purge_feedback_links)]

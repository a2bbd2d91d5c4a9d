"""Portfolio links, panels, reminders and demo content; reflections stay out of the admin."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from portfolio import queries
from portfolio.models import DevelopmentGoal
from training_site.home import HomePanel
from training_site.models import Role
from training_site.navigation import NavigationItem
from training_site.reminders import Reminder
from training_site.scoping import ASSESSOR_ROLES
from workshops.models import BookingStatus

REMIND_DAYS_BEFORE = 7
GAP_STATES = {"not_started", "self_assessed", "returned", "expired", "below"}


def _new_reflection(**params):
    """Return the address that starts a reflection with its context prefilled."""
    name, value = next(iter(params.items()))
    return f"{reverse('portfolio:reflection-new')}?{name}={value}"


@hooks.register("register_navigation_items")
def portfolio_navigation(request, roles):
    """My portfolio for HCPs; reflections shared with them for trainers and managers."""
    items = []
    if Role.HCP in roles:
        items.append(NavigationItem("My portfolio", reverse("portfolio:reflections"), order=20))
    if roles.intersection(ASSESSOR_ROLES):
        items.append(
            NavigationItem("Shared reflections", reverse("portfolio:shared-with-me"), order=45)
        )
    return items


@hooks.register("register_home_panels")
def portfolio_home_panels(request, roles):
    """Goals due for review for an HCP; reflections shared with an assessor."""
    panels = []
    if Role.HCP in roles:
        due = list(queries.goals_due_for_review(request.user)[:5])
        panels.append(
            HomePanel(
                Role.HCP,
                "Your portfolio",
                "portfolio/panels/my_portfolio.html",
                {"due": due, "today": timezone.localdate()},
                30,
            )
        )
    for role in ASSESSOR_ROLES:
        if role in roles:
            shared = list(queries.reflections_shared_with(request.user)[:5])
            if shared:
                panels.append(
                    HomePanel(
                        role,
                        "Reflections shared with you",
                        "portfolio/panels/shared_with_me.html",
                        {"shared": shared},
                        30,
                    )
                )
            break
    return panels


@hooks.register("register_reminders")
def goal_review_reminders(now):
    """Remind an HCP a week before a goal's review date; a changed date reminds again."""
    today = now.date()
    goals = DevelopmentGoal.objects.active().filter(
        review_on__gte=today, review_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
    )
    for goal in goals.select_related("hcp", "competence"):
        yield Reminder(
            key=f"goal-review:goal:{goal.pk}:{goal.review_on:%Y-%m-%d}",
            to=goal.hcp.email,
            subject=f"Review your development goal by {goal.review_on.day} {goal.review_on:%B}",
            template="portfolio/emails/goal_review",
            context={"goal": goal, "path": reverse("portfolio:goal-review", args=[goal.pk])},
        )


@hooks.register("register_feedback_links")
def feedback_reflection_link(request, response):
    """Offer the person the feedback is about a reflection on it."""
    if request.user.is_authenticated and response.subject_id == request.user.pk:
        return [NavigationItem("Reflect on this feedback", _new_reflection(feedback=response.pk))]
    return []


@hooks.register("register_session_links")
def session_reflection_link(request, session):
    """Offer the HCP who played a simulated consultation a reflection on it."""
    if request.user.is_authenticated and session.hcp_id == request.user.pk:
        return [NavigationItem("Reflect on this consultation", _new_reflection(session=session.pk))]
    return []


@hooks.register("register_workshop_links")
def workshop_reflection_link(request, workshop):
    """Offer someone who attended a workshop a reflection on it."""
    if not request.user.is_authenticated:
        return []
    attended = workshop.bookings.filter(hcp=request.user, status=BookingStatus.ATTENDED)
    if attended.exists():
        return [NavigationItem("Reflect on this workshop", _new_reflection(workshop=workshop.pk))]
    return []


@hooks.register("register_observation_links")
def observation_portfolio_links(request, observation):
    """Offer the person observed a goal and a reflection from a QA observation."""
    if not (request.user.is_authenticated and observation.observed_id == request.user.pk):
        return []
    goal = f"{reverse('portfolio:goal-new')}?observation={observation.pk}"
    return [
        NavigationItem("Add to my development plan", goal, order=10),
        NavigationItem(
            "Reflect on this observation", _new_reflection(observation=observation.pk), order=20
        ),
    ]


@hooks.register("register_competence_links")
def competence_goal_links(request, person, standings):
    """On my own competence page, my goals for each competence."""
    if person.pk != request.user.pk:
        return {}
    ids = [standing.competence.pk for standing in standings]
    links = {}
    for competence_id, goals in queries.goals_by_competence(person, ids).items():
        links[competence_id] = [
            NavigationItem(
                f"Goal: {goal.title} ({goal.get_status_display().lower()})",
                reverse("portfolio:goal", args=[goal.pk]),
                order=10,
            )
            for goal in goals
        ]
    return links


@hooks.register("register_competence_links")
def competence_gap_links(request, person, standings):
    """On my own competence page, plan a goal from each competence with a gap."""
    if person.pk != request.user.pk:
        return {}
    new_goal = reverse("portfolio:goal-new")
    return {
        s.competence.pk: [
            NavigationItem("Plan a goal", f"{new_goal}?competence={s.competence.pk}", 20)
        ]
        for s in standings
        if s.state in GAP_STATES
    }


@hooks.register("register_competence_panels")
def competence_goal_panel(request, person):
    """My active development goals on my page; a person's whole plan on its manager's view."""
    goals = DevelopmentGoal.objects.filter(hcp=person).select_related("competence")
    if person.pk == request.user.pk:
        return [
            HomePanel(
                Role.HCP,
                "Your development goals",
                "portfolio/panels/goals.html",
                {"goals": list(goals.active())},
                50,
            )
        ]
    title = f"{person.get_full_name()}'s development plan"
    return [
        HomePanel(
            Role.MANAGER,
            title,
            "portfolio/panels/person_goals.html",
            {"goals": list(goals.order_by("status", "review_on", "pk")), "person": person},
            50,
        )
    ]


@hooks.register("register_demo_content")
def portfolio_demo_content(stdout=None):
    """Reflections and a development plan for the demo HCP."""
    from portfolio.demo import build_demo_portfolio

    build_demo_portfolio(stdout=stdout)

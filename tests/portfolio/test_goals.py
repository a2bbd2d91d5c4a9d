"""The development plan: goals from gaps, their actions, reviews and reminders."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from portfolio.models import DevelopmentGoal, GoalStatus
from tests.factories.portfolio import DevelopmentGoalFactory, GoalActionFactory
from tests.html_forms import posted_back
from training_site.reminders import reminders_send

pytestmark = pytest.mark.django_db


def _goal_data(competence, review_on, **extra):
    """A goal with one action, as posted by the form."""
    return {
        "title": "Start from the person's agenda",
        "competence": competence.pk if competence else "",
        "why": "My feedback said I led with results.",
        "importance": "9",
        "confidence": "6",
        "review_on": review_on.isoformat(),
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-what": "Ask the agenda question first",
        "actions-0-who": "Me",
        "actions-0-due_on": (review_on - timedelta(days=7)).isoformat(),
        "actions-0-confidence": "7",
        **extra,
    }


def test_a_goal_from_a_gap_shows_on_the_competence_page_and_in_the_timeline(client, hcp, hcp_post):
    competence = hcp_post.profile.requirements.first().competence
    client.force_login(hcp)
    page = client.get(reverse("competences:mine"))
    plan_url = f"{reverse('portfolio:goal-new')}?competence={competence.pk}"
    assertContains(page, f'href="{plan_url}"')
    form = client.get(plan_url)
    assertContains(form, f'<option value="{competence.pk}" selected>')

    review_on = timezone.localdate() + timedelta(days=30)
    response = client.post(reverse("portfolio:goal-new"), _goal_data(competence, review_on))
    goal = DevelopmentGoal.objects.get(hcp=hcp)
    assert response.status_code == 302
    assert goal.competence == competence
    assert goal.actions.get().what == "Ask the agenda question first"

    page = client.get(reverse("competences:mine"))
    assertContains(page, escape(f"Goal: {goal.title}"))
    assertContains(page, "Your development goals")
    timeline = client.get(reverse("portfolio:timeline"))
    assertContains(timeline, escape(goal.title))
    assertContains(timeline, "Goal set")


def test_a_met_competence_offers_no_goal_link(client, hcp, hcp_post):
    from tests.factories.competences import AssessmentFactory

    competence = hcp_post.profile.requirements.first().competence
    AssessmentFactory(hcp=hcp, competence=competence, level=3, verified=True)
    client.force_login(hcp)
    page = client.get(reverse("competences:mine"))
    assertNotContains(page, f"?competence={competence.pk}")


def test_a_manager_viewing_the_hcps_competences_sees_the_plan_but_not_why_nor_a_way_to_change_it(
    client, hcp, hcp_post, manager
):
    goal = DevelopmentGoalFactory(
        hcp=hcp, title="Agree goals before results", why="My last appraisal went badly."
    )
    client.force_login(manager)
    page = client.get(reverse("competences:person", args=[hcp.pk]))
    assertContains(page, "Agree goals before results")
    assertNotContains(page, "My last appraisal went badly.")
    assertNotContains(page, "Plan a goal")
    assertNotContains(page, reverse("portfolio:goal", args=[goal.pk]))


def test_bad_input_saves_nothing_and_says_why(client, hcp):
    client.force_login(hcp)
    data = _goal_data(None, timezone.localdate() - timedelta(days=1), importance="11")
    data["actions-0-who"] = ""
    response = client.post(reverse("portfolio:goal-new"), data)
    assertContains(response, "Choose a review date from today onwards.")
    assertContains(response, "Ensure this value is less than or equal to 10.")
    assert not DevelopmentGoal.objects.exists()


def test_the_review_records_the_outcome(client, hcp):
    goal = DevelopmentGoalFactory(hcp=hcp)
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:goal-review", args=[goal.pk]),
        {"status": "partly", "outcome": "Half my clinics", "reviewed_on": "2026-11-30"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == GoalStatus.PARTLY
    assert goal.outcome == "Half my clinics"
    assert str(goal.reviewed_on) == "2026-11-30"


def test_a_review_needs_an_outcome(client, hcp):
    goal = DevelopmentGoalFactory(hcp=hcp)
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:goal-review", args=[goal.pk]),
        {"status": "achieved", "outcome": "", "reviewed_on": "2026-11-30"},
    )
    assertContains(response, "Say what came of the goal.")
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACTIVE


@pytest.mark.parametrize("fixture", ["second_hcp", "trainer", "manager", "admin", "outsider"])
def test_nobody_else_sees_a_goal(client, request, hcp, fixture):
    goal = DevelopmentGoalFactory(hcp=hcp)
    client.force_login(request.getfixturevalue(fixture))
    for name in ("portfolio:goal", "portfolio:goal-edit", "portfolio:goal-review"):
        assert client.get(reverse(name, args=[goal.pk])).status_code == 404


def test_editing_actions_uses_the_shared_action_plan(client, hcp):
    goal = DevelopmentGoalFactory(hcp=hcp)
    action = GoalActionFactory(goal=goal)
    client.force_login(hcp)
    page = client.get(reverse("portfolio:goal-edit", args=[goal.pk]))
    assertContains(page, 'name="actions-0-what"')
    assertContains(page, "Action 1")
    data = _goal_data(None, goal.review_on)
    data.update(
        {
            "actions-INITIAL_FORMS": "1",
            "actions-0-id": action.pk,
            "actions-0-goal": goal.pk,
            "actions-0-done": "on",
        }
    )
    client.post(reverse("portfolio:goal-edit", args=[goal.pk]), data)
    action.refresh_from_db()
    assert action.done


def _at(day):
    """Nine in the morning on a day, as the scheduled command would run."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=9))


def test_the_reminder_goes_a_week_before_the_review_and_only_once(hcp, mailoutbox):
    review_on = timezone.localdate() + timedelta(days=30)
    goal = DevelopmentGoalFactory(hcp=hcp, title="Agenda first", review_on=review_on)
    assert reminders_send(now=_at(review_on - timedelta(days=8))) == 0
    assert reminders_send(now=_at(review_on - timedelta(days=7))) == 1
    assert reminders_send(now=_at(review_on - timedelta(days=6))) == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [hcp.email]
    assert "Agenda first" in mailoutbox[0].body
    assert reverse("portfolio:goal-review", args=[goal.pk]) in mailoutbox[0].body

    goal.review_on = review_on + timedelta(days=14)
    goal.save()
    assert reminders_send(now=_at(goal.review_on - timedelta(days=3))) == 1
    assert len(mailoutbox) == 2


def test_no_reminder_for_a_goal_already_reviewed(hcp, mailoutbox):
    review_on = timezone.localdate() + timedelta(days=5)
    DevelopmentGoalFactory(hcp=hcp, review_on=review_on, status=GoalStatus.ACHIEVED)
    assert reminders_send(now=_at(review_on - timedelta(days=2))) == 0


def test_the_home_page_lists_goals_due_for_review(client, hcp):
    DevelopmentGoalFactory(hcp=hcp, title="Due soon", review_on=timezone.localdate() + timedelta(3))
    DevelopmentGoalFactory(hcp=hcp, title="Far off", review_on=timezone.localdate() + timedelta(90))
    client.force_login(hcp)
    page = client.get("/")
    assertContains(page, "Due soon")
    assertNotContains(page, "Far off")


def test_the_plan_lists_my_goals_in_a_fixed_number_of_queries(
    client, hcp, django_assert_max_num_queries
):
    client.force_login(hcp)
    GoalActionFactory(goal=DevelopmentGoalFactory(hcp=hcp))
    with django_assert_max_num_queries(20) as small:
        page = client.get(reverse("portfolio:plan"))
    for _ in range(10):
        GoalActionFactory(goal=DevelopmentGoalFactory(hcp=hcp))
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("portfolio:plan"))
    assertContains(page, "1 action", count=11)


def test_changing_a_goal_shows_its_review_date_and_keeps_it(client, hcp):
    goal = DevelopmentGoalFactory(hcp=hcp, review_on=date(2027, 7, 14))
    GoalActionFactory(goal=goal, due_on=date(2027, 7, 1))
    client.force_login(hcp)
    url = reverse("portfolio:goal-edit", args=[goal.pk])
    page = client.get(url)
    assertContains(page, 'value="2027-07-14"')
    assertContains(page, 'value="2027-07-01"')
    response = client.post(url, posted_back(page))
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.review_on == date(2027, 7, 14)
    assert goal.actions.get().due_on == date(2027, 7, 1)

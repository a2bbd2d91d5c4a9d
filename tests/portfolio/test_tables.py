"""Reflections, shared reflections, goals and a goal's actions, sorted and paginated."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.factories.portfolio import (
    DevelopmentGoalFactory,
    GoalActionFactory,
    ReflectionFactory,
    ReflectionShareFactory,
)

pytestmark = pytest.mark.django_db


def text(element):
    """Return an element's text with white space collapsed."""
    return " ".join(element.get_text(" ").split())


def column(response, caption, index=0):
    """Return one column's cell texts, top to bottom, of the table with this caption."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("caption", string=caption).find_parent("table")
    return [text(tr.find_all("td")[index]) for tr in table.tbody.find_all("tr")]


def get_as(client, user, name, *args, **params):
    """Fetch a portfolio page signed in as a person."""
    client.force_login(user)
    response = client.get(reverse(f"portfolio:{name}", args=args), params)
    assert response.status_code == 200
    return response


def test_reflections_sort_by_title(client, hcp, trainer):
    for title in ("Bravo", "Alpha", "Charlie"):
        ReflectionShareFactory(reflection=ReflectionFactory(author=hcp, title=title))

    ascending = column(get_as(client, hcp, "reflections", sort="title"), "Your reflections")
    descending = column(get_as(client, hcp, "reflections", sort="-title"), "Your reflections")

    assert ascending == ["Alpha", "Bravo", "Charlie"]
    assert descending == ["Charlie", "Bravo", "Alpha"]


def test_reflections_paginate_at_twenty_five(client, hcp):
    for number in range(26):
        ReflectionFactory(author=hcp, title=f"Reflection {number:02d}")

    first = get_as(client, hcp, "reflections", sort="title")
    second = get_as(client, hcp, "reflections", sort="title", page=2)

    assert len(column(first, "Your reflections")) == 25
    assert column(second, "Your reflections") == ["Reflection 25"]
    assert "Page 2 of 2" in first.content.decode()


def test_shared_reflections_sort_by_author(client, hcp, second_hcp, trainer):
    for author in (second_hcp, hcp):
        ReflectionShareFactory(reflection=ReflectionFactory(author=author), shared_with=trainer)
    names = sorted([hcp, second_hcp], key=lambda person: (person.last_name, person.first_name))

    ascending = column(
        get_as(client, trainer, "shared-with-me", sort="author"), "Reflections shared with you", 1
    )
    descending = column(
        get_as(client, trainer, "shared-with-me", sort="-author"), "Reflections shared with you", 1
    )

    assert ascending == [f"By {person.get_full_name()}" for person in names]
    assert descending == ascending[::-1]


def test_goals_sort_by_review_date(client, hcp):
    today = timezone.localdate()
    for title, days in (("Later", 60), ("Sooner", 10), ("Middle", 30)):
        DevelopmentGoalFactory(hcp=hcp, title=title, review_on=today + timedelta(days=days))

    soonest = column(get_as(client, hcp, "plan", sort="review_on"), "Your development goals")
    latest = column(get_as(client, hcp, "plan", sort="-review_on"), "Your development goals")

    assert soonest == ["Sooner", "Middle", "Later"]
    assert latest == ["Later", "Middle", "Sooner"]


def test_goals_paginate_at_twenty_five(client, hcp):
    for number in range(26):
        DevelopmentGoalFactory(hcp=hcp, title=f"Goal {number:02d}")

    second = get_as(client, hcp, "plan", sort="title", page=2)

    assert column(second, "Your development goals") == ["Goal 25"]


def test_goal_actions_sort_by_when(client, hcp):
    goal = DevelopmentGoalFactory(hcp=hcp)
    today = timezone.localdate()
    for what, days in (("Second", 14), ("First", 7), ("Third", 21)):
        GoalActionFactory(goal=goal, what=what, due_on=today + timedelta(days=days))

    by_when = column(
        get_as(client, hcp, "goal", goal.pk, sort="due_on"), "Actions towards the goal"
    )
    by_what = column(get_as(client, hcp, "goal", goal.pk, sort="-what"), "Actions towards the goal")

    assert by_when == ["First", "Second", "Third"]
    assert by_what == ["Third", "Second", "First"]

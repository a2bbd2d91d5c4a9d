"""Other apps' pages offer "Reflect on this" only to the person the record is about."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.factories.portfolio import attended, observation, workshop
from training_site.navigation import navigation_items
from training_site.record_links import record_links
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


def _request(user):
    """A request made by a person."""
    request = RequestFactory().get("/")
    request.user = user
    return request


def _labels(hook, user, record):
    """Return the labels of the links offered to a person about a record."""
    return [link.label for link in record_links(hook, _request(user), record)]


def test_feedback_links_only_for_its_subject(hcp, trainer, feedback):
    links = record_links("register_feedback_links", _request(hcp), feedback)
    assert [(link.label, link.url) for link in links] == [
        ("Reflect on this feedback", f"/portfolio/reflections/new/?feedback={feedback.pk}")
    ]
    assert _labels("register_feedback_links", trainer, feedback) == []


def test_session_links_only_for_its_hcp(hcp, second_hcp, session):
    assert _labels("register_session_links", hcp, session) == ["Reflect on this consultation"]
    assert _labels("register_session_links", second_hcp, session) == []


def test_workshop_links_only_for_an_attendee(hcp, second_hcp, site_a, care_planning_day):
    reflect = "Reflect on this workshop"
    assert reflect in _labels("register_workshop_links", hcp, care_planning_day)
    attended(second_hcp, care_planning_day, status=BookingStatus.BOOKED)
    assert reflect not in _labels("register_workshop_links", second_hcp, care_planning_day)
    assert reflect not in _labels("register_workshop_links", hcp, workshop(site_a, title="Other"))


def test_observation_links_only_for_the_observed(hcp, trainer):
    seen = observation(hcp, trainer)
    assert _labels("register_observation_links", hcp, seen) == [
        "Add to my development plan",
        "Reflect on this observation",
    ]
    assert _labels("register_observation_links", trainer, seen) == []


def test_navigation_for_hcps_and_assessors(hcp, trainer, representative):
    assert {"label": "My portfolio", "url": "/portfolio/", "current": False} in navigation_items(
        _request(hcp)
    )
    labels = [item["label"] for item in navigation_items(_request(trainer))]
    assert "Shared reflections" in labels
    assert "My portfolio" not in labels
    labels = [item["label"] for item in navigation_items(_request(representative))]
    assert "Shared reflections" not in labels and "My portfolio" not in labels


def test_a_goal_from_an_observation_says_where_it_came_from(client, hcp, trainer):
    seen = observation(hcp, trainer)
    client.force_login(hcp)
    page = client.get(reverse("portfolio:goal-new"), {"observation": seen.pk})
    assert "Following my QA observation" in page.content.decode()

"""The timeline of my learning and the export of my portfolio."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from portfolio.exports import assessment_rows, portfolio_export
from tests.factories.competences import AssessmentEventFactory, AssessmentFactory
from tests.factories.portfolio import (
    DevelopmentGoalFactory,
    GoalActionFactory,
    ReflectionFactory,
    attended,
    simulation,
    simulation_feedback,
    workshop,
)

pytestmark = pytest.mark.django_db


def _history(hcp, site, representative, number=1):
    """Give an HCP some of each kind of learning record."""
    for n in range(number):
        day = workshop(site, title=f"Workshop {n}", days_ago=40 + n)
        attended(hcp, day)
        simulation_feedback(simulation(hcp, day), respondent=representative)
        reflection = ReflectionFactory(author=hcp, title=f"Reflection {n}", status="complete")
        goal = DevelopmentGoalFactory(hcp=hcp, title=f"Goal {n}")
        GoalActionFactory(goal=goal)
        if n == 0 and not hcp.assessments.exists():
            assessment = AssessmentFactory(hcp=hcp)
            AssessmentEventFactory(assessment=assessment)
            reflection.competences.add(assessment.competence)


def test_the_timeline_shows_each_kind_of_learning(client, hcp, site_a, representative):
    _history(hcp, site_a, representative)
    client.force_login(hcp)
    page = client.get(reverse("portfolio:timeline"))
    for text in (
        "Workshop 0",
        "Representative&#x27;s feedback",
        "Reflection 0",
        "Goal 0",
        "Diab HA1",
        "Self-assessed",
    ):
        assertContains(page, text)


def test_the_timeline_filters_by_kind_dates_and_competence(client, hcp, site_a, representative):
    _history(hcp, site_a, representative)
    client.force_login(hcp)
    page = client.get(reverse("portfolio:timeline"), {"kind": ["workshop"]})
    assertContains(page, "Workshop 0")
    assertNotContains(page, "Reflection 0")
    recent = (timezone.localdate() - timedelta(days=5)).isoformat()
    page = client.get(reverse("portfolio:timeline"), {"start": recent})
    assertNotContains(page, "Workshop 0")
    assertContains(page, "Goal 0")
    competence = hcp.assessments.get().competence
    page = client.get(reverse("portfolio:timeline"), {"competence": competence.pk})
    assertContains(page, "Reflection 0")
    assertNotContains(page, "Goal 0")


def test_a_date_range_the_wrong_way_round_says_so(client, hcp):
    client.force_login(hcp)
    page = client.get(reverse("portfolio:timeline"), {"start": "2026-05-01", "end": "2026-01-01"})
    assertContains(page, "The end date must be the same as or after the start date.")


def test_the_timeline_shows_nothing_of_anyone_else(client, hcp, second_hcp, site_a, representative):
    _history(second_hcp, site_a, representative)
    client.force_login(hcp)
    page = client.get(reverse("portfolio:timeline"))
    assertNotContains(page, "Reflection 0")
    assertNotContains(page, "Workshop 0")


@pytest.mark.parametrize("fixture", ["trainer", "manager", "outsider"])
def test_the_timeline_and_export_are_for_hcps(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("portfolio:timeline")).status_code == 404
    assert client.get(reverse("portfolio:export")).status_code == 404


def test_the_timeline_reads_in_a_fixed_number_of_queries(
    client, hcp, site_a, representative, django_assert_max_num_queries
):
    client.force_login(hcp)
    _history(hcp, site_a, representative, number=1)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("portfolio:timeline"))
    _history(hcp, site_a, representative, number=8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("portfolio:timeline"))


def test_the_json_export_holds_the_chosen_parts_with_documented_keys(
    client, hcp, site_a, representative
):
    _history(hcp, site_a, representative)
    chosen = ReflectionFactory(author=hcp, title="Chosen one")
    ReflectionFactory(author=hcp, title="Left out")
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:export"),
        {"parts": ["reflections", "goals"], "reflections": [chosen.pk], "file_format": "json"},
    )
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["format"] == "yoc-portfolio/1"
    assert document["person"]["email"] == hcp.email
    assert [r["title"] for r in document["reflections"]] == ["Chosen one"]
    assert document["reflections"][0]["sections"][0] == {
        "label": "What?",
        "text": "I led with the results.",
    }
    assert document["goals"][0]["actions"][0]["who"] == "Me"
    assert "feedback" not in document


def test_the_pdf_export_is_a_pdf(client, hcp, site_a, representative):
    _history(hcp, site_a, representative)
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:export"),
        {
            "parts": ["reflections", "goals", "feedback", "workshops", "assessments"],
            "file_format": "pdf",
        },
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_an_export_with_nothing_chosen_says_so(client, hcp):
    client.force_login(hcp)
    response = client.post(reverse("portfolio:export"), {"file_format": "pdf"})
    assertContains(response, "Choose at least one part of your portfolio to export.")


def test_an_export_never_includes_someone_elses_reflection(client, hcp, second_hcp):
    theirs = ReflectionFactory(author=second_hcp, title="Not yours", status="complete")
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:export"),
        {"parts": ["reflections"], "reflections": [theirs.pk], "file_format": "json"},
    )
    assertContains(response, "Select a valid choice")
    document = portfolio_export(hcp=hcp, parts=["reflections"])
    assert document.parts["reflections"] == []


def test_timeline_entries_lead_to_the_workshop_and_the_feedback_not_to_each_evidence_step(
    client, hcp, site_a, representative
):
    day = workshop(site_a, title="Bow workshop", days_ago=20)
    attended(hcp, day)
    response = simulation_feedback(simulation(hcp, day), respondent=representative)
    assessment = AssessmentFactory(hcp=hcp)
    AssessmentEventFactory(assessment=assessment, action="evidence_added")
    client.force_login(hcp)
    page = client.get(reverse("portfolio:timeline"))
    assertContains(page, reverse("workshops:booking", args=[day.pk]))
    assertContains(page, reverse("feedback:response-detail", args=[response.pk]))
    assertNotContains(page, "Added evidence")


def test_the_pdf_says_what_each_piece_of_evidence_was(hcp):
    assessment = AssessmentFactory(hcp=hcp)
    AssessmentEventFactory(
        assessment=assessment, action="evidence_added", note="Attended Care planning day"
    )
    document = portfolio_export(hcp=hcp, parts=["assessments"], reflections=[])
    steps = [row[1] for row in assessment_rows(document.parts["assessments"])]
    assert "Added evidence: Attended Care planning day" in steps

"""Templates ask a record's workflow what it allows; none compares a status string."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from training_site.workflow import WORKFLOW_RULES, may

STATUS_COMPARISON = re.compile(r"\b(?:\w+\.)?status\s*(?:==|!=)|\.\s*state\s*(?:==|!=)")


def _templates():
    root = Path(settings.BASE_DIR)
    return [
        path
        for path in root.glob("*/templates/**/*.html")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]


def test_no_template_compares_a_status_string():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in _templates()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if STATUS_COMPARISON.search(line)
    ]
    assert found == []


def test_the_scan_would_catch_a_comparison():
    assert STATUS_COMPARISON.search('{% if booking.status == "booked" %}')
    assert STATUS_COMPARISON.search("{% if row.link.state != 'open' %}")


def test_each_workflow_is_registered():
    assert {"workshops.booking", "workshops.workshop", "competences.assessment"} <= set(
        WORKFLOW_RULES
    )
    assert "quality.qaobservation" in WORKFLOW_RULES


def test_nothing_is_allowed_for_no_record():
    assert may(None, "cancel") is False
    rendered = Template('{% load status %}{% if booking|may:"cancel" %}yes{% else %}no{% endif %}')
    assert rendered.render(Context({"booking": None})) == "no"


@pytest.mark.django_db
def test_an_unknown_action_is_an_error_not_a_silent_no(hcp):
    from competences.models import Assessment, AssessmentStatus

    assessment = Assessment(hcp=hcp, status=AssessmentStatus.VERIFIED)
    assert may(assessment, "show_verified_level")
    with pytest.raises(KeyError):
        may(assessment, "publish")

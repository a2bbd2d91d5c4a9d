"""Every status of every registered workflow has a tag colour, and templates never pick one."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.template import Context, Template
from django.utils import timezone

from feedback.models import FeedbackLink
from training_site.status import STATUS_CHOICES, STATUS_COLOURS, status_colours
from workshops.models import Booking, BookingStatus

ROOT = Path(__file__).resolve().parents[2]
STATUS_COMPARISON = re.compile(r"\.status\s*(==|!=)\s*['\"]")


def test_every_registered_status_field_has_a_colour_for_each_of_its_values():
    assert len(STATUS_COLOURS) >= 6
    for (label, field), colours in STATUS_COLOURS.items():
        model = apps.get_model(label)
        try:
            values = {value for value, _ in model._meta.get_field(field).choices}
        except FieldDoesNotExist:
            assert isinstance(getattr(model, field), property), label
            values = set(STATUS_CHOICES[(label, field)].values)
        assert values == set(colours), label


def test_a_derived_state_draws_its_tag_too(db):
    link = FeedbackLink(expires_at=timezone.now() - timedelta(minutes=1))
    html = Template('{% load status %}{% status_tag link "state" %}').render(
        Context({"link": link})
    )
    assert html == '<strong class="nhsuk-tag nhsuk-tag--grey">Expired</strong>'


def test_a_status_without_a_colour_is_refused_when_declared():
    with pytest.raises(ValueError, match="no colour"):
        status_colours("workshops.Booking", BookingStatus, {BookingStatus.BOOKED: "green"})


def test_status_tag_draws_the_label_in_the_declared_colour():
    booking = Booking(status=BookingStatus.WAITING)
    html = Template("{% load status %}{% status_tag booking %}").render(
        Context({"booking": booking})
    )
    assert html == '<strong class="nhsuk-tag nhsuk-tag--yellow">On the waiting list</strong>'


@pytest.mark.parametrize(
    "app", ["workshops", "quality", "portfolio", "curriculum"], ids=lambda app: app
)
def test_templates_of_the_workflow_apps_choose_no_colour_by_comparing_a_status(app):
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / app / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if STATUS_COMPARISON.search(line) and "nhsuk-tag" in line
    ]
    assert offenders == []

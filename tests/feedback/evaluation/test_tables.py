"""Workshop evaluation tables: change by question or group and what is outstanding, sorted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.evaluation.services import evaluation_submit
from feedback.models import InstrumentVersion
from tests.factories.evaluation import (
    RESULTS,
    SKILL,
    after_version,
    before_version,
    booking,
    targeting_workshop,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def versions(db, settings):
    """The published questionnaires; groups of two or more are shown."""
    settings.SMALL_NUMBER_THRESHOLD = 2
    return before_version(), after_version()


def seen_order(page, *texts):
    """Return the texts in the order they appear on the page."""
    return sorted(texts, key=page.content.decode().index)


def submit(place, stage, values):
    """Answer a questionnaire for a booking with a confidence per question code."""
    version = InstrumentVersion.objects.get(instrument__purpose=f"workshop_{stage}")
    by_code = {item.code: item.pk for item in version.items.all()}
    when = place.workshop.starts_at - timedelta(hours=1) if stage == "before" else None
    evaluation_submit(
        booking=place,
        stage=stage,
        version=version,
        values={by_code[code]: (value, "", False) for code, value in values.items()},
        now=when,
    )


def attendee(workshop, organisation, before, after):
    """An attendee answering before and after with the given confidence per question."""
    place = booking(workshop, person_with_role(Role.HCP, organisation), BookingStatus.ATTENDED)
    submit(place, "before", before)
    submit(place, "after", after)


def past_workshop(site, **fields):
    """A workshop that started three days ago."""
    return targeting_workshop(site, starts_at=timezone.now() - timedelta(days=3), **fields)


def test_change_report_sorts_each_group_by_change(client, site_a, site_b, admin):
    for site, after in ((site_a, 6), (site_b, 3)):
        for _ in range(2):
            attendee(past_workshop(site), site, {"conf_agenda": 2}, {"conf_agenda": after})
    client.force_login(admin)
    url = reverse("feedback:evaluation-report")
    a, b = 'cell">Site A<', 'cell">Site B<'
    assert seen_order(client.get(url), a, b) == [a, b]
    assert seen_order(client.get(url + "?site-sort=change"), a, b) == [b, a]
    assert seen_order(client.get(url + "?site-sort=-change"), a, b) == [a, b]


def test_workshop_evaluation_sorts_questions(client, site_a, trainer):
    held = past_workshop(site_a, trainers=[trainer])
    for _ in range(2):
        attendee(
            held,
            site_a,
            {"conf_agenda": 2, "conf_results": 5},
            {"conf_agenda": 6, "conf_results": 6},
        )
    client.force_login(trainer)
    url = reverse("feedback:evaluation-workshop", args=[held.pk])
    skill, results = f'cell">{SKILL}<', f'cell">{RESULTS}<'
    biggest_first = client.get(url + "?sort=-change")
    assert seen_order(biggest_first, skill, results) == [skill, results]
    assert seen_order(client.get(url + "?sort=change"), skill, results) == [results, skill]


def test_outstanding_sorts_by_not_answered_and_pages(client, site_a, trainer):
    ended = []
    for number in range(26):
        held = targeting_workshop(
            site_a,
            starts_at=timezone.now() - timedelta(days=2, minutes=number),
            trainers=[trainer],
            title=f"Workshop {number:02}",
        )
        for _ in range(1 + (number == 7)):
            booking(held, person_with_role(Role.HCP, site_a), BookingStatus.ATTENDED)
        ended.append(held)
    client.force_login(trainer)
    url = reverse("feedback:evaluation-outstanding")
    first = client.get(url).content.decode()
    assert first.count("Workshop ") == 25
    assert "Page 2 of 2" in first
    assert client.get(url + "?page=2").content.decode().count("Workshop ") == 1
    most = client.get(url + "?sort=-outstanding").content.decode()
    assert most.index("Workshop 07,") < min(
        most.index(f"Workshop {n:02},") for n in range(26) if n != 7 and f"Workshop {n:02}," in most
    )

"""An attended HCP answers the after questionnaire on a phone; the trainer reads the evaluation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from curriculum.models import ModulePage
from feedback.evaluation import queries
from feedback.evaluation.services import evaluation_submit
from feedback.models import ItemKind
from tests.e2e.conftest import assert_accessible, screenshot, sign_in
from tests.factories.training_site import person_with_role
from training_site.models import Role, User
from workshops.models import Booking, BookingStatus, Workshop

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ended_workshop(demo_network):
    """A workshop the demo trainer ran yesterday; the demo HCP and four others attended."""
    trainer = User.objects.get(email="trainer@example.org")
    site = trainer.memberships.get(role=Role.TRAINER).organisation
    module = ModulePage.objects.filter(competences__code="Diab HA1").first()
    starts = timezone.now() - timedelta(days=1, hours=8)
    workshop = Workshop.objects.create(
        title="Care planning in practice",
        programme=module.get_parent().specific,
        site=site,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        capacity=12,
    )
    workshop.modules.add(module)
    workshop.trainers.add(trainer)
    hcp = User.objects.get(email="hcp@example.org")
    Booking.objects.create(workshop=workshop, hcp=hcp, status=BookingStatus.BOOKED)
    Booking.objects.filter(workshop=workshop, hcp=hcp).update(status=BookingStatus.ATTENDED)
    for number in range(4):
        person = person_with_role(Role.HCP, site, email=f"attendee{number}@example.org")
        place = Booking.objects.create(workshop=workshop, hcp=person, status=BookingStatus.ATTENDED)
        _answer(place, queries.BEFORE, 4 + number % 2, starts - timedelta(days=1))
        _answer(place, queries.AFTER, 7, timezone.now())
    return workshop


def _answer(place, stage, value, now):
    """Answer every rated question of a stage with one value, and comment after."""
    version = queries.stage_version(stage)
    values = {}
    for item in queries.relevant_items(version, place.workshop, stage):
        text = "Practising with a representative." if item.kind == ItemKind.TEXT else ""
        values[item.pk] = (None if text else value, text, False)
    evaluation_submit(booking=place, stage=stage, version=version, values=values, now=now)


def test_attended_hcp_answers_after_on_a_phone(ended_workshop, live_server, open_page):
    workshop = ended_workshop
    hcp = User.objects.get(email="hcp@example.org")
    place = Booking.objects.get(workshop=workshop, hcp=hcp)
    _answer(place, queries.BEFORE, 3, workshop.starts_at - timedelta(days=1))
    page = open_page("phone")
    sign_in(page, live_server, "hcp@example.org")
    expect(page.get_by_role("heading", name="Evaluations to complete")).to_be_visible()
    screenshot(page, "evaluation-hcp-home-phone")

    page.get_by_role("link", name="Care planning in practice: after the workshop").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Evaluate this workshop: after the workshop"
    )
    assert_accessible(page)
    screenshot(page, "evaluation-after-phone")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    for group in page.locator("fieldset").all():
        group.get_by_label("8", exact=True).check()
    page.get_by_label("What would improve the workshop?").fill("More time for practice.")
    page.get_by_role("button", name="Send my answers").click()

    assert "Your answers after the workshop have been received." in page.content()
    assert_accessible(page)
    screenshot(page, "evaluation-thanks-phone")
    assert queries.answered(queries.AFTER, workshop, hcp)
    page.get_by_role("link", name="Your workshop evaluations").click()
    assert "Answered" in page.get_by_role("main").inner_text()
    assert_accessible(page)
    screenshot(page, "evaluation-mine-phone")


def test_trainer_reads_the_evaluation(ended_workshop, live_server, open_page):
    workshop = ended_workshop
    hcp = User.objects.get(email="hcp@example.org")
    place = Booking.objects.get(workshop=workshop, hcp=hcp)
    _answer(place, queries.BEFORE, 3, workshop.starts_at - timedelta(days=1))
    _answer(place, queries.AFTER, 8, timezone.now())
    for viewport in ("desktop", "phone"):
        page = open_page(viewport)
        sign_in(page, live_server, "trainer@example.org")
        expect(page.get_by_role("heading", name="Evaluations outstanding")).to_be_visible()
        screenshot(page, f"evaluation-trainer-home-{viewport}")
        page.goto(f"{live_server.url}/feedback/evaluations/results/{workshop.pk}/")

        assert page.get_by_role("heading", level=1).inner_text() == "Workshop evaluation"
        assert "5 of 5" in page.content()
        table = page.get_by_role("table", name="Confidence before and after, by question")
        assert table.get_by_role("row").count() > 1
        assert "Practising with a representative." in page.content()
        assert "Hannah" not in page.locator("main").inner_text()
        chart = page.get_by_role("img", name="Mean confidence before and after")
        assert chart.evaluate("image => image.complete && image.naturalWidth > 0")
        assert_accessible(page)
        screenshot(page, f"evaluation-workshop-{viewport}")
        page.goto(f"{live_server.url}/feedback/evaluations/report/")
        assert_accessible(page)
        screenshot(page, f"evaluation-report-{viewport}")

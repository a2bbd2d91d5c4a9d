"""The appraisal pack: CPD hours by month, competence standing, chosen reflections, who gets it."""

import io
import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from portfolio.appraisal import appraisal_pack
from portfolio.models import CpdActivity, ReflectionShare
from tests.factories.competences import AssessmentFactory, national_competence
from tests.factories.portfolio import (
    DevelopmentGoalFactory,
    ReflectionFactory,
    attended,
    simulation,
    simulation_feedback,
    workshop,
)

pytestmark = pytest.mark.django_db

YEAR = {"year": "2025", "starts": "4"}


def _attended_on(hcp, site, day, hours, title):
    """The HCP attended a workshop at noon on a day, worth some CPD hours."""
    held = workshop(site, title=title)
    noon = timezone.make_aware(datetime.combine(day, time(12)))
    type(held).objects.filter(pk=held.pk).update(
        starts_at=noon, ends_at=noon + timedelta(hours=3), cpd_hours=Decimal(hours)
    )
    attended(hcp, held)


def _activity(hcp, day, hours, participatory=False, title="Reading"):
    """CPD the HCP did elsewhere on a day."""
    return CpdActivity.objects.create(
        hcp=hcp, title=title, date=day, hours=Decimal(hours), participatory=participatory
    )


@pytest.fixture
def year_of_cpd(hcp, site_a):
    """CPD on both sides of the April 2025 to March 2026 year's boundaries."""
    _attended_on(hcp, site_a, date(2025, 3, 31), "5", "Too early workshop")
    _attended_on(hcp, site_a, date(2025, 4, 1), "6", "First day workshop")
    _attended_on(hcp, site_a, date(2026, 3, 31), "3", "Last day workshop")
    _attended_on(hcp, site_a, date(2026, 4, 1), "4", "Too late workshop")
    _activity(hcp, date(2025, 3, 31), "7", title="Too early course")
    _activity(hcp, date(2025, 4, 15), "2.5", participatory=True, title="Study group")
    _activity(hcp, date(2026, 3, 20), "1.5", title="Online module")
    _activity(hcp, date(2026, 4, 1), "8", title="Too late course")


@pytest.fixture
def verified(hcp, hcp_post, trainer):
    """The HCP's Diab HA1 is verified at level 3 by the trainer."""
    return AssessmentFactory(
        hcp=hcp, competence=national_competence("Diab HA1"), verified=True, assessor=trainer
    )


def _pack(client, url, **data):
    """Post the pack form and answer the response."""
    return client.post(url, {**YEAR, "file_format": "json", **data})


def test_cpd_hours_count_by_month_only_within_the_year(hcp, year_of_cpd):
    cpd = appraisal_pack(hcp=hcp, start_year=2025, starts_month=4)["cpd"]
    months = {m["month"]: m for m in cpd["months"]}
    assert list(months)[0] == "April 2025" and list(months)[-1] == "March 2026"
    assert months["April 2025"] == {
        "month": "April 2025",
        "workshop_hours": "6.0",
        "activity_hours": "2.5",
        "participatory_hours": "8.5",
        "total_hours": "8.5",
    }
    assert months["March 2026"]["total_hours"] == "4.5"
    assert months["March 2026"]["participatory_hours"] == "3.0"
    assert months["October 2025"]["total_hours"] == "0.0"
    assert cpd["total_hours"] == "13.0"
    assert cpd["participatory_hours"] == "11.5"
    titles = [w["title"] for w in cpd["workshops"]] + [a["title"] for a in cpd["activities"]]
    assert titles == ["First day workshop", "Last day workshop", "Study group", "Online module"]


def test_a_year_starting_in_another_month_moves_the_boundary(hcp, year_of_cpd):
    cpd = appraisal_pack(hcp=hcp, start_year=2025, starts_month=1)["cpd"]
    assert cpd["months"][0]["month"] == "January 2025"
    assert cpd["total_hours"] == "20.5"


def test_the_json_pack_has_its_documented_parts(client, hcp, year_of_cpd, verified, trainer):
    DevelopmentGoalFactory(hcp=hcp, title="Agree goals with every patient")
    client.force_login(hcp)
    response = _pack(client, reverse("portfolio:appraisal"))
    assert response["Content-Type"] == "application/json"
    assert "appraisal-pack-" in response["Content-Disposition"]
    pack = json.loads(response.content)
    assert pack["format"] == "yoc-appraisal-pack/1"
    assert pack["title"].startswith("Appraisal pack of ")
    assert pack["title"].endswith("April 2025 to March 2026")
    assert pack["year"] == {"starts_on": "2025-04-01", "ends_on": "2026-03-31"}
    assert set(pack) == {
        "format", "title", "person", "prepared_at", "prepared_for", "year",
        "competences", "cpd", "reflections", "feedback", "goals",
    }  # fmt: skip
    standing = {c["competence"].split()[1]: c for c in pack["competences"]}
    assert standing["HA1"]["state"] == "Verified"
    assert standing["HA1"]["verified_level"] == "3 Competent"
    assert standing["HA1"]["verified_by"] == trainer.get_full_name()
    assert standing["HA1"]["expires_on"] == verified.expires_on.isoformat()
    assert standing["HA2"]["state"] == "Not started"
    assert standing["HA2"]["required_level"] == "3 Competent"
    assert pack["cpd"]["total_hours"] == "13.0"
    assert [g["title"] for g in pack["goals"]] == ["Agree goals with every patient"]
    assert pack["reflections"] == []


def test_the_pdf_pack_opens_and_shows_the_totals_and_standings(
    client, hcp, year_of_cpd, verified, trainer
):
    chosen = ReflectionFactory(author=hcp, title="What the day taught me", status="complete")
    ReflectionFactory(author=hcp, title="A private thought", status="complete")
    client.force_login(hcp)
    response = _pack(
        client, reverse("portfolio:appraisal"), file_format="pdf", reflections=[chosen.pk]
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Appraisal pack of" in text
    assert "April 2025 to March 2026" in text
    assert "Total CPD hours: 13.0, of which participatory: 11.5." in text
    assert "Diab HA1" in text and "Verified" in text
    assert trainer.get_full_name() in text
    assert "Not started" in text
    assert "What the day taught me" in text
    assert "A private thought" not in text
    assert "Too early workshop" not in text and "Too late course" not in text


def test_a_reflection_not_chosen_is_not_in_the_pack(client, hcp):
    chosen = ReflectionFactory(author=hcp, title="Chosen", status="complete")
    ReflectionFactory(author=hcp, title="Not chosen", status="complete")
    client.force_login(hcp)
    response = _pack(client, reverse("portfolio:appraisal"), reflections=[chosen.pk])
    pack = json.loads(response.content)
    assert [r["title"] for r in pack["reflections"]] == ["Chosen"]
    assert "Not chosen" not in json.dumps(pack)


def test_the_pack_holds_nothing_of_another_hcp(client, hcp, second_hcp, site_a):
    _attended_on(second_hcp, site_a, date(2025, 6, 1), "6", "Their workshop")
    _activity(second_hcp, date(2025, 6, 2), "4", title="Their course")
    theirs = ReflectionFactory(author=second_hcp, title="Their reflection", status="complete")
    client.force_login(hcp)
    response = _pack(client, reverse("portfolio:appraisal"), reflections=[theirs.pk])
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    pack = json.loads(_pack(client, reverse("portfolio:appraisal")).content)
    assert pack["cpd"]["total_hours"] == "0.0"
    assert "Their" not in json.dumps(pack)


def test_a_manager_gets_only_reflections_shared_with_them(client, hcp, manager):
    shared = ReflectionFactory(author=hcp, title="Shared with my manager", status="complete")
    ReflectionShare.objects.create(reflection=shared, shared_with=manager)
    private = ReflectionFactory(author=hcp, title="Kept to myself", status="complete")
    url = reverse("portfolio:person-appraisal", args=[hcp.pk])
    client.force_login(manager)
    page = client.get(url)
    assert "Shared with my manager" in page.content.decode()
    assert "Kept to myself" not in page.content.decode()
    refused = _pack(client, url, reflections=[private.pk])
    assert "Select a valid choice" in refused.content.decode()
    pack = json.loads(_pack(client, url, reflections=[shared.pk]).content)
    assert [r["title"] for r in pack["reflections"]] == ["Shared with my manager"]
    assert pack["prepared_for"] == manager.get_full_name()
    assert pack["person"]["email"] == hcp.email


def test_a_withdrawn_share_leaves_the_managers_pack(client, hcp, manager):
    reflection = ReflectionFactory(author=hcp, title="Once shared", status="complete")
    ReflectionShare.objects.create(
        reflection=reflection, shared_with=manager, withdrawn_at=timezone.now()
    )
    client.force_login(manager)
    url = reverse("portfolio:person-appraisal", args=[hcp.pk])
    assert "Once shared" not in client.get(url).content.decode()


@pytest.mark.parametrize("fixture", ["other_manager", "second_hcp", "outsider"])
def test_someone_who_may_not_see_the_person_gets_404(client, request, hcp, fixture):
    client.force_login(request.getfixturevalue(fixture))
    url = reverse("portfolio:person-appraisal", args=[hcp.pk])
    assert client.get(url).status_code == 404
    assert _pack(client, url).status_code == 404


def test_the_managers_view_of_the_plan_links_to_the_pack(client, hcp, manager):
    client.force_login(manager)
    page = client.get(reverse("competences:person", args=[hcp.pk]))
    assert reverse("portfolio:person-appraisal", args=[hcp.pk]) in page.content.decode()


def test_the_pack_form_offers_this_appraisal_year_first(client, hcp):
    client.force_login(hcp)
    page = client.get(reverse("portfolio:appraisal")).content.decode()
    today = timezone.localdate()
    current = today.year if today.month >= 4 else today.year - 1
    assert f'<option value="{current}" selected>' in page
    assert '<option value="4" selected>April</option>' in page


def test_the_pack_holds_the_feedback_received_in_the_year(hcp, site_a, representative):
    day = workshop(site_a)
    in_year = simulation_feedback(simulation(hcp, day), respondent=representative)
    before = simulation_feedback(simulation(hcp, day, title="Mr Khan"), respondent=representative)
    type(in_year).objects.filter(pk=in_year.pk).update(
        submitted_at=timezone.make_aware(datetime(2025, 5, 2, 10))
    )
    type(before).objects.filter(pk=before.pk).update(
        submitted_at=timezone.make_aware(datetime(2025, 3, 2, 10))
    )
    feedback = appraisal_pack(hcp=hcp, start_year=2025, starts_month=4)["feedback"]
    assert [f["about"] for f in feedback] == ["Mrs Smith's review"]
    assert feedback[0]["submitted_at"].startswith("2025-05-02")

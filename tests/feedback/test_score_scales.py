"""Every feedback score is shown with the scale it lies on."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from feedback import scoring
from feedback.models import ItemKind
from tests.factories.feedback import (
    instrument_version,
    item,
    representative_version,
    simulation_session,
)
from tests.feedback.test_reports import rate

pytestmark = pytest.mark.django_db


def test_a_mean_lies_between_the_lowest_and_highest_points_of_its_items():
    assert str(scoring.scale([(1, 5), (1, 5)], scoring.MEAN)) == "1 to 5"
    assert str(scoring.scale([(1, 5), (0, 2)], scoring.MEAN)) == "0 to 5"


def test_a_sum_lies_between_the_totals_of_its_items_points():
    assert str(scoring.scale([(1, 5), (0, 10)], scoring.SUM)) == "1 to 15"


def test_a_version_without_scored_questions_has_no_scale(db):
    version = instrument_version(
        "representative_feedback", [item("went_well", ItemKind.TEXT)], name="Words only"
    )
    assert version.score_scale is None


def test_a_version_scales_only_its_scored_questions(db):
    version = instrument_version(
        "representative_feedback",
        [
            item("story_heard"),
            item("plan_confidence", ItemKind.SCALE_0_10, in_score=False),
            item("plan_mine", ItemKind.YES_PARTLY_NO),
        ],
        name="Mixed",
        scoring_method="sum",
    )
    assert str(version.score_scale) == "1 to 7"


def test_hcp_reads_its_scores_with_their_scale(client, hcp, session, rep_version):
    response = rate(session, rep_version, 4)
    client.force_login(hcp)
    listing = client.get(reverse("feedback:mine")).content.decode()
    assert f"Score {response.score:g} on a scale of 0 to 5" in listing
    detail = client.get(reverse("feedback:response-detail", args=[response.pk]))
    assert "on a scale of 0 to 5" in detail.content.decode()


def test_scores_over_time_have_a_scale_column(client, hcp, session, rep_version):
    rate(session, rep_version, 4)
    client.force_login(hcp)
    page = client.get(reverse("feedback:person-report", args=[hcp.pk]))
    table = BeautifulSoup(page.content, "html.parser").find("table")
    headings = [th.get_text(strip=True) for th in table.find_all("th")]
    assert "Scale" in headings
    cells = [td.get_text(strip=True) for td in table.find("tbody").find_all("td")]
    assert "0 to 5" in cells


def test_report_names_the_scale_of_its_mean_scores(client, manager, session, rep_version):
    rate(session, rep_version, 4)
    client.force_login(manager)
    page = client.get(reverse("feedback:report")).content.decode()
    assert "Mean score (0 to 5)" in page
    assert "different scales" not in page


def test_report_says_when_versions_score_on_different_scales(
    client, manager, session, rep_version, workshop_a, hcp
):
    rate(session, rep_version, 4)
    newer = representative_version(scoring_method="sum")
    rate(simulation_session(workshop_a, hcp), newer, 4)
    client.force_login(manager)
    page = client.get(reverse("feedback:report")).content.decode()
    assert "different scales (0 to 5; 2 to 12)" in page

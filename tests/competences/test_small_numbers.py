"""The gap profile hides the share met of a group smaller than the small-number threshold."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from competences import exports, gaps
from competences.gap_views import heatmap_grid

pytestmark = pytest.mark.django_db


def get_as(client, user, name, **params):
    """Fetch a gap page or download signed in as a person."""
    client.force_login(user)
    return client.get(reverse(f"competences:{name}"), params)


def cells_by_code(response):
    """Return the summary table's cell texts by competence code."""
    soup = BeautifulSoup(response.content, "html.parser")
    caption = next(c for c in soup.find_all("caption") if "per competence" in c.get_text())
    table = caption.find_parent("table")
    return {
        " ".join(tr.th.strong.get_text().split()): [
            " ".join(td.get_text(" ").split()) for td in tr.find_all("td")
        ]
        for tr in table.tbody.find_all("tr")
    }


def test_profile_page_says_fewer_than_five_for_a_small_group(client, manager, workforce):
    rows = cells_by_code(get_as(client, manager, "gap-profile"))

    assert rows["Diab HA1"][:5] == ["3", "2", "0", "1", "fewer than 5"]
    assert "67%" not in rows["Diab HA1"]


def test_profile_page_comparison_hides_small_groups(client, manager, workforce):
    rows = cells_by_code(get_as(client, manager, "gap-profile", compare="2020-01-01"))

    assert "%" not in " ".join(" ".join(cells) for cells in rows.values())


def test_heatmap_table_and_description_hide_small_groups(client, manager, workforce):
    response = get_as(client, manager, "gap-profile")

    soup = BeautifulSoup(response.content, "html.parser")
    caption = next(c for c in soup.find_all("caption") if "heatmap" in c.get_text())
    cells = [td.get_text(" ", strip=True) for td in caption.find_parent("table").find_all("td")]
    assert "fewer than 5 (3)" in cells
    assert not [c for c in cells if "%" in c]
    assert "% met" not in soup.find("img", class_="yoc-chart")["alt"]


def test_summary_csv_says_fewer_than_five_for_a_small_group(client, manager, workforce):
    response = get_as(client, manager, "gap-summary-csv")

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    title, _blank, header, *rows = csv.reader(io.StringIO(content))
    assert title[0].startswith("Care planning skills profile, per competence: Site A")
    assert header[-1] == "% met"
    assert [row[-1] for row in rows] == ["fewer than 5"] * 3


def test_board_pdf_tables_say_fewer_than_five_for_a_small_group(site_a, workforce):
    summaries, cells = gaps.profile(site_a)
    before = {s.competence.pk: s for s in summaries}

    rows = list(exports.summary_table_rows(summaries, before))
    unit_rows = list(exports.heatmap_table_rows(heatmap_grid(cells)))

    assert rows[1][-2:] == ["fewer than 5", "not shown"]
    assert not [cell for row in rows[1:] + unit_rows[1:] for cell in row if "%" in cell]


def test_shares_show_at_the_threshold(client, manager, workforce, settings):
    settings.SMALL_NUMBER_THRESHOLD = 3

    rows = cells_by_code(get_as(client, manager, "gap-profile"))

    assert rows["Diab HA1"][4] == "67%"

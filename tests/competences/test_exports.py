"""Gap profile downloads: streamed CSV, XLSX with the same numbers, and the PDF report."""

import csv
import io
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories.competences import (
    AssessmentFactory,
    CompetenceFactory,
    PostProfileFactory,
    PostRequirementFactory,
    StaffPostFactory,
    national_competence,
)
from tests.factories.training_site import OrganisationFactory, person_with_role
from training_site.models import OrganisationKind, Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_share_shown(settings):
    """Show every share, however small the group: these tests check the arithmetic."""
    settings.SMALL_NUMBER_THRESHOLD = 1


SUMMARY_HEADER = [
    "Code",
    "Competence",
    "KSF",
    "Need it",
    "Met",
    "Self-assessed only",
    "Gap",
    "% met",
]
FORMULAS = ['=HYPERLINK("http://evil.example","Open")', "+1+2", "-1+2", "@SUM(1,2)"]


def download(client, user, name, **params):
    """Fetch a download signed in as a person, through its status page if it is prepared."""
    client.force_login(user)
    response = client.get(reverse(f"competences:{name}"), params)
    if response.status_code == 302 and response["Location"].startswith("/downloads/"):
        status = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
        return client.get(status.find("a", string=re.compile(r"^Download "))["href"])
    return response


def body(response):
    """Return the bytes of a streamed or ordinary response."""
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    """Return a streamed CSV download's rows, checking it starts with a UTF-8 byte-order mark."""
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")
    return without_title(list(csv.reader(io.StringIO(content.decode("utf-8-sig")))))


def without_title(rows):
    """Return a download's rows after its title line, checking the line is a title."""
    title, blank, *rows = rows
    assert title[0].startswith("Care planning skills") and ", as on " in title[0]
    assert not any(blank)
    return rows


def xlsx_rows(response):
    """Return the rows of an XLSX download's only sheet, as openpyxl reads them."""
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(body(response)))
    (sheet,) = workbook.worksheets
    assert workbook.properties.title.startswith("Care planning skills")
    return without_title([[cell.value for cell in row] for row in sheet.iter_rows()]), sheet


def as_text(rows):
    """Return rows with every cell as the text a CSV would hold."""
    return [["" if value is None else str(value) for value in row] for row in rows]


def by_email(rows):
    """Return matrix rows after the header keyed by email."""
    return {row[0]: row[1:] for row in rows[1:]}


# Who may download


@pytest.mark.parametrize(
    "name",
    ["gap-summary-csv", "gap-summary-xlsx", "gap-matrix-csv", "gap-matrix-xlsx", "gap-report"],
)
@pytest.mark.parametrize("fixture", ["outsider", "hcp", "other_manager"])
def test_people_outside_site_a_get_404_for_its_downloads(
    client, request, site_a, workforce, fixture, name
):
    person = request.getfixturevalue(fixture)

    assert download(client, person, name, organisation=site_a.pk).status_code == 404


# Summary


def test_summary_csv_is_streamed_with_a_row_per_competence(client, manager, workforce):
    response = download(client, manager, "gap-summary-csv")

    rows = csv_rows(response)
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="gap-summary-site-a-{today:%Y-%m-%d}.csv"'
    )
    assert rows == [
        SUMMARY_HEADER,
        [
            "Diab HA1",
            national_competence("Diab HA1").title,
            "HWB6 level 3",
            "3",
            "2",
            "0",
            "1",
            "67",
        ],
        [
            "Diab HA2",
            national_competence("Diab HA2").title,
            "HWB7 level 2",
            "4",
            "1",
            "1",
            "2",
            "25",
        ],
        [
            "Diab HA6",
            national_competence("Diab HA6").title,
            "HWB4 level 3",
            "3",
            "0",
            "0",
            "3",
            "0",
        ],
    ]


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("gap-summary-csv", "Care planning skills profile, per competence"),
        ("gap-matrix-csv", "Care planning skills matrix, per person"),
    ],
)
def test_csv_download_opens_with_its_organisation_and_day(
    client, manager, team_a, workforce, name, heading
):
    on = timezone.localdate() - timedelta(days=3)
    response = download(client, manager, name, organisation=team_a.pk, on=on.isoformat())
    title = next(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert title == [f"{heading}: Team A, as on {on.day} {on:%B %Y}"]


def test_xlsx_download_opens_with_its_organisation_and_day(client, manager, workforce):
    response = download(client, manager, "gap-matrix-xlsx")
    workbook = load_workbook(io.BytesIO(body(response)))
    today = timezone.localdate()
    expected = f"Care planning skills matrix, per person: Site A, as on {today.day} {today:%B %Y}"
    assert workbook.worksheets[0]["A1"].value == expected
    assert workbook.properties.title == expected


def test_summary_csv_for_a_unit_counts_only_the_unit(client, manager, team_a, workforce):
    rows = csv_rows(download(client, manager, "gap-summary-csv", organisation=team_a.pk))

    assert [row[0] for row in rows[1:]] == ["Diab HA2"]
    assert rows[1][3:] == ["1", "1", "0", "0", "100"]


def test_summary_xlsx_holds_the_same_numbers_as_the_csv(client, manager, workforce):
    from_csv = csv_rows(download(client, manager, "gap-summary-csv"))

    rows, sheet = xlsx_rows(download(client, manager, "gap-summary-xlsx"))

    assert as_text(rows) == from_csv
    assert rows[1][3:] == [3, 2, 0, 1, 67]
    assert sheet.title == "gap-summary"


@pytest.fixture
def formula_competence(practice_a, manager):
    """A local competence whose title starts with '=', needed by a post in practice A."""
    competence = CompetenceFactory(code="LOC=1", title="=1+2 formula title")
    profile = PostProfileFactory(name="Formula post", organisation=practice_a)
    PostRequirementFactory(profile=profile, competence=competence, foundation_level=1)
    StaffPostFactory(
        user=person_with_role(Role.HCP, practice_a), profile=profile, organisation=practice_a
    )
    return competence


def test_summary_csv_escapes_a_title_that_looks_like_a_formula(client, manager, formula_competence):
    rows = csv_rows(download(client, manager, "gap-summary-csv"))

    (row,) = [row for row in rows if row[0] == "LOC=1"]
    assert row[1] == "'=1+2 formula title"


def test_summary_xlsx_stores_a_formula_like_title_as_text(client, manager, formula_competence):
    rows, sheet = xlsx_rows(download(client, manager, "gap-summary-xlsx"))

    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == "LOC=1"]
    assert row[1].value == "'=1+2 formula title"
    assert row[1].data_type == "s"


# Matrix


def test_matrix_csv_is_streamed_with_a_row_per_person(
    client, manager, workforce, practice_a, team_a, practice_nurse, healthcare_assistant
):
    response = download(client, manager, "gap-matrix-csv")

    rows = csv_rows(response)
    assert rows[0] == [
        "Email",
        "First name",
        "Last name",
        "Post",
        "Organisation",
        "Diab HA1",
        "Diab HA2",
        "Diab HA6",
    ]
    nurse, assistant = (
        [practice_nurse.name, practice_a.name],
        [healthcare_assistant.name, team_a.name],
    )
    assert by_email(rows) == {
        workforce.nurse.email: [
            workforce.nurse.first_name,
            workforce.nurse.last_name,
            *nurse,
            "met",
            "self-assessed",
            "gap",
        ],
        workforce.new_nurse.email: [
            workforce.new_nurse.first_name,
            workforce.new_nurse.last_name,
            *nurse,
            "met",
            "gap",
            "gap",
        ],
        workforce.last_day.email: ["Lee", "Lastday", *nurse, "gap", "gap", "gap"],
        workforce.assistant.email: ["Asha", "Assistant", *assistant, "", "met", ""],
    }
    assert 'filename="gap-matrix-site-a-' in response["Content-Disposition"]


def test_matrix_csv_for_another_unit_leaves_out_the_rest(client, manager, team_a, workforce):
    rows = csv_rows(download(client, manager, "gap-matrix-csv", organisation=team_a.pk))

    assert list(by_email(rows)) == [workforce.assistant.email]


def test_matrix_csv_for_the_network_includes_both_sites(client, admin, workforce):
    rows = csv_rows(download(client, admin, "gap-matrix-csv"))

    assert workforce.nurse_b.email in by_email(rows)
    assert workforce.leaver.email not in by_email(rows)
    assert workforce.starter.email not in by_email(rows)
    assert len(rows) == 6


def test_matrix_xlsx_holds_the_same_rows_as_the_csv(client, manager, workforce):
    from_csv = csv_rows(download(client, manager, "gap-matrix-csv"))

    rows, sheet = xlsx_rows(download(client, manager, "gap-matrix-xlsx"))

    assert as_text(rows) == from_csv
    assert sheet.title == "gap-matrix"


@pytest.fixture
def formula_person(practice_a, practice_nurse, request):
    """A practice nurse in practice A whose last name starts like a formula."""
    person = person_with_role(Role.HCP, practice_a, first_name="Eve", last_name=request.param)
    StaffPostFactory(user=person, profile=practice_nurse, organisation=practice_a)
    return person


@pytest.mark.parametrize("formula_person", FORMULAS, indirect=True)
def test_matrix_csv_escapes_names_that_look_like_formulas(client, manager, site_a, formula_person):
    rows = csv_rows(download(client, manager, "gap-matrix-csv"))

    assert by_email(rows)[formula_person.email][:2] == ["Eve", "'" + formula_person.last_name]


@pytest.mark.parametrize("formula_person", FORMULAS, indirect=True)
def test_matrix_xlsx_stores_names_that_look_like_formulas_as_text(
    client, manager, site_a, formula_person
):
    rows, sheet = xlsx_rows(download(client, manager, "gap-matrix-xlsx"))

    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == formula_person.email]
    assert row[2].value == "'" + formula_person.last_name
    assert row[2].data_type == "s"


def test_exports_of_an_empty_site_have_only_headers(client, manager, site_a):
    assert csv_rows(download(client, manager, "gap-summary-csv")) == [SUMMARY_HEADER]
    assert csv_rows(download(client, manager, "gap-matrix-csv"))[1:] == []


# PDF


def pdf(response):
    """Return a PDF download's bytes, checking what it says it is."""
    assert response["Content-Type"] == "application/pdf"
    content = body(response)
    assert content.startswith(b"%PDF")
    return content


def test_pdf_report_downloads(client, manager, workforce):
    response = download(client, manager, "gap-report")

    content = pdf(response)
    assert len(content) > 1000
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="gap-report-site-a-{today:%Y-%m-%d}.pdf"'
    )


def test_pdf_report_compared_with_an_earlier_date_downloads(client, admin, workforce):
    earlier = timezone.localdate() - timedelta(days=30)

    pdf(download(client, admin, "gap-report", compare=earlier.isoformat()))


def test_pdf_report_of_an_empty_site_downloads(client, manager, site_a):
    pdf(download(client, manager, "gap-report"))


@pytest.mark.parametrize(
    "where",
    ["unit name", "competence title"],
)
def test_pdf_report_with_typographic_punctuation_downloads(
    client, manager, site_a, practice_nurse, where
):
    """Names pasted from documents carry curly apostrophes and dashes; the report must cope."""
    unit = OrganisationFactory(
        parent=site_a,
        kind=OrganisationKind.PRACTICE,
        name="St Mary’s Practice" if where == "unit name" else "Plain Practice",
    )
    profile = practice_nurse
    if where == "competence title":
        competence = CompetenceFactory(
            code="LOC–1", title="Agree care plans – with people’s carers"
        )
        profile = PostProfileFactory(name="Carer post")
        PostRequirementFactory(profile=profile, competence=competence)
    person = person_with_role(Role.HCP, unit)
    StaffPostFactory(user=person, profile=profile, organisation=unit)
    AssessmentFactory(hcp=person, competence=national_competence("Diab HA1"), verified=True)

    pdf(download(client, manager, "gap-report"))


@pytest.mark.parametrize(
    ("formula_person", "stored"),
    [("Bell\x07", "Bell"), ("\x07=SUM(1,2)", "'=SUM(1,2)"), ("Tab\tand\nline", "Tab\tand\nline")],
    indirect=["formula_person"],
)
def test_matrix_xlsx_leaves_out_control_characters_a_workbook_cannot_hold(
    client, manager, site_a, formula_person, stored
):
    rows, sheet = xlsx_rows(download(client, manager, "gap-matrix-xlsx"))

    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == formula_person.email]
    assert row[2].value == stored

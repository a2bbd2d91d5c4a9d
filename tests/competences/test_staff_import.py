"""Importing an HR extract: all rows or none, every bad row named, never duplicated."""

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from pytest_django.asserts import assertContains, assertRedirects

from competences.models import StaffPost
from competences.staff_columns import guess_staff_mapping
from competences.staff_imports import NOT_YOURS, staff_import
from tests.competences.test_import_choices import confirm
from training_site.models import AuditAction, AuditEvent, Membership, Profession, Role, User
from training_site.tabular import read_table

pytestmark = pytest.mark.django_db

HEADERS = (
    "Email,First name,Surname,Staff group,Job title,Practice code,Start date,"
    "Assignment number,Notes,Band"
)
NINA = "nina.nurse@example.org,Nina,Nurse,Nurse,Practice nurse,A81001,01/04/2022,1001,,5"
HARRY = (
    "harry.hca@example.org,Harry,Helper,HCA,Healthcare assistant,A81001,2023-09-01,1002,"
    '"part time, mornings",3'
)
OLA = "ola.owen@example.org,Ola,Owen,RN,Practice nurse,A81002,15/01/2020,1003,,6"
MAPPING = {
    "email": "Email",
    "full_name": "",
    "job_role": "",
    "first_name": "First name",
    "last_name": "Surname",
    "profession": "Staff group",
    "post": "Job title",
    "organisation": "Practice code",
    "cost_centre": "",
    "since": "Start date",
    "staff_number": "Assignment number",
}


def csv_upload(*lines, name="staff.csv"):
    """Return a CSV as Excel writes it: byte-order mark and Windows line endings."""
    text = "\r\n".join([HEADERS, *lines]) + "\r\n"
    return SimpleUploadedFile(name, "\ufeff".encode() + text.encode(), content_type="text/csv")


BEA = "bea.b@example.org,Bea,Beta,Nurse,Practice nurse,B82001,01/04/2022,1009,,5"
IMPORTED = ["nina.nurse@example.org", "harry.hca@example.org", "ola.owen@example.org"]
CLEAN = (NINA, HARRY, OLA)
MESSY = (
    NINA,
    HARRY,
    NINA,
    "not-an-email,Olly,Bad,Nurse,Practice nurse,A81001,01/04/2022,1004,,5",
    OLA,
)


def xlsx_upload():
    """Return an Excel workbook with real dates and numbers in its cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS.split(","))
    sheet.append(
        [
            "nina.nurse@example.org",
            "Nina",
            "Nurse",
            "Nurse",
            "Practice nurse",
            "A81001",
            date(2022, 4, 1),
            1001,
            None,
            5,
        ]
    )
    sheet.append(
        [
            "harry.hca@example.org",
            "Harry",
            "Helper",
            "Healthcare assistant",
            "Healthcare assistant",
            "A81001",
            date(2023, 9, 1),
            1002,
            "part time",
            3,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "staff.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def coded(practice_a, team_a, practice_b):
    """Give the practices and team their national codes."""
    for organisation, code in ((practice_a, "A81001"), (team_a, "A81002"), (practice_b, "B82001")):
        organisation.code = code
        organisation.save()


@pytest.fixture
def profiles(practice_nurse, healthcare_assistant):
    """The national post profiles the extract names."""


def run_import(upload, importer, mapping=None):
    """Read an upload and import it as a person."""
    table = read_table(upload)
    return staff_import(table=table, mapping=mapping or MAPPING, importer=importer)


def stored_people():
    """Return what was stored about imported people: name, profession, post, place, start."""
    return sorted(
        (
            p.user.email,
            p.user.first_name,
            p.user.last_name,
            p.user.profession,
            p.profile.name,
            p.organisation.code,
            p.since,
            p.staff_number,
        )
        for p in StaffPost.objects.select_related("user", "profile", "organisation")
    )


EXPECTED = [
    (
        "harry.hca@example.org",
        "Harry",
        "Helper",
        Profession.HEALTHCARE_ASSISTANT,
        "Healthcare assistant",
        "A81001",
        date(2023, 9, 1),
        "1002",
    ),
    (
        "nina.nurse@example.org",
        "Nina",
        "Nurse",
        Profession.NURSE,
        "Practice nurse",
        "A81001",
        date(2022, 4, 1),
        "1001",
    ),
    (
        "ola.owen@example.org",
        "Ola",
        "Owen",
        Profession.NURSE,
        "Practice nurse",
        "A81002",
        date(2020, 1, 15),
        "1003",
    ),
]


def test_columns_of_a_typical_extract_are_guessed(coded):
    table = read_table(csv_upload(*CLEAN))
    assert guess_staff_mapping(table.headers) == MAPPING


def test_clean_extract_imports_everyone(manager, coded, profiles):
    report = run_import(csv_upload(*CLEAN), manager)
    assert report.ok, report.errors
    assert (report.created, report.updated) == (3, 0)
    assert stored_people() == EXPECTED
    for email in IMPORTED:
        assert Membership.objects.filter(user__email=email, role=Role.HCP).count() == 1
    assert not User.objects.get(email="nina.nurse@example.org").has_usable_password()


def test_messy_extract_imports_nothing_and_names_every_bad_row(manager, coded, profiles):
    users_before = User.objects.count()
    report = run_import(csv_upload(*MESSY), manager)
    assert not report.ok
    bad = dict(report.bad_rows)
    assert sorted(bad) == [4, 5]
    assert bad[4] == ["This person, post and organisation are already on row 2."]
    assert bad[5] == ["'not-an-email' is not a valid email address."]
    assert User.objects.count() == users_before
    assert not StaffPost.objects.exists()
    assert not Membership.objects.filter(user__email__in=IMPORTED).exists()


def test_reimporting_creates_no_duplicates_and_updates_names(manager, coded, profiles):
    run_import(csv_upload(*CLEAN), manager)
    renamed = NINA.replace(",Nina,Nurse,", ",Nina-Marie,Nurse-Jones,")
    report = run_import(csv_upload(renamed, HARRY, OLA), manager)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert User.objects.filter(email__in=IMPORTED).count() == 3
    assert StaffPost.objects.count() == 3
    assert Membership.objects.filter(user__email__in=IMPORTED).count() == 3
    nina = User.objects.get(email="nina.nurse@example.org")
    assert (nina.first_name, nina.last_name) == ("Nina-Marie", "Nurse-Jones")


def test_existing_person_is_matched_by_email_whatever_its_case(manager, hcp, coded, profiles):
    line = "HCP@Example.ORG,Hana,Smith,Nurse,Practice nurse,A81001,01/04/2022,1001,,5"
    report = run_import(csv_upload(line), manager)
    assert report.ok, report.errors
    assert (report.created, report.updated) == (0, 1)
    assert User.objects.filter(email__iexact="hcp@example.org").count() == 1
    hcp.refresh_from_db()
    assert hcp.last_name == "Smith"
    assert hcp.staff_posts.get().profile.name == "Practice nurse"
    assert hcp.memberships.filter(role=Role.HCP).count() == 1


def test_rows_for_organisations_outside_the_importers_are_skipped_and_counted(
    manager, coded, profiles
):
    report = run_import(csv_upload(NINA, BEA), manager)
    assert report.ok, report.errors
    assert (report.created, report.skipped) == (1, 1)
    assert not User.objects.filter(email="bea.b@example.org").exists()
    assert User.objects.filter(email="nina.nurse@example.org").exists()


def test_a_skipped_row_asks_nothing_about_its_post(manager, coded, profiles):
    report = run_import(csv_upload(BEA.replace("Practice nurse", "Chief wizard")), manager)
    assert (report.bad_rows, report.unknown_posts, report.skipped) == ([], {}, 1)
    assert not StaffPost.objects.exists()


def test_unknown_profession_and_date_are_row_errors_and_the_post_is_asked_once(
    manager, coded, profiles
):
    line = "zed@example.org,Zed,Zee,Wizard,Chief wizard,A81001,yesterday,1010,,5"
    report = run_import(csv_upload(line), manager)
    [(number, problems)] = report.bad_rows
    assert number == 2
    assert len(problems) == 2
    assert "'Wizard' is not a profession we know" in problems[0]
    assert problems[1] == "'yesterday' is not a date (write it as 31/03/2024)."
    assert [entry["written"] for entry in report.unknown_posts.values()] == ["Chief wizard"]
    assert not User.objects.filter(email="zed@example.org").exists()


def test_xlsx_extract_imports(manager, coded, profiles):
    report = run_import(xlsx_upload(), manager)
    assert report.ok, report.errors
    assert stored_people() == EXPECTED[:2]


class TestThroughThePages:
    """The two import pages, as a manager uses them."""

    def upload(self, client, user, upload):
        client.force_login(user)
        return client.post(reverse("competences:staff-import"), {"file": upload})

    def test_manager_uploads_maps_and_imports(self, client, manager, coded, profiles):
        response = self.upload(client, manager, csv_upload(*CLEAN))
        assertRedirects(response, reverse("competences:staff-import-map"))
        page = client.get(reverse("competences:staff-import-map"))
        assertContains(page, "staff.csv has 3 rows.")
        assertContains(page, "nina.nurse@example.org")
        preview = client.post(reverse("competences:staff-import-map"), MAPPING)
        assert not StaffPost.objects.exists()
        response = confirm(client, preview)
        assertRedirects(response, reverse("people-list"), fetch_redirect_response=False)
        response = client.get(response.url)
        assertContains(response, "Imported 3 rows: 3 new people, 0 updated.")
        assert stored_people() == EXPECTED

    def test_messy_file_through_the_pages_imports_nothing_and_lists_bad_rows(
        self, client, manager, coded, profiles
    ):
        self.upload(client, manager, csv_upload(*MESSY))
        response = client.post(reverse("competences:staff-import-map"), MAPPING)
        assert response.status_code == 400
        assertContains(response, "Nothing was imported: 2 rows need fixing", status_code=400)
        html = response.content.decode()
        assert re.search(r'<td[^>]*class="nhsuk-table__cell"[^>]*>4</td>', html)
        assert re.search(r'<td[^>]*class="nhsuk-table__cell"[^>]*>5</td>', html)
        assertContains(response, "already on row 2", status_code=400)
        assertContains(response, "is not a valid email address", status_code=400)
        assert not StaffPost.objects.exists()
        assert not User.objects.filter(email="nina.nurse@example.org").exists()

    def test_xlsx_through_the_pages_imports(self, client, manager, coded, profiles):
        self.upload(client, manager, xlsx_upload())
        response = confirm(client, client.post(reverse("competences:staff-import-map"), MAPPING))
        assertRedirects(response, reverse("people-list"))
        assert stored_people() == EXPECTED[:2]

    def test_unreadable_file_is_refused_with_a_reason(self, client, manager):
        response = self.upload(
            client, manager, SimpleUploadedFile("staff.pdf", b"%PDF-1.4", "application/pdf")
        )
        assertContains(response, "The file must be a CSV file or an Excel workbook (.xlsx).")

    def test_map_page_without_an_upload_sends_you_back(self, client, manager):
        client.force_login(manager)
        response = client.get(reverse("competences:staff-import-map"))
        assertRedirects(response, reverse("competences:staff-import"))

    @pytest.mark.parametrize("fixture", ["hcp", "trainer", "representative", "outsider"])
    def test_people_who_do_not_manage_get_404(self, client, request, fixture):
        client.force_login(request.getfixturevalue(fixture))
        assert client.get(reverse("competences:staff-import")).status_code == 404
        assert client.get(reverse("competences:staff-import-map")).status_code == 404

    def test_hcp_cannot_post_an_import(self, client, hcp, coded, profiles):
        response = self.upload(client, hcp, csv_upload(*CLEAN))
        assert response.status_code == 404
        response = client.post(reverse("competences:staff-import-map"), MAPPING)
        assert response.status_code == 404
        assert not StaffPost.objects.exists()


def test_import_on_29_february_checks_start_dates_without_crashing(
    manager, coded, profiles, monkeypatch
):
    monkeypatch.setattr("competences.staff_imports.timezone.localdate", lambda: date(2028, 2, 29))
    report = run_import(csv_upload(NINA), manager)
    assert report.ok, report.errors
    assert User.objects.filter(email="nina.nurse@example.org").exists()


def test_value_too_long_for_the_database_is_a_row_error_not_a_crash(manager, coded, profiles):
    long_number = "7" * 31
    line = f"zoe@example.org,Zoe,Zed,Nurse,Practice nurse,A81001,01/04/2022,{long_number},,5"
    report = run_import(csv_upload(NINA, line), manager)
    assert [number for number, _ in report.bad_rows] == [3]
    assert not User.objects.filter(email__in=["zoe@example.org", "nina.nurse@example.org"]).exists()


def test_people_outside_the_importers_organisations_are_not_taken_over(
    manager, other_manager, hcp_b, admin, coded, profiles
):
    lines = [
        f"{person.email},Taken,Over,Nurse,Practice nurse,A81001,01/04/2022,,,5"
        for person in (other_manager, hcp_b, admin)
    ]

    report = run_import(csv_upload(*lines), manager)

    assert [number for number, _ in report.bad_rows] == [2, 3, 4]
    assert {problems[0] for _, problems in report.bad_rows} == {NOT_YOURS}
    for person in (other_manager, hcp_b, admin):
        person.refresh_from_db()
        assert person.first_name != "Taken"
        assert not Membership.objects.filter(user=person, organisation__code="A81001").exists()


def test_an_organisation_name_shared_by_two_units_must_be_given_by_code(
    admin, practice_a, practice_b, coded, profiles
):
    practice_b.name = practice_a.name
    practice_b.save()
    line = f"nia@example.org,Nia,N,Nurse,Practice nurse,{practice_a.name},01/04/2022,,,5"

    report = run_import(csv_upload(line), admin)

    assert "More than one organisation is called" in report.bad_rows[0][1][0]


def test_staff_import_is_audited_with_its_counts(manager, coded, profiles):
    run_import(csv_upload(*CLEAN), manager)
    event = AuditEvent.objects.get(action=AuditAction.STAFF_IMPORT)
    assert event.actor == manager
    assert event.summary == "3 new, 0 updated"


def test_refused_staff_import_is_not_audited_as_an_import(manager, coded, profiles):
    run_import(csv_upload(*MESSY), manager)
    assert not AuditEvent.objects.filter(action=AuditAction.STAFF_IMPORT).exists()

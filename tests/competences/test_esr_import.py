"""Importing an extract in the shape the Electronic Staff Record exports, without editing it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from competences.esr import split_name
from competences.models import StaffPost
from competences.staff_columns import guess_staff_mapping
from competences.staff_imports import staff_import
from training_site.models import Profession, User
from training_site.tabular import read_table

pytestmark = pytest.mark.django_db

ESR_HEADERS = (
    "Assignment Number,Employee Name,Staff Group,Job Role,Position Title,Organisation,"
    "Assignment Start Date,Cost Centre,Email Address"
)
NINA = (
    '10001-1,"Nurse, Nina",Nursing and Midwifery Registered,Staff Nurse,Practice nurse,'
    "Practice A,01-Apr-2022,CC101,nina.nurse@example.org"
)
DIANA = (
    '10002-1,"Diet, Dr Diana",Allied Health Professionals,Dietitian,Practice nurse,'
    "Practice A,15/01/2020,CC101,diana.diet@example.org"
)
HARRY = (
    '10003-1,"Helper, Harry",Additional Clinical Services,,Healthcare assistant,'
    "Practice A,2023-09-01,CC101,harry.hca@example.org"
)


def esr_upload(*lines):
    """Return a CSV with ESR's headings."""
    text = "\r\n".join([ESR_HEADERS, *lines]) + "\r\n"
    return SimpleUploadedFile("esr.csv", text.encode(), content_type="text/csv")


def run_import(upload, importer):
    """Import an upload with the guessed mapping, as the page first offers it."""
    table = read_table(upload)
    return staff_import(table=table, mapping=guess_staff_mapping(table.headers), importer=importer)


def test_esr_headings_are_all_guessed():
    table = read_table(esr_upload(NINA))
    assert guess_staff_mapping(table.headers) == {
        "email": "Email Address",
        "full_name": "Employee Name",
        "first_name": "",
        "last_name": "",
        "profession": "Staff Group",
        "job_role": "Job Role",
        "post": "Position Title",
        "organisation": "Organisation",
        "cost_centre": "Cost Centre",
        "since": "Assignment Start Date",
        "staff_number": "Assignment Number",
    }


def test_work_email_heading_is_guessed():
    headers = ESR_HEADERS.replace("Email Address", "Work Email").split(",")
    assert guess_staff_mapping(headers)["email"] == "Work Email"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nurse, Nina", ("Nina", "Nurse")),
        ("Smith-Jones, Mary Ann", ("Mary Ann", "Smith-Jones")),
        ("Diet, Dr Diana", ("Diana", "Diet")),
        ("Dr. Ada Lovelace", ("Ada", "Lovelace")),
        ("Ada Lovelace", ("Ada", "Lovelace")),
    ],
)
def test_full_names_are_split(text, expected):
    assert split_name(text) == expected


def test_esr_extract_imports_without_editing(
    manager, practice_a, practice_nurse, healthcare_assistant
):
    report = run_import(esr_upload(NINA, DIANA, HARRY), manager)
    assert report.ok, report.errors
    stored = sorted(
        (p.user.first_name, p.user.last_name, p.user.profession, p.profile.name, p.since)
        for p in StaffPost.objects.select_related("user", "profile")
    )
    assert stored == [
        ("Diana", "Diet", Profession.DIETITIAN, "Practice nurse", date(2020, 1, 15)),
        (
            "Harry",
            "Helper",
            Profession.HEALTHCARE_ASSISTANT,
            "Healthcare assistant",
            date(2023, 9, 1),
        ),
        ("Nina", "Nurse", Profession.NURSE, "Practice nurse", date(2022, 4, 1)),
    ]
    assert StaffPost.objects.get(user__first_name="Nina").staff_number == "10001-1"


def test_unknown_staff_group_names_the_value_and_the_accepted_groups(
    manager, practice_a, practice_nurse
):
    line = NINA.replace("Nursing and Midwifery Registered,Staff Nurse", "Wizards,")
    report = run_import(esr_upload(DIANA, line), manager)
    [(number, [problem])] = report.bad_rows
    assert number == 3
    assert problem.startswith("'Wizards' is not a profession we know")
    assert "Nursing and Midwifery Registered" in problem
    assert "Allied Health Professionals" in problem
    assert not User.objects.filter(email="diana.diet@example.org").exists()


def test_group_that_does_not_say_the_profession_leaves_it_unset(
    manager, practice_a, practice_nurse
):
    line = DIANA.replace("Dietitian", "")
    report = run_import(esr_upload(line), manager)
    assert report.ok, report.errors
    assert User.objects.get(email="diana.diet@example.org").profession == ""


def test_a_file_with_no_name_columns_is_refused(manager, practice_a, practice_nurse):
    table = read_table(esr_upload(NINA))
    mapping = guess_staff_mapping(table.headers) | {"full_name": ""}
    report = staff_import(table=table, mapping=mapping, importer=manager)
    assert report.bad_rows == [
        (1, ["Choose the column that holds 'Full name', or those for first and last name."])
    ]

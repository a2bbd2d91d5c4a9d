"""HR import: other sites' rows skipped quietly, bad files refused, remembered choices kept."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from competences.models import PlaceMapping, PostTitleMapping, StaffPost
from tests.competences.test_esr_import import ESR_HEADERS, NINA
from tests.competences.test_import_choices import confirm, upload_and_map
from training_site.models import AuditEvent, User

pytestmark = pytest.mark.django_db

OTHER_SITE = NINA.replace("Practice A", "Practice B")
MAPPINGS_PAGE = "competences:import-mappings"


def other_site_rows(*people):
    """Return rows for practice B, one for each person."""
    return [
        OTHER_SITE.replace("Nurse, Nina", f"{p.last_name}, {p.first_name}").replace(
            "nina.nurse@example.org", p.email
        )
        for p in people
    ]


def test_rows_for_other_sites_are_skipped_counted_and_say_nothing_of_their_people(
    client, manager, hcp_b, other_manager, practice_a, practice_b, practice_nurse
):
    preview = upload_and_map(client, manager, NINA, *other_site_rows(hcp_b, other_manager))
    assertContains(preview, "2 rows for other sites were skipped.")
    for person in (hcp_b, other_manager):
        assertNotContains(preview, person.email)
    response = confirm(client, preview)

    assertRedirects(response, reverse("people-list"), fetch_redirect_response=False)
    page = client.get(reverse("people-list"))
    message = "Imported 1 row: 1 new person, 0 updated. 2 rows for other sites were skipped."
    assertContains(page, message)
    for person in (hcp_b, other_manager):
        assertNotContains(page, person.email)
        assertNotContains(page, person.last_name)
        person.refresh_from_db()
        assert not person.staff_posts.exists()
    assert list(StaffPost.objects.values_list("user__email", flat=True)) == [
        "nina.nurse@example.org"
    ]
    assert AuditEvent.objects.get(action="staff_import").summary == "1 new, 0 updated, 2 skipped"


def test_skipped_rows_are_counted_in_the_preview_after_an_error(
    client, manager, hcp_b, practice_a, practice_b, practice_nurse
):
    bad = NINA.replace("nina.nurse@example.org", "not-an-email")
    response = upload_and_map(client, manager, bad, *other_site_rows(hcp_b))

    assertContains(response, "1 row for other sites was skipped.", status_code=400)
    assertContains(response, "Nothing was imported: 1 row needs fixing", status_code=400)
    problems = BeautifulSoup(response.content, "html.parser").select_one(".nhsuk-error-summary")
    assert hcp_b.email not in problems.get_text()
    assertNotContains(response, "already has an account", status_code=400)
    assert not StaffPost.objects.exists()


def test_every_table_of_the_preview_after_an_error_scrolls_in_its_own_region(
    client, manager, practice_a, practice_nurse
):
    long_value = "x" * 300 + "@example.org"
    response = upload_and_map(client, manager, NINA.replace("nina.nurse@example.org", long_value))

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    tables = page.find_all("table")
    assert len(tables) == 2
    for table in tables:
        region = table.find_parent("div", class_="yoc-table-scroll")
        assert region is not None
        assert region["role"] == "region" and region["tabindex"] == "0"
    assert long_value in tables[1].get_text()


def workbook_bytes():
    """Return bytes that are not a workbook, named as one."""
    return b"PK\x03\x04 this is not really a workbook"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("staff.csv", b"", "The file is empty."),
        ("staff.csv", b" \r\n,,\r\n", "The file is empty."),
        ("staff.pdf", b"%PDF-1.4", "The file must be a CSV file or an Excel workbook (.xlsx)."),
        ("staff.docx", b"PK\x03\x04", "The file must be a CSV file or an Excel workbook (.xlsx)."),
        ("staff.xlsx", workbook_bytes(), "The workbook could not be opened. Check it is an .xlsx"),
        ("staff.csv", f"{ESR_HEADERS}\r\n".encode(), "The file has headings but no rows of data."),
    ],
)
def test_a_bad_file_is_refused_at_upload_and_changes_nothing(
    client, manager, practice_a, name, content, message
):
    users = User.objects.count()
    client.force_login(manager)
    upload = SimpleUploadedFile(name, content, "application/octet-stream")

    response = client.post(reverse("competences:staff-import"), {"file": upload})

    assert response.status_code == 200
    assertContains(response, message)
    assertContains(response, "There is a problem")
    assert "staff_import" not in client.session
    assert User.objects.count() == users
    assert not StaffPost.objects.exists()
    response = client.get(reverse("competences:staff-import-map"))
    assertRedirects(response, reverse("competences:staff-import"))


def test_an_unknown_staff_group_through_the_pages_names_it_and_the_accepted_ones(
    client, manager, practice_a, practice_nurse
):
    line = NINA.replace("Nursing and Midwifery Registered,Staff Nurse", "Wizards,")

    response = upload_and_map(client, manager, line)

    assertContains(response, "Nothing was imported: 1 row needs fixing", status_code=400)
    assertContains(response, "&#x27;Wizards&#x27; is not a profession we know", status_code=400)
    assertContains(response, "Allied Health Professionals", status_code=400)
    assertContains(response, "Nursing and Midwifery Registered", status_code=400)
    assert not User.objects.filter(email="nina.nurse@example.org").exists()


def test_organisation_codes_are_shown_on_the_organisation_list(client, manager, practice_a):
    practice_a.code = "A81001"
    practice_a.save()
    client.force_login(manager)
    response = client.get(reverse("organisation-list"))
    page = BeautifulSoup(response.content, "html.parser")
    row = next(r for r in page.select("tbody tr") if "Practice A" in r.get_text())
    assert "A81001" in [cell.get_text(strip=True) for cell in row.find_all("td")]


@pytest.fixture
def remembered(site_a, site_b, practice_a, practice_nurse):
    """Site A remembers a title and a cost centre; site B remembers a title of its own."""
    return (
        PostTitleMapping.objects.create(
            scope=site_a, title="Chief wizard", key="chiefwizard", profile=practice_nurse
        ),
        PlaceMapping.objects.create(
            scope=site_a, kind="cost_centre", value="CC777", key="cc777", organisation=practice_a
        ),
        PostTitleMapping.objects.create(
            scope=site_b, title="Site B wizard", key="sitebwizard", profile=practice_nurse
        ),
    )


def test_manager_sees_and_changes_what_its_imports_remember(
    client, manager, remembered, team_a, healthcare_assistant
):
    title, place, theirs = remembered
    client.force_login(manager)
    page = client.get(reverse(MAPPINGS_PAGE))
    assertContains(page, "&#x27;Chief wizard&#x27; in Site A")
    assertContains(page, "Cost centre &#x27;CC777&#x27; in Site A")
    assertNotContains(page, "Site B wizard")

    response = client.post(
        reverse(MAPPINGS_PAGE),
        {f"post-{title.pk}": str(healthcare_assistant.pk), f"place-{place.pk}": str(team_a.pk)},
    )

    assertRedirects(response, reverse(MAPPINGS_PAGE))
    title.refresh_from_db()
    place.refresh_from_db()
    assert (title.profile, place.organisation) == (healthcare_assistant, team_a)


def test_manager_forgets_a_remembered_title(client, manager, remembered):
    title, place, _ = remembered
    client.force_login(manager)
    client.post(
        reverse(MAPPINGS_PAGE),
        {f"post-{title.pk}": "forget", f"place-{place.pk}": "skip"},
    )
    assert not PostTitleMapping.objects.filter(pk=title.pk).exists()
    place.refresh_from_db()
    assert place.organisation is None


def test_another_sites_manager_neither_sees_nor_changes_them(client, other_manager, remembered):
    title, place, _ = remembered
    client.force_login(other_manager)
    page = client.get(reverse(MAPPINGS_PAGE))
    assertNotContains(page, "Chief wizard")
    assertNotContains(page, "CC777")
    client.post(reverse(MAPPINGS_PAGE), {f"post-{title.pk}": "forget", f"place-{place.pk}": "skip"})
    assert PostTitleMapping.objects.filter(pk=title.pk).exists()
    place.refresh_from_db()
    assert place.organisation is not None


def test_network_admin_sees_every_sites_remembered_titles(client, admin, remembered):
    client.force_login(admin)
    page = client.get(reverse(MAPPINGS_PAGE))
    assertContains(page, "Chief wizard")
    assertContains(page, "Site B wizard")


@pytest.mark.parametrize("fixture", ["hcp", "trainer", "representative", "outsider"])
def test_people_who_do_not_manage_cannot_reach_the_remembered_page(
    client, request, remembered, fixture
):
    title = remembered[0]
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse(MAPPINGS_PAGE)).status_code == 404
    response = client.post(reverse(MAPPINGS_PAGE), {f"post-{title.pk}": "forget"})
    assert response.status_code == 404
    assert PostTitleMapping.objects.filter(pk=title.pk).exists()

"""Importing a framework's competences: all rows or none, with their KSF mapping."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from competences.imports import framework_from_fields, framework_import
from competences.models import Competence, Framework, Scope
from tests.factories.competences import FrameworkFactory
from tests.factories.training_site import UserFactory
from training_site.models import AuditAction, AuditEvent
from training_site.tabular import read_table

pytestmark = pytest.mark.django_db

HEADER = "Code,Title,Description,KSF dimension,KSF level,Scope"
GOOD = (
    HEADER,
    "LDF1,Agree a care plan with a person with diabetes,In a care planning consultation,"
    "HWB6,3,core",
    "LDF2,Review a young person's care plan,,hwb2,2,Specialist",
    "LDF3,Prepare for the care planning consultation,,,,",
)
BAD = (
    HEADER,
    "LDF1,Agree a care plan with a person with diabetes,,HWB6,3,core",
    "LDF2,,,HWB2,2,core",
    "ldf1,A second row with the first code,,HWB6,3,core",
    "LDF4,A competence mapped to no real dimension,,XYZ9,3,core",
    "LDF5,A competence at a level the KSF does not have,,HWB6,5,core",
)


def csv_upload(lines, name="framework.csv"):
    """Return a CSV file with Windows line endings."""
    return SimpleUploadedFile(name, "\r\n".join(lines).encode("utf-8"), content_type="text/csv")


def local_framework():
    """Return an unsaved framework for an import to create."""
    return framework_from_fields(name="Local diabetes framework", publisher="Site A", version="1")


def test_good_file_creates_the_framework_and_its_competences_with_ksf_mapping():
    report = framework_import(table=read_table(csv_upload(GOOD)), framework=local_framework())
    assert report.ok, report.errors
    assert (report.created, report.updated) == (3, 0)
    framework = Framework.objects.get(name="Local diabetes framework", version="1")
    assert framework.publisher == "Site A"
    stored = {
        c.code: (
            c.title,
            c.description,
            c.ksf_level.dimension.code if c.ksf_level else None,
            c.ksf_level.level if c.ksf_level else None,
            c.scope,
        )
        for c in framework.competences.select_related("ksf_level__dimension")
    }
    assert stored == {
        "LDF1": (
            "Agree a care plan with a person with diabetes",
            "In a care planning consultation",
            "HWB6",
            3,
            Scope.CORE,
        ),
        "LDF2": ("Review a young person's care plan", "", "HWB2", 2, Scope.SPECIALIST),
        "LDF3": ("Prepare for the care planning consultation", "", None, None, Scope.CORE),
    }


def test_importing_again_updates_by_code_without_duplicates():
    framework = FrameworkFactory(name="Local diabetes framework")
    framework_import(table=read_table(csv_upload(GOOD)), framework=framework)
    changed = (HEADER, "LDF1,Agree and record a care plan,,HWB6,4,core")
    report = framework_import(table=read_table(csv_upload(changed)), framework=framework)
    assert (report.created, report.updated) == (0, 1)
    assert framework.competences.count() == 3
    ldf1 = framework.competences.get(code="LDF1")
    assert (ldf1.title, ldf1.ksf_level.level) == ("Agree and record a care plan", 4)


def test_bad_file_imports_nothing_and_reports_each_bad_row():
    frameworks, competences = Framework.objects.count(), Competence.objects.count()
    report = framework_import(table=read_table(csv_upload(BAD)), framework=local_framework())
    assert not report.ok
    bad = dict(report.bad_rows)
    assert sorted(bad) == [3, 4, 5, 6]
    assert bad[3] == ["The title is missing."]
    assert bad[4] == ["The code ldf1 is already on row 2."]
    assert "'XYZ9' level '3' is not a KSF dimension and level" in bad[5][0]
    assert "'HWB6' level '5' is not a KSF dimension and level" in bad[6][0]
    assert (Framework.objects.count(), Competence.objects.count()) == (frameworks, competences)


def test_file_without_a_title_column_is_refused():
    table = read_table(csv_upload(("Code,Notes", "LDF1,Something")))
    report = framework_import(table=table, framework=local_framework())
    assert report.bad_rows == [(1, ["There is no 'title' column."])]
    assert not Framework.objects.filter(name="Local diabetes framework").exists()


class TestAdminPage:
    """The framework import page in the content admin."""

    @property
    def url(self):
        return reverse("competences_framework_import")

    @pytest.fixture
    def superuser(self, db):
        return UserFactory(is_staff=True, is_superuser=True, email="editor@example.org")

    def test_superuser_sees_the_form(self, client, superuser):
        client.force_login(superuser)
        response = client.get(self.url)
        assertContains(response, "Import a framework")
        assertContains(response, 'type="file"')

    @pytest.mark.parametrize("fixture", ["hcp", "manager"])
    def test_non_staff_are_refused(self, client, request, fixture):
        client.force_login(request.getfixturevalue(fixture))
        response = client.get(self.url)
        assert response.status_code in (302, 403)
        assert b'type="file"' not in response.content

    def test_non_staff_cannot_post_an_import(self, client, hcp):
        client.force_login(hcp)
        response = client.post(
            self.url,
            {"name": "Sneaky", "publisher": "Me", "file": csv_upload(GOOD)},
        )
        assert response.status_code in (302, 403)
        assert not Framework.objects.filter(name="Sneaky").exists()

    def test_superuser_imports_a_new_framework(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            self.url,
            {
                "name": "Local diabetes framework",
                "publisher": "Site A",
                "version": "1",
                "file": csv_upload(GOOD),
            },
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("competence_items:index")
        framework = Framework.objects.get(name="Local diabetes framework")
        event = AuditEvent.objects.get(action=AuditAction.FRAMEWORK_IMPORT)
        assert (event.actor, event.object_id) == (superuser, str(framework.pk))
        assert sorted(framework.competences.values_list("code", flat=True)) == [
            "LDF1",
            "LDF2",
            "LDF3",
        ]

    def test_superuser_sees_every_bad_row_and_nothing_is_imported(self, client, superuser):
        client.force_login(superuser)
        response = client.post(
            self.url,
            {"name": "Local diabetes framework", "publisher": "Site A", "file": csv_upload(BAD)},
        )
        assertContains(response, "Nothing was imported.")
        for number in (3, 4, 5, 6):
            assertContains(response, f"Row {number}:")
        assertContains(response, "Row 3: The title is missing.")
        assert not Framework.objects.filter(name="Local diabetes framework").exists()
        assert not AuditEvent.objects.filter(action=AuditAction.FRAMEWORK_IMPORT).exists()


def test_code_too_long_for_the_database_is_a_row_error_not_a_crash():
    lines = (HEADER, "LDF1,A good competence,,HWB6,3,core", f"{'X' * 21},A long code,,,,core")
    report = framework_import(table=read_table(csv_upload(lines)), framework=local_framework())
    assert [number for number, _ in report.bad_rows] == [3]
    assert not Framework.objects.filter(name="Local diabetes framework").exists()

"""Frameworks as CASE packages: a stable export, a planned import, and the round trip."""

import copy
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from competences import case
from competences.case import case_import, case_plan, framework_to_case
from competences.models import Competence, Framework
from competences.reference import NATIONAL_FRAMEWORK
from training_site.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def national():
    """Return the national framework the data migration loads."""
    return Framework.objects.get(
        name=NATIONAL_FRAMEWORK["name"], version=NATIONAL_FRAMEWORK["version"]
    )


def crosswalk(framework):
    """Return each competence's code with its title, scope and KSF dimension and level."""
    return {
        c.code: (
            c.title,
            c.scope,
            c.ksf_level.dimension.code if c.ksf_level else None,
            c.ksf_level.level if c.ksf_level else None,
        )
        for c in framework.competences.with_crosswalk()
    }


def new_version(version="2026"):
    """Return the national framework's package with another version."""
    package = framework_to_case(national())
    package["CFDocument"]["version"] = version
    return package


def upload(package, name="framework.json"):
    """Return a package as an uploaded JSON file."""
    raw = package if isinstance(package, bytes) else json.dumps(package).encode()
    return SimpleUploadedFile(name, raw, content_type="application/json")


def stored():
    """Return how many frameworks and competences there are."""
    return Framework.objects.count(), Competence.objects.count()


def test_the_package_carries_the_document_items_and_crosswalk():
    package = framework_to_case(national())
    document = package["CFDocument"]
    assert (document["title"], document["version"], document["creator"]) == (
        "National Workforce Competences",
        "2006",
        "Skills for Health",
    )
    assert uuid.UUID(document["identifier"]).version == 5
    assert document["uri"] == f"urn:uuid:{document['identifier']}"
    assert document["lastChangeDateTime"]
    ha1 = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "Diab HA1")
    assert ha1["CFItemType"] == "Competence"
    assert ha1["fullStatement"].startswith("Assess the health care needs")
    kinds = [a["associationType"] for a in package["CFAssociations"]]
    assert kinds.count("isChildOf") == len(package["CFItems"]) == 8
    ha1_links = [
        a
        for a in package["CFAssociations"]
        if a["originNodeURI"]["identifier"] == ha1["identifier"]
    ]
    child, related = sorted(ha1_links, key=lambda a: a["associationType"])
    assert child["destinationNodeURI"]["identifier"] == document["identifier"]
    assert related["associationType"] == "isRelatedTo"
    assert related["destinationNodeURI"]["uri"] == "urn:nhs-ksf:HWB6:3"


def test_identifiers_are_the_same_at_every_export():
    first, second = framework_to_case(national()), framework_to_case(national())
    identifiers = [
        [first["CFDocument"]["identifier"]],
        [i["identifier"] for i in first["CFItems"]],
        [a["identifier"] for a in first["CFAssociations"]],
    ]
    assert identifiers == [
        [second["CFDocument"]["identifier"]],
        [i["identifier"] for i in second["CFItems"]],
        [a["identifier"] for a in second["CFAssociations"]],
    ]
    assert len({i["identifier"] for i in first["CFItems"]}) == 8


def test_round_trip_as_a_new_version_keeps_codes_titles_and_crosswalk():
    plan = case_import(new_version("2026"))
    assert plan.ok, plan.errors
    assert (len(plan.items), plan.links) == (8, 8)
    imported = Framework.objects.get(name=NATIONAL_FRAMEWORK["name"], version="2026")
    assert imported.publisher == "Skills for Health"
    assert imported.description == national().description
    assert crosswalk(imported) == crosswalk(national())


def test_the_exported_json_file_round_trips_too(client, admin):
    client.force_login(admin)
    exported = client.get(reverse("competences:framework-case-export", args=[national().pk]))
    package = json.loads(exported.content)
    package["CFDocument"]["version"] = "2026"
    client.post(reverse("competences:case-import"), {"file": upload(package)})
    client.post(reverse("competences:case-confirm"))
    imported = Framework.objects.get(name=NATIONAL_FRAMEWORK["name"], version="2026")
    assert crosswalk(imported) == crosswalk(national())


def broken(change):
    """Return a new-version package with one change made to it."""
    package = copy.deepcopy(new_version())
    change(package)
    return package


def drop_code(package):
    del package["CFItems"][0]["humanCodingScheme"]


def drop_title(package):
    package["CFDocument"]["title"] = ""


def unknown_dimension(package):
    link = next(a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo")
    link["destinationNodeURI"]["uri"] = "urn:nhs-ksf:XYZ9:3"


def duplicate_code(package):
    package["CFItems"][1]["humanCodingScheme"] = package["CFItems"][0]["humanCodingScheme"]


def existing_version(package):
    package["CFDocument"]["version"] = "2006"


def no_items(package):
    package["CFItems"] = []


def two_links(package):
    link = next(a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo")
    package["CFAssociations"].append(copy.deepcopy(link) | {"associationType": "exactMatchOf"})


def long_code(package):
    package["CFItems"][0]["humanCodingScheme"] = "X" * 21


@pytest.mark.parametrize(
    "change, message",
    [
        (drop_code, "CFItem 1: humanCodingScheme is missing."),
        (drop_title, "CFDocument: title is missing."),
        (unknown_dimension, "'urn:nhs-ksf:XYZ9:3' is not a KSF dimension and level"),
        (duplicate_code, "the code CM B1 is already CFItem 1."),
        (existing_version, "National Workforce Competences version 2006 already exists."),
        (no_items, "The package has no CFItems."),
        (two_links, "CM B1 already has a KSF dimension and level."),
        (long_code, "the code is longer than 20 characters."),
    ],
)
def test_each_bad_package_says_why_and_creates_nothing(change, message):
    before = stored()
    plan = case_import(broken(change))
    assert not plan.ok
    assert any(message in error for error in plan.errors), plan.errors
    assert stored() == before


class TestImportPages:
    """Uploading a package, seeing the plan, and confirming it."""

    url = reverse("competences:case-import")
    confirm = reverse("competences:case-confirm")

    def test_the_upload_shows_what_would_be_created_and_writes_nothing(self, client, admin):
        client.force_login(admin)
        before = stored()
        response = client.post(self.url, {"file": upload(new_version())})
        assertContains(response, "Nothing has been imported yet.")
        assertContains(response, '<dd class="nhsuk-summary-list__value">2026</dd>', html=False)
        assertContains(response, '<dd class="nhsuk-summary-list__value">8</dd>', count=2)
        assert stored() == before

    def test_one_confirm_creates_the_version_and_audits_it(self, client, admin):
        client.force_login(admin)
        client.post(self.url, {"file": upload(new_version())})
        response = client.post(self.confirm)
        assert response["Location"] == reverse("competences:frameworks")
        imported = Framework.objects.get(name=NATIONAL_FRAMEWORK["name"], version="2026")
        event = AuditEvent.objects.get(action=AuditAction.FRAMEWORK_IMPORT)
        assert (event.actor, event.object_id) == (admin, str(imported.pk))
        again = client.post(self.confirm)
        assert again["Location"] == self.url
        assert Framework.objects.filter(version="2026").count() == 1

    def test_a_bad_package_lists_its_problems_and_cannot_be_confirmed(self, client, admin):
        client.force_login(admin)
        before = stored()
        response = client.post(self.url, {"file": upload(broken(unknown_dimension))})
        assert response.status_code == 400
        assertContains(response, "Nothing was imported", status_code=400)
        assertContains(response, "is not a KSF dimension and level", status_code=400)
        assertNotContains(response, "Confirm import", status_code=400)
        client.post(self.confirm)
        assert stored() == before
        assert not AuditEvent.objects.filter(action=AuditAction.FRAMEWORK_IMPORT).exists()

    def test_a_version_created_before_the_confirm_stops_it(self, client, admin):
        client.force_login(admin)
        client.post(self.url, {"file": upload(new_version())})
        Framework.objects.create(name=NATIONAL_FRAMEWORK["name"], version="2026", publisher="X")
        before = stored()
        response = client.post(self.confirm)
        assertContains(response, "version 2026 already exists", status_code=409)
        assert stored() == before
        assert not AuditEvent.objects.filter(action=AuditAction.FRAMEWORK_IMPORT).exists()

    @pytest.mark.parametrize(
        "raw, message",
        [
            (b"", "The submitted file is empty."),
            (b"{not json", "The file is not JSON"),
            (b"[1, 2]", "it has no CFDocument"),
            ("{}".encode("utf-16"), "The file is not UTF-8 text."),
        ],
    )
    def test_a_file_that_is_not_a_package_gets_a_clear_message(self, client, admin, raw, message):
        client.force_login(admin)
        before = stored()
        response = client.post(self.url, {"file": upload(raw)})
        assertContains(response, message, status_code=400)
        assert stored() == before

    @pytest.mark.parametrize("who", ["hcp", "manager", "trainer"])
    def test_only_network_administrators_may_import(self, client, request, who):
        client.force_login(request.getfixturevalue(who))
        assert client.get(self.url).status_code == 404
        assert client.post(self.url, {"file": upload(new_version())}).status_code == 404
        assert client.post(self.confirm).status_code == 404
        assert not Framework.objects.filter(version="2026").exists()


class TestFrameworkListLinks:
    """The frameworks page offers the download to all and the import to administrators."""

    def test_signed_in_people_download_each_framework(self, client, hcp):
        client.force_login(hcp)
        response = client.get(reverse("competences:frameworks"))
        export = reverse("competences:framework-case-export", args=[national().pk])
        assertContains(response, export)
        assertNotContains(response, reverse("competences:case-import"))
        download = client.get(export)
        assert download["Content-Type"] == "application/json"
        assert "attachment" in download["Content-Disposition"]
        assert json.loads(download.content)["CFDocument"]["title"] == NATIONAL_FRAMEWORK["name"]

    def test_administrators_are_offered_the_import(self, client, admin):
        client.force_login(admin)
        response = client.get(reverse("competences:frameworks"))
        assertContains(response, reverse("competences:case-import"))

    def test_someone_not_signed_in_gets_no_package(self, client):
        response = client.get(reverse("competences:framework-case-export", args=[national().pk]))
        assert response.status_code == 302
        assert b"CFDocument" not in response.content

    def test_an_unknown_framework_is_not_found(self, client, hcp):
        client.force_login(hcp)
        response = client.get(reverse("competences:framework-case-export", args=[999999]))
        assert response.status_code == 404


def test_a_version_given_as_a_number_is_read_as_text():
    package = new_version()
    package["CFDocument"]["version"] = 2027
    assert case_import(package).ok
    assert Framework.objects.filter(name=NATIONAL_FRAMEWORK["name"], version="2027").exists()


def test_planning_counts_what_would_be_created_and_writes_nothing():
    before = stored()
    plan = case_plan(new_version())
    assert plan.ok, plan.errors
    assert (str(plan.framework), len(plan.items), plan.links) == (
        "National Workforce Competences 2026",
        8,
        8,
    )
    assert stored() == before


def test_a_competence_without_a_crosswalk_imports_without_one():
    package = new_version()
    code = package["CFItems"][0]["identifier"]
    package["CFAssociations"] = [
        a
        for a in package["CFAssociations"]
        if not (a["associationType"] == "isRelatedTo" and a["originNodeURI"]["identifier"] == code)
    ]
    plan = case_import(package)
    assert (plan.ok, plan.links) == (True, 7)
    imported = Framework.objects.get(version="2026")
    assert crosswalk(imported)["CM B1"][2:] == (None, None)


def test_a_version_created_while_importing_creates_nothing(monkeypatch):
    plan = case.case_plan(new_version())
    Framework.objects.create(name=NATIONAL_FRAMEWORK["name"], version="2026", publisher="X")
    monkeypatch.setattr(case, "case_plan", lambda package: plan)
    before = stored()
    result = case_import(new_version())
    assert not result.ok
    assert result.errors[0].startswith("Nothing was created:")
    assert stored() == before

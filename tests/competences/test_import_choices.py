"""HR import: unknown position titles and places are asked once, and the answers remembered."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from competences.models import PlaceKind, PlaceMapping, PostTitleMapping, StaffPost
from competences.staff_columns import guess_staff_mapping
from competences.staff_imports import staff_import
from tests.competences.test_esr_import import ESR_HEADERS
from tests.factories.competences import PostProfileFactory
from training_site.models import User
from training_site.tabular import read_table

pytestmark = pytest.mark.django_db

WIZARD = (
    '20001-1,"Wizard, Wendy",Nursing and Midwifery Registered,Staff Nurse,Chief wizard,'
    "Practice A,01/04/2022,CC101,wendy@example.org"
)
WARLOCK = (
    '20002-1,"Warlock, Will",Nursing and Midwifery Registered,Staff Nurse,Chief wizard,'
    "Practice A,01/04/2022,CC101,will@example.org"
)
SISTER = (
    '20003-1,"Sister, Sue",Nursing and Midwifery Registered,Staff Nurse,Ward sister,'
    "Practice A,01/04/2022,CC101,sue@example.org"
)
TRUST = (
    '20004-1,"Trust, Tom",Nursing and Midwifery Registered,Staff Nurse,Practice nurse,'
    "Example Community Trust,01/04/2022,CC777,tom@example.org"
)
TRUST_TOO = TRUST.replace("Trust, Tom", "Trust, Tia").replace("tom@", "tia@")
MAP_PAGE = "competences:staff-import-map"
CONFIRM_PAGE = "competences:staff-import-confirm"


def esr_file(*lines, name="esr.csv"):
    """Return an ESR-shaped CSV upload."""
    text = "\r\n".join([ESR_HEADERS, *lines]) + "\r\n"
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def columns():
    """Return the guessed columns of ESR's headings, as the mapping form posts them."""
    return guess_staff_mapping(ESR_HEADERS.split(","))


def run(importer, *lines):
    """Import ESR-shaped lines with the guessed columns."""
    return staff_import(table=read_table(esr_file(*lines)), mapping=columns(), importer=importer)


def upload_and_map(client, person, *lines, extra=None):
    """Upload an ESR-shaped file and post its guessed columns, with any choices."""
    client.force_login(person)
    client.post(reverse("competences:staff-import"), {"file": esr_file(*lines)})
    data = columns() | (extra or {})
    return client.post(reverse(MAP_PAGE), data)


def confirm(client, preview):
    """Press 'Confirm import' on a preview page, sending the fingerprint it carries."""
    assertContains(preview, "Check the import", status_code=preview.status_code)
    page = BeautifulSoup(preview.content, "html.parser")
    fingerprint = page.select_one("input[name=fingerprint]")["value"]
    return client.post(reverse(CONFIRM_PAGE), {"fingerprint": fingerprint})


def selects(response):
    """Return the choosers on the page: each select's name and label."""
    page = BeautifulSoup(response.content, "html.parser")
    return {
        s["name"]: page.find("label", attrs={"for": s["id"]}).get_text(" ", strip=True)
        for s in page.select("select[name^=choose-]")
    }


def test_unknown_titles_are_asked_once_each_and_nothing_is_written(
    client, manager, practice_a, practice_nurse
):
    response = upload_and_map(client, manager, WIZARD, WARLOCK, SISTER)

    assert response.status_code == 200
    assert sorted(selects(response).values()) == [
        "Post profile for 'Chief wizard' (2 rows)",
        "Post profile for 'Ward sister' (1 row)",
    ]
    assertNotContains(response, "is not a post profile")
    assertNotContains(response, "Nothing was imported")
    assertContains(response, "Tell us what these mean")
    assert not User.objects.filter(email__in=["wendy@example.org", "sue@example.org"]).exists()
    assert not PostTitleMapping.objects.exists()


def test_chosen_profiles_are_remembered_and_the_import_goes_ahead(
    client, manager, site_a, practice_a, practice_nurse, healthcare_assistant
):
    choices = {
        "choosing": "1",
        "choose-post-chiefwizard": str(practice_nurse.pk),
        "choose-post-wardsister": str(healthcare_assistant.pk),
    }
    response = confirm(
        client, upload_and_map(client, manager, WIZARD, WARLOCK, SISTER, extra=choices)
    )

    assertRedirects(response, reverse("people-list"))
    posts = sorted(StaffPost.objects.values_list("user__email", "profile__name"))
    assert posts == [
        ("sue@example.org", "Healthcare assistant"),
        ("wendy@example.org", "Practice nurse"),
        ("will@example.org", "Practice nurse"),
    ]
    remembered = sorted(PostTitleMapping.objects.values_list("scope", "title", "profile__name"))
    assert remembered == [
        (site_a.pk, "Chief wizard", "Practice nurse"),
        (site_a.pk, "Ward sister", "Healthcare assistant"),
    ]


def test_next_import_uses_the_remembered_title_without_asking(
    manager, site_a, practice_a, practice_nurse
):
    PostTitleMapping.objects.create(
        scope=site_a, title="Chief wizard", key="chiefwizard", profile=practice_nurse
    )
    report = run(manager, WIZARD)

    assert report.ok, (report.errors, report.unknown_posts)
    assert StaffPost.objects.get(user__email="wendy@example.org").profile == practice_nurse


def test_another_sites_remembered_title_is_not_used(
    other_manager, site_a, practice_b, practice_nurse
):
    PostTitleMapping.objects.create(
        scope=site_a, title="Chief wizard", key="chiefwizard", profile=practice_nurse
    )
    report = run(other_manager, WIZARD.replace("Practice A", "Practice B"))

    assert list(report.unknown_posts) == ["chiefwizard"]
    assert not StaffPost.objects.exists()


def test_a_missing_choice_is_named_and_nothing_is_saved(
    client, manager, practice_a, practice_nurse
):
    response = upload_and_map(client, manager, WIZARD, extra={"choosing": "1"})

    assertContains(response, "Choose the post profile for &#x27;Chief wizard&#x27;.")
    assert not PostTitleMapping.objects.exists()
    assert not User.objects.filter(email="wendy@example.org").exists()


def test_an_unknown_organisation_is_asked_by_cost_centre_and_remembered(
    client, manager, site_a, practice_a, team_a, practice_nurse
):
    response = upload_and_map(client, manager, TRUST, TRUST_TOO)
    assert list(selects(response).values()) == ["Organisation for the cost centre 'CC777' (2 rows)"]

    choice = {"choosing": "1", "choose-place-cost_centre-cc777": str(team_a.pk)}
    response = confirm(client, client.post(reverse(MAP_PAGE), columns() | choice))

    assertRedirects(response, reverse("people-list"))
    assert set(StaffPost.objects.values_list("organisation", flat=True)) == {team_a.pk}
    mapping = PlaceMapping.objects.get()
    assert (mapping.scope, mapping.kind, mapping.value) == (site_a, PlaceKind.COST_CENTRE, "CC777")
    report = run(manager, TRUST.replace("tom@", "tom.again@"))
    assert report.ok, (report.errors, report.unknown_places)


def test_an_organisation_chosen_as_not_mine_is_skipped_now_and_later(
    client, manager, practice_a, practice_nurse
):
    choice = {"choosing": "1", "choose-place-cost_centre-cc777": "skip"}
    response = confirm(
        client,
        upload_and_map(
            client, manager, TRUST, WIZARD.replace("Chief wizard", "Practice nurse"), extra=choice
        ),
    )

    assertRedirects(response, reverse("people-list"), fetch_redirect_response=False)
    page = client.get(reverse("people-list"))
    assertContains(
        page, "Imported 1 row: 1 new person, 0 updated. 1 row for other sites was skipped."
    )
    assert not User.objects.filter(email="tom@example.org").exists()
    assert PlaceMapping.objects.get().organisation is None


def test_organisation_by_code_and_by_name_need_no_choice(manager, practice_a, practice_nurse):
    practice_a.code = "A81001"
    practice_a.save()
    by_code = WIZARD.replace("Practice A", "A81001").replace("Chief wizard", "Practice nurse")
    by_name = WARLOCK.replace("Chief wizard", "Practice nurse")
    report = run(manager, by_code, by_name)
    assert report.ok, (report.errors, report.unknown_places)
    assert set(StaffPost.objects.values_list("organisation", flat=True)) == {practice_a.pk}


def test_a_chooser_offers_only_the_managers_own_organisations_and_profiles(
    client, manager, practice_a, practice_b, practice_nurse
):
    PostProfileFactory(name="Site B lead", organisation=practice_b)
    response = upload_and_map(client, manager, TRUST.replace("Practice nurse", "Chief wizard"))
    page = BeautifulSoup(response.content, "html.parser")
    offered = [o.get_text() for o in page.select("select[name^=choose-] option")]
    assert "Practice A" in " ".join(offered)
    assert "Practice nurse" in offered
    assert not any("Practice B" in text or "Site B" in text for text in offered)


def test_choices_are_remembered_even_when_another_row_stops_the_import(
    client, manager, site_a, practice_a, practice_nurse
):
    bad = SISTER.replace("Ward sister", "Practice nurse").replace("01/04/2022", "someday")
    choices = {"choosing": "1", "choose-post-chiefwizard": str(practice_nurse.pk)}

    response = upload_and_map(client, manager, WIZARD, bad, extra=choices)

    assertContains(response, "Nothing was imported: 1 row needs fixing", status_code=400)
    assert selects(response) == {}
    assert PostTitleMapping.objects.get().profile == practice_nurse
    assert not User.objects.filter(email__in=["wendy@example.org", "sue@example.org"]).exists()
    assert not StaffPost.objects.exists()

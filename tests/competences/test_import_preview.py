"""HR import: a preview counts what will change, and one confirm applies exactly that."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from competences.models import StaffPost
from competences.staff_imports import STALE
from tests.competences.test_esr_import import ESR_HEADERS
from tests.competences.test_import_choices import CONFIRM_PAGE, columns, confirm, upload_and_map
from tests.factories.training_site import person_with_role
from training_site.models import AuditAction, AuditEvent, Role, User

pytestmark = pytest.mark.django_db


def line(email, last, first, post="Practice nurse", since="01/04/2022", number="1"):
    """Return one ESR-shaped row for a nurse in practice A."""
    return (
        f'{number},"{last}, {first}",Nursing and Midwifery Registered,Staff Nurse,{post},'
        f"Practice A,{since},CC101,{email}"
    )


def staff_member(email, first, last, organisation, profile, number="1"):
    """Create an HCP already in post since 1 April 2022."""
    person = person_with_role(Role.HCP, organisation, email=email, first_name=first, last_name=last)
    StaffPost.objects.create(
        user=person,
        profile=profile,
        organisation=organisation,
        since=date(2022, 4, 1),
        staff_number=number,
    )
    return person


@pytest.fixture
def in_post(practice_a, practice_nurse, healthcare_assistant):
    """Four nurses in post at practice A."""
    return {
        name: staff_member(f"{name}@example.org", name.title(), "Smith", practice_a, practice_nurse)
        for name in ("una", "ula", "uma", "lee")
    }


# una is unchanged, ula is renamed, uma moves to another post, nia is new, lee is left out.
FILE = (
    line("una@example.org", "Smith", "Una"),
    line("ula@example.org", "Smith-Jones", "Ula"),
    line("uma@example.org", "Smith", "Uma", post="Healthcare assistant"),
    line("nia@example.org", "New", "Nia"),
)


def counts(response):
    """Return the preview's counts, as the page shows them."""
    page = BeautifulSoup(response.content, "html.parser")
    return {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in page.select("#import-counts .nhsuk-summary-list__row")
    }


def open_posts():
    """Return who holds which open post, as stored."""
    return sorted(
        StaffPost.objects.filter(until__isnull=True).values_list("user__email", "profile__name")
    )


def test_preview_counts_each_kind_of_change_and_writes_nothing(client, manager, in_post):
    before = open_posts()

    response = upload_and_map(client, manager, *FILE, extra={"full_extract": "on"})

    assert response.status_code == 200
    assert counts(response) == {
        "New people": "1",
        "Updated": "1",
        "Moved post or organisation": "1",
        "Unchanged": "1",
        "Left their post": "1",
    }
    assertContains(response, "Nothing has been imported yet.")
    assertContains(response, "lee@example.org")
    assert open_posts() == before
    assert not User.objects.filter(email="nia@example.org").exists()
    assert User.objects.get(email="ula@example.org").last_name == "Smith"
    assert not AuditEvent.objects.filter(action=AuditAction.STAFF_IMPORT).exists()


def test_confirm_applies_exactly_what_was_previewed(client, manager, in_post):
    preview = upload_and_map(client, manager, *FILE, extra={"full_extract": "on"})

    response = confirm(client, preview)

    assertRedirects(response, reverse("people-list"), fetch_redirect_response=False)
    page = client.get(reverse("people-list"))
    assertContains(
        page,
        "Imported 4 rows: 1 new person, 1 updated, 1 moved post, 1 unchanged, 1 left their post.",
    )
    assert open_posts() == [
        ("nia@example.org", "Practice nurse"),
        ("ula@example.org", "Practice nurse"),
        ("uma@example.org", "Healthcare assistant"),
        ("una@example.org", "Practice nurse"),
    ]
    today = timezone.localdate()
    ended = StaffPost.objects.exclude(until=None).values_list(
        "user__email", "profile__name", "until"
    )
    assert sorted(ended) == [
        ("lee@example.org", "Practice nurse", today),
        ("uma@example.org", "Practice nurse", today),
    ]
    assert User.objects.get(email="ula@example.org").last_name == "Smith-Jones"
    event = AuditEvent.objects.get(action=AuditAction.STAFF_IMPORT)
    assert event.actor == manager
    assert event.summary == "1 new, 1 updated, 1 moved, 1 unchanged, 1 left"
    assert event.client_address == "127.0.0.1"
    for person in ("nia", "Nia", "lee", "Smith"):
        assert person not in event.summary
    assert "staff_import" not in client.session


def test_without_the_full_extract_mode_nobody_is_marked_as_having_left(client, manager, in_post):
    preview = upload_and_map(client, manager, *FILE)

    assert "Left their post" not in counts(preview)
    assertNotContains(preview, "lee@example.org")
    confirm(client, preview)
    assert StaffPost.objects.get(user__email="lee@example.org").until is None


def test_a_person_changed_after_the_preview_refuses_the_confirm_and_changes_nothing(
    client, manager, in_post
):
    preview = upload_and_map(client, manager, *FILE)
    una = in_post["una"]
    una.first_name = "Unity"
    una.save()

    response = confirm(client, preview)

    assert response.status_code == 409
    assertContains(response, STALE, status_code=409)
    assert counts(response)["Updated"] == "2"
    assert not User.objects.filter(email="nia@example.org").exists()
    assert User.objects.get(email="ula@example.org").last_name == "Smith"
    assert StaffPost.objects.get(user__email="uma@example.org").profile.name == "Practice nurse"
    assert not AuditEvent.objects.filter(action=AuditAction.STAFF_IMPORT).exists()

    assertRedirects(
        confirm(client, response), reverse("people-list"), fetch_redirect_response=False
    )
    assert User.objects.get(email="una@example.org").first_name == "Una"


def test_a_file_changed_after_the_preview_refuses_the_confirm(client, manager, in_post):
    preview = upload_and_map(client, manager, *FILE)
    path = client.session["staff_import"]["path"]
    default_storage.delete(path)
    changed = "\r\n".join([ESR_HEADERS, *FILE, line("zed@example.org", "Zed", "Zoe")]) + "\r\n"
    assert default_storage.save(path, ContentFile(changed.encode())) == path

    response = confirm(client, preview)

    assertContains(response, STALE, status_code=409)
    assert counts(response)["New people"] == "2"
    assert not User.objects.filter(email__in=["nia@example.org", "zed@example.org"]).exists()


def test_a_confirm_without_the_previews_fingerprint_changes_nothing(client, manager, in_post):
    upload_and_map(client, manager, *FILE)

    response = client.post(reverse(CONFIRM_PAGE), {"fingerprint": "0" * 64})

    assertContains(response, STALE, status_code=409)
    assert not User.objects.filter(email="nia@example.org").exists()


def test_confirm_before_any_preview_sends_you_back(client, manager, practice_a):
    client.force_login(manager)
    response = client.post(reverse(CONFIRM_PAGE), {"fingerprint": "x"})
    assertRedirects(response, reverse("competences:staff-import"))


def test_a_bad_row_shows_the_problems_and_no_confirm_button(client, manager, in_post):
    response = upload_and_map(client, manager, *FILE, line("not-an-email", "Bad", "Bob"))

    assertContains(response, "Nothing was imported: 1 row needs fixing", status_code=400)
    assertContains(
        response,
        "Once these rows are fixed, the others will give 1 new person, 1 updated, "
        "1 moved post or organisation, 1 unchanged.",
        status_code=400,
    )
    assertNotContains(response, "Confirm import", status_code=400)
    assert not User.objects.filter(email="nia@example.org").exists()


def fingerprint_of(preview):
    """Return the fingerprint a preview page carries."""
    page = BeautifulSoup(preview.content, "html.parser")
    return page.select_one("input[name=fingerprint]")["value"]


@pytest.mark.parametrize("fixture", ["hcp", "trainer", "representative", "outsider"])
def test_people_who_do_not_manage_get_404_from_the_confirm(
    client, manager, in_post, request, fixture
):
    fingerprint = fingerprint_of(upload_and_map(client, manager, *FILE))
    client.force_login(request.getfixturevalue(fixture))

    response = client.post(reverse(CONFIRM_PAGE), {"fingerprint": fingerprint})

    assert response.status_code == 404
    assert not User.objects.filter(email="nia@example.org").exists()


def test_another_managers_confirm_applies_nothing_of_this_import(
    client, manager, other_manager, in_post
):
    fingerprint = fingerprint_of(upload_and_map(client, manager, *FILE))
    client.force_login(other_manager)

    response = client.post(reverse(CONFIRM_PAGE), {"fingerprint": fingerprint})

    assertRedirects(response, reverse("competences:staff-import"))
    assert not User.objects.filter(email="nia@example.org").exists()


def test_columns_and_mode_are_kept_from_the_preview(client, manager, in_post):
    preview = upload_and_map(client, manager, *FILE, extra={"full_extract": "on"})
    assert client.session["staff_import"]["mapping"] == columns()
    assert client.session["staff_import"]["full_extract"] is True
    confirm(client, preview)
    assert StaffPost.objects.get(user__email="lee@example.org").until == timezone.localdate()


def test_a_move_to_another_organisation_ends_the_post_and_the_role_left_behind(
    client, manager, in_post, team_a
):
    moving = line("uma@example.org", "Smith", "Uma").replace("Practice A", "Team A")
    preview = upload_and_map(client, manager, moving)
    assert counts(preview)["Moved post or organisation"] == "1"

    confirm(client, preview)

    uma = in_post["uma"]
    assert sorted(uma.memberships.values_list("role", "organisation__name")) == [
        (Role.HCP, "Team A")
    ]
    posts = uma.staff_posts.values_list("organisation__name", "until")
    assert sorted(posts, key=str) == sorted(
        [("Practice A", timezone.localdate()), ("Team A", None)], key=str
    )

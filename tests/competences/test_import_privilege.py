"""HR import: a manager's import changes only HCPs in its scope and says nothing of others."""

import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertContains, assertNotContains

from competences.models import StaffPost
from competences.staff_imports import NOT_YOURS, staff_import
from tests.competences.test_import_choices import columns, confirm, esr_file, run, upload_and_map
from tests.competences.test_import_preview import line, staff_member
from tests.factories.training_site import person_with_role
from training_site.models import AuditAction, AuditEvent, Membership, Role, User
from training_site.tabular import read_table

pytestmark = pytest.mark.django_db


def roles(person):
    """Return the roles a person holds and where, as stored."""
    return sorted(person.memberships.values_list("role", "organisation__name"))


def renamed(person):
    """Return a row for a person under another first name."""
    return line(person.email, person.last_name, "Taken")


def as_is(person):
    """Return a row for a person under the name stored for it."""
    return line(person.email, person.last_name, person.first_name)


@pytest.fixture
def colleague(site_a):
    """A second manager of site A."""
    return person_with_role(Role.MANAGER, site_a, email="manager2@example.org", first_name="Mo")


@pytest.fixture
def superuser(practice_a):
    """A superuser who also belongs to practice A."""
    person = person_with_role(Role.HCP, practice_a, email="root@example.org", first_name="Ro")
    person.is_superuser = True
    person.save()
    return person


@pytest.fixture
def content_editor(practice_a):
    """An HCP at practice A who also edits content in the content admin."""
    person = person_with_role(Role.HCP, practice_a, email="editor@example.org", first_name="Ed")
    person.is_staff = True
    person.save()
    return person


@pytest.mark.parametrize(
    "fixture", ["trainer", "representative", "colleague", "superuser", "content_editor"]
)
def test_a_managers_import_does_not_rename_anyone_holding_more_than_an_hcp_role(
    manager, practice_a, practice_nurse, request, fixture
):
    person = request.getfixturevalue(fixture)
    held = roles(person)

    report = run(manager, renamed(person))

    assert report.bad_rows == [(2, [NOT_YOURS])]
    person.refresh_from_db()
    assert person.first_name != "Taken"
    assert roles(person) == held
    assert not StaffPost.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.STAFF_IMPORT).exists()


def test_a_trainer_in_scope_gets_an_hcp_post_but_keeps_its_name_and_role(
    manager, trainer, practice_a, practice_nurse
):
    report = run(manager, as_is(trainer), line("nia@example.org", "New", "Nia"))

    assert report.ok, report.errors
    assert roles(trainer) == [("hcp", "Practice A"), ("trainer", "Site A")]
    assert trainer.staff_posts.get().profile == practice_nurse
    roles_given = Membership.objects.filter(user__email="nia@example.org")
    assert list(roles_given.values_list("role", flat=True)) == [Role.HCP]


def test_a_managers_import_renames_an_hcp_in_its_scope(manager, hcp, practice_a, practice_nurse):
    report = run(manager, renamed(hcp))

    assert report.ok, report.errors
    hcp.refresh_from_db()
    assert hcp.first_name == "Taken"
    assert roles(hcp) == [("hcp", "Practice A")]


def test_a_network_administrators_import_may_rename_a_trainer(
    admin, trainer, practice_a, practice_nurse
):
    report = run(admin, renamed(trainer))

    assert report.ok, report.errors
    trainer.refresh_from_db()
    assert trainer.first_name == "Taken"
    assert roles(trainer) == [("hcp", "Practice A"), ("trainer", "Site A")]


def test_an_account_elsewhere_gets_the_same_message_as_a_row_the_import_may_not_change(
    client, manager, trainer, hcp_b, admin, practice_a, practice_nurse
):
    response = upload_and_map(client, manager, renamed(trainer), renamed(hcp_b), renamed(admin))

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    problems = {
        cells[0].get_text(strip=True): cells[1].get_text(strip=True)
        for cells in (r.find_all("td") for r in page.select(".nhsuk-error-summary tbody tr"))
    }
    assert problems == {"2": NOT_YOURS, "3": NOT_YOURS, "4": NOT_YOURS}
    for text in ("already has an account", "do not manage", hcp_b.first_name, "Site B"):
        assertNotContains(response, text, status_code=400)
    for person in (trainer, hcp_b, admin):
        person.refresh_from_db()
        assert person.first_name != "Taken"


def test_a_full_extract_does_not_end_the_posts_of_trainers_or_managers(
    manager, trainer, practice_a, practice_nurse
):
    for person in (manager, trainer):
        StaffPost.objects.create(
            user=person, profile=practice_nurse, organisation=practice_a, since="2022-04-01"
        )
    staff_member("lee@example.org", "Lee", "Smith", practice_a, practice_nurse)
    report = run_full(manager, line("nia@example.org", "New", "Nia"))

    assert (report.created, report.left) == (1, 1)
    still_open = StaffPost.objects.filter(until__isnull=True).values_list("user__email", flat=True)
    assert sorted(still_open) == ["manager@example.org", "nia@example.org", "trainer@example.org"]


def run_full(importer, *lines):
    """Import ESR-shaped lines as the full extract for the importer's organisations."""
    table = read_table(esr_file(*lines))
    return staff_import(table=table, mapping=columns(), importer=importer, full_extract=True)


def test_a_person_made_a_trainer_after_the_preview_is_not_renamed_by_the_confirm(
    client, manager, hcp, site_a, practice_a, practice_nurse
):
    preview = upload_and_map(client, manager, renamed(hcp), line("nia@example.org", "New", "Nia"))
    Membership.objects.create(user=hcp, organisation=site_a, role=Role.TRAINER)

    response = confirm(client, preview)

    assertContains(response, "Nothing was imported: 1 row needs fixing", status_code=400)
    assertContains(response, NOT_YOURS, status_code=400)
    hcp.refresh_from_db()
    assert hcp.first_name != "Taken"
    assert not User.objects.filter(email="nia@example.org").exists()

"""Who may edit and publish which programme, and a change's way from a trainer to HCPs.

These use the demo's real editing rules (groups, page permissions and the approval
workflow), built by ``build_demo_curriculum`` on the test cast: the trainer is a Tower
Hamlets trainer, and admin@example.org, not a superuser here, is a curriculum approver.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects
from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import rich_text

from curriculum.demo import build_demo_curriculum
from tests.factories.curriculum import module_page

pytestmark = pytest.mark.django_db

STORIES = "Sharing stories and negotiating the agenda"
OLD_AIMS = "To practise opening a consultation with the person's story"
NEW_AIMS = "Open with the person's own words, then agree the agenda together."


def get_as(client, user, url):
    """Fetch a page signed in as a person."""
    client.force_login(user)
    return client.get(url)


def edit_url(page):
    """Return the content admin's edit view of a page."""
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(response):
    """Return what the admin's edit form would post as it stands, as {name: [values]}."""
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        kind = field.get("type", "text")
        if field.name == "select":
            values = [o.get("value", o.text) for o in field.find_all("option", selected=True)]
        elif field.name == "textarea":
            values = [field.text]
        elif kind in ("submit", "button", "file") or (
            kind in ("checkbox", "radio") and not field.has_attr("checked")
        ):
            continue
        else:
            values = [field.get("value", "on" if kind == "checkbox" else "")]
        data.setdefault(name, []).extend(values)
    return data


def post_aims(client, user, page, aims, action):
    """Change a module's aims in the content admin and press a button."""
    client.force_login(user)
    data = edit_form_data(client.get(edit_url(page)))
    data["aims"] = rich_text(f"<p>{aims}</p>")
    data[action] = "1"
    return client.post(edit_url(page), data)


def live_aims(page):
    """Return the aims as published, read back from the database."""
    page.refresh_from_db()
    return page.aims


@pytest.fixture
def stories(demo):
    """The unified programme's module on stories and the agenda."""
    return demo.module(demo.unified, STORIES)


@pytest.fixture
def submitted(client, trainer, stories):
    """The trainer's change to the unified module, submitted for approval in the admin."""
    response = post_aims(client, trainer, stories, NEW_AIMS, "action-submit")
    assert response.status_code == 302
    client.logout()
    return stories


def approve_url(page):
    """Return the admin's approve action for the task the page waits on."""
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


# Who may do what


def test_trainer_edits_own_sites_and_the_unified_programme_only(demo, trainer):
    for programme, editable in [
        (demo.unified, True),
        (demo.tower_hamlets, True),
        (demo.calderdale, False),
        (demo.north_of_tyne, False),
    ]:
        module = programme.get_children().first()
        for page in (programme, module):
            assert page.permissions_for_user(trainer).can_edit() is editable, page.title


def test_trainer_publishes_own_sites_programme_but_not_the_unified_one(demo, trainer):
    for programme, publishable in [
        (demo.unified, False),
        (demo.tower_hamlets, True),
        (demo.calderdale, False),
    ]:
        module = programme.get_children().first()
        for page in (programme, module):
            assert page.permissions_for_user(trainer).can_publish() is publishable, page.title


def test_trainer_may_add_a_module_to_the_unified_programme_but_not_delete_it(demo, trainer):
    permissions = demo.unified.permissions_for_user(trainer)

    assert permissions.can_add_subpage()
    assert not permissions.can_delete()
    assert not demo.calderdale.permissions_for_user(trainer).can_add_subpage()


def test_approver_edits_and_publishes_every_programme(demo, admin):
    assert not admin.is_superuser
    for programme in (demo.unified, demo.tower_hamlets, demo.calderdale, demo.north_of_tyne):
        permissions = programme.permissions_for_user(admin)
        assert permissions.can_edit() and permissions.can_publish(), programme.title


@pytest.mark.parametrize("fixture", ["hcp", "representative"])
def test_hcp_and_representative_have_no_content_access(client, request, demo, stories, fixture):
    person = request.getfixturevalue(fixture)

    assert not person.has_perm("wagtailadmin.access_admin")
    assert not stories.permissions_for_user(person).can_edit()
    for url in (reverse("wagtailadmin_home"), edit_url(stories)):
        response = get_as(client, person, url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_trainer_cannot_open_another_sites_module_in_the_admin(client, demo, trainer):
    module = demo.module(demo.calderdale, STORIES)

    response = get_as(client, trainer, edit_url(module))

    assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)


def test_trainer_cannot_change_another_sites_module_by_posting(client, demo, trainer):
    module = demo.module(demo.calderdale, STORIES)
    revisions = module.revisions.count()
    client.force_login(trainer)

    response = client.post(
        edit_url(module),
        {"title": "Taken over", "aims": rich_text("<p>Taken over.</p>"), "action-publish": "1"},
    )

    assert response.status_code == 302
    module.refresh_from_db()
    assert module.title == STORIES
    assert module.revisions.count() == revisions


def test_admin_refuses_a_site_programme_marked_unified(client, demo, trainer):
    client.force_login(trainer)
    data = edit_form_data(client.get(edit_url(demo.tower_hamlets)))
    data["unified"] = "on"
    data["action-publish"] = "1"

    response = client.post(edit_url(demo.tower_hamlets), data)

    assertContains(response, "The unified programme belongs to no single site.")
    demo.tower_hamlets.refresh_from_db()
    assert not demo.tower_hamlets.unified
    assert demo.tower_hamlets.revisions.count() == 1


def test_unified_programme_changes_go_through_the_curriculum_approval(demo, stories):
    assert stories.get_workflow().name == "Curriculum approval"
    approvers = stories.get_workflow().tasks.get().specific.groups.all()
    assert [group.name for group in approvers] == ["Curriculum approvers"]
    assert demo.module(demo.tower_hamlets, STORIES).get_workflow() is None


def test_trainer_pressing_publish_on_the_unified_module_only_saves_a_draft(
    client, trainer, hcp, stories
):
    response = post_aims(client, trainer, stories, NEW_AIMS, "action-publish")

    assert response.status_code == 302
    assert OLD_AIMS in live_aims(stories)
    assert stories.has_unpublished_changes
    assert NEW_AIMS in stories.get_latest_revision_as_object().aims
    assertNotContains(get_as(client, hcp, stories.url), "agree the agenda together")


def test_trainer_publishes_own_sites_module_and_hcps_read_it(client, demo, trainer, hcp):
    module = demo.module(demo.tower_hamlets, STORIES)

    response = post_aims(client, trainer, module, NEW_AIMS, "action-publish")

    assert response.status_code == 302
    assert "agree the agenda together" in live_aims(module)
    assert not module.has_unpublished_changes
    assertContains(get_as(client, hcp, module.url), "agree the agenda together")


def test_demo_rules_are_built_once_however_often_the_demo_runs(demo):
    def rules():
        return (
            Page.objects.count(),
            sorted(Group.objects.values_list("name", flat=True)),
            GroupPagePermission.objects.count(),
            list(WorkflowPage.objects.values_list("page_id", "workflow__name")),
            WorkflowTask.objects.count(),
        )

    before = rules()
    build_demo_curriculum()

    assert rules() == before
    assert "Trainers: Tower Hamlets" in before[1]


# A change to the unified programme, from the trainer to HCPs


def test_submitted_change_waits_for_approval_and_hcps_still_read_the_approved_text(
    client, trainer, hcp, submitted
):
    assert OLD_AIMS in live_aims(submitted)
    assert submitted.has_unpublished_changes
    workflow_state = submitted.current_workflow_state
    assert workflow_state.status == "in_progress"
    assert workflow_state.requested_by == trainer
    assert workflow_state.current_task_state.task.name == "Approval by the curriculum approvers"

    response = get_as(client, hcp, submitted.url)

    assertContains(response, "To practise opening a consultation")
    assertNotContains(response, "agree the agenda together")


def test_changes_page_lists_the_waiting_change_with_a_link_to_compare(client, trainer, submitted):
    soup = BeautifulSoup(
        get_as(client, trainer, reverse("curriculum:changes")).content, "html.parser"
    )

    rows = soup.select("tbody tr")
    assert [row.td.get_text(strip=True) for row in rows] == [STORIES]
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[submitted.pk, "live", "latest"])
    assert rows[0].find("a")["href"] == compare


def test_compare_link_shows_the_trainer_the_new_text(client, trainer, submitted):
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[submitted.pk, "live", "latest"])

    soup = BeautifulSoup(get_as(client, trainer, compare).content, "html.parser")

    aims = soup.find("div", string="Aims:").find_parent("tr").select_one(".comparison")
    assert [s.get_text() for s in aims.select(".addition")][:2] == [
        "Open",
        "own words, then agree the agenda",
    ]
    assert aims.select_one(".deletion").get_text() == "To practise opening a consultation"


@pytest.mark.parametrize("fixture", ["trainer", "hcp"])
def test_only_an_approver_can_approve(client, request, submitted, fixture):
    client.force_login(request.getfixturevalue(fixture))
    response = client.post(approve_url(submitted), {"comment": ""})

    assert response.status_code == 302
    assert OLD_AIMS in live_aims(submitted)
    assert submitted.current_workflow_state.status == "in_progress"


def test_approver_publishes_the_change_and_hcps_read_the_new_version(
    client, admin, trainer, hcp, submitted
):
    client.force_login(admin)
    response = client.post(approve_url(submitted), {"comment": "Agreed at the sites' meeting."})

    assert response.status_code == 302
    assert "agree the agenda together" in live_aims(submitted)
    assert not submitted.has_unpublished_changes
    assert submitted.workflow_states.get().status == "approved"
    assertContains(get_as(client, hcp, submitted.url), "agree the agenda together")
    revisions = submitted.revisions.order_by("created_at", "pk")
    assert [OLD_AIMS in r.content["aims"] for r in revisions] == [True, False]
    assert "agree the agenda together" in revisions.last().content["aims"]
    assert revisions.last().user == trainer
    assert submitted.live_revision == revisions.last()


def test_changes_page_offers_the_draft_of_a_module_never_approved(client, demo, trainer):
    draft = module_page(demo.unified, "Care planning with interpreters", live=False, user=trainer)

    soup = BeautifulSoup(
        get_as(client, trainer, reverse("curriculum:changes")).content, "html.parser"
    )

    row = soup.find("td", string="Care planning with interpreters").find_parent("tr")
    assert "Never approved" in row.get_text()
    assert row.find("a")["href"] == edit_url(draft)
    assert get_as(client, trainer, edit_url(draft)).status_code == 200


def test_approved_change_leaves_the_changes_page(client, admin, trainer, submitted):
    client.force_login(admin)
    client.post(approve_url(submitted), {"comment": ""})

    response = get_as(client, trainer, reverse("curriculum:changes"))

    assertNotContains(response, STORIES)
    assertContains(response, "Every curriculum page is as approved.")


@pytest.mark.parametrize("fixture", ["hcp", "representative", "outsider"])
def test_changes_page_is_not_found_by_people_without_content_access(
    client, request, submitted, fixture
):
    response = get_as(client, request.getfixturevalue(fixture), reverse("curriculum:changes"))

    assert response.status_code == 404
    assertNotContains(response, STORIES, status_code=404)


def test_changes_page_sends_anonymous_visitors_to_sign_in(client, demo):
    response = client.get(reverse("curriculum:changes"))

    assertRedirects(
        response,
        f"{reverse('login')}?next={reverse('curriculum:changes')}",
        fetch_redirect_response=False,
    )

"""The content admin sends nothing about its users to other sites and escapes its exports."""

import csv
import io

import pytest
from django import forms
from openpyxl import load_workbook
from wagtail.log_actions import log

from tests.factories.training_site import UserFactory
from training_site.models import PersonEvent


@pytest.fixture
def editor(db):
    """A content administrator with an email address Gravatar could look up."""
    return UserFactory(is_superuser=True, email="editor@example.org", first_name="Eddie")


@pytest.mark.parametrize("path", ["/cms/", "/cms/account/", "/cms/users/"])
def test_content_admin_pages_ask_gravatar_for_nothing(client, editor, path):
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 200
    assert "gravatar" not in response.text.lower()


@pytest.fixture
def formula_history(editor):
    """A change to a person whose name starts like a formula, made by an editor named likewise."""
    editor.first_name, editor.last_name = "=HYPERLINK(1)", "Editor"
    editor.save()
    person = UserFactory(first_name="=SUM(1,2)", last_name="Person", email="sum@example.org")
    log(instance=person, action="wagtail.edit", user=editor)
    return person


def test_site_history_csv_escapes_formulas(client, editor, formula_history):
    client.force_login(editor)
    response = client.get("/cms/reports/site-history/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    (row,) = [row for row in rows[1:] if row[0] == str(formula_history.pk)]
    assert row[1] == "'" + str(formula_history)
    assert row[4] == "'=HYPERLINK(1) Editor"


def test_site_history_xlsx_keeps_formulas_as_text(client, editor, formula_history):
    client.force_login(editor)
    response = client.get("/cms/reports/site-history/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == str(formula_history.pk)]
    assert row[1].value == "'" + str(formula_history)
    assert row[1].data_type == "s"


def test_site_history_still_lists_changes_on_the_page(client, editor, formula_history):
    client.force_login(editor)
    response = client.get("/cms/reports/site-history/")
    assert response.status_code == 200
    assert "=SUM(1,2) Person" in response.text


def test_site_history_is_refused_to_people_without_content_admin_access(client, hcp):
    client.force_login(hcp)
    for path in ("/cms/reports/site-history/", "/cms/reports/site-history/results/"):
        response = client.get(path, {"export": "csv"})
        assert response.status_code == 302
        assert response["Location"].startswith("/cms/login/")


def form_data(form):
    """The POST data a browser would send for an unchanged form."""
    data = {}
    for name, field in form.fields.items():
        value = None if isinstance(field, forms.FileField) else form[name].value()
        if value is None or value is False:
            continue
        data[form.add_prefix(name)] = "on" if value is True else value
    return data


def account_data(client, **changes):
    """The account settings form as shown, with the name and email fields changed."""
    page = client.get("/cms/account/")
    data = {}
    for panels in page.context["panels_by_tab"].values():
        for panel in panels:
            data.update(form_data(panel.get_form()))
    data.update({f"name_email-{name}": value for name, value in changes.items()})
    return data


@pytest.fixture
def editor_with_password(editor):
    """The content editor, with a password it knows."""
    editor.set_password("a long secret phrase")
    editor.save()
    return editor


def test_content_editor_email_change_without_the_password_is_refused(
    client, editor_with_password, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor_with_password)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cms/account/", account_data(client, email="new@example.org"))
    assert response.status_code == 200
    assert "Enter your current password to change the email address." in response.text
    editor_with_password.refresh_from_db()
    assert editor_with_password.email == "editor@example.org"
    assert mailoutbox == []


def test_content_editor_email_change_with_a_wrong_password_is_refused(
    client, editor_with_password, mailoutbox
):
    client.force_login(editor_with_password)
    data = account_data(client, email="new@example.org", current_password="not it")
    response = client.post("/cms/account/", data)
    assert "Enter your current password to change the email address." in response.text
    editor_with_password.refresh_from_db()
    assert editor_with_password.email == "editor@example.org"
    assert mailoutbox == []


def test_content_editor_email_change_with_the_password_tells_the_old_address(
    client, editor_with_password, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor_with_password)
    data = account_data(client, email="new@example.org", current_password="a long secret phrase")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cms/account/", data)
    assert response.status_code == 302
    editor_with_password.refresh_from_db()
    assert editor_with_password.email == "new@example.org"
    (notice,) = mailoutbox
    assert notice.to == ["editor@example.org"]
    assert "changed from editor@example.org to new@example.org" in notice.body
    assert PersonEvent.objects.filter(
        person=editor_with_password,
        description="Email changed from editor@example.org to new@example.org",
    ).exists()


def test_content_editor_renames_itself_without_the_password(
    client, editor_with_password, mailoutbox
):
    client.force_login(editor_with_password)
    response = client.post("/cms/account/", account_data(client, first_name="Edwina"))
    assert response.status_code == 302
    editor_with_password.refresh_from_db()
    assert editor_with_password.first_name == "Edwina"
    assert mailoutbox == []


def user_edit_data(client, person, **changes):
    """The content admin's edit form for a person as shown, with some fields changed."""
    page = client.get(f"/cms/users/edit/{person.pk}/")
    assert "Your current password" in page.text
    return {**form_data(page.context["form"]), **changes}


def test_changing_someone_elses_email_needs_the_editors_password(
    client, editor_with_password, hcp, mailoutbox
):
    client.force_login(editor_with_password)
    data = user_edit_data(client, hcp, email="hana@example.org")
    response = client.post(f"/cms/users/edit/{hcp.pk}/", data)
    assert "Enter your current password to change the email address." in response.text
    hcp.refresh_from_db()
    assert hcp.email == "hcp@example.org"
    assert mailoutbox == []


def test_changing_someone_elses_email_with_the_password_tells_its_old_address(
    client, editor_with_password, hcp, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(editor_with_password)
    data = user_edit_data(
        client, hcp, email="hana@example.org", current_password="a long secret phrase"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/cms/users/edit/{hcp.pk}/", data)
    assert response.status_code == 302
    hcp.refresh_from_db()
    assert hcp.email == "hana@example.org"
    (notice,) = mailoutbox
    assert notice.to == ["hcp@example.org"]
    assert "by Eddie" in notice.body


def test_the_account_page_is_refused_to_people_without_content_admin_access(client, hcp):
    client.force_login(hcp)
    response = client.get("/cms/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")

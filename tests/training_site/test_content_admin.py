"""The content admin sends nothing about its users to other sites and escapes its exports."""

import csv
import io

import pytest
from openpyxl import load_workbook
from wagtail.log_actions import log

from tests.factories.training_site import UserFactory


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

"""The workbooks and the PDF report are prepared by the worker, never in the web request."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from competences import tasks
from training_site.models import (
    AuditAction,
    AuditEvent,
    DownloadState,
    Membership,
    PreparedDownload,
)

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
EXPORT_TASK = "competences.tasks.gap_export_prepare"


def export_tasks():
    """The export tasks in the database queue, leaving out the emails beside them."""
    return DBTaskResult.objects.filter(task_path=EXPORT_TASK)


@pytest.fixture
def database_queue(settings, monkeypatch):
    """Queue tasks in the database, as production does, for the worker to run."""
    settings.TASKS = DATABASE_TASKS
    settings.SMALL_NUMBER_THRESHOLD = 1
    # The worker closes its connection between tasks, which would end the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    """Run the worker until the queue is empty, as ``db_worker --batch`` does."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def ask_for(client, user, name, **params):
    """Ask for an export signed in as a person; return the download it recorded."""
    client.force_login(user)
    response = client.get(reverse(f"competences:{name}"), params)
    download = PreparedDownload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("download-status", args=[download.pk])
    return download


def status(client, download):
    """The status page of a download, parsed."""
    response = client.get(reverse("download-status", args=[download.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def download_link(page):
    """The status page's link to the file, or None."""
    return page.find("a", string=re.compile(r"^Download "))


@pytest.mark.parametrize("name", ["gap-summary-xlsx", "gap-matrix-xlsx", "gap-report"])
def test_the_request_queues_the_export_and_builds_nothing(
    client, database_queue, manager, workforce, name
):
    download = ask_for(client, manager, name)

    assert (download.state, download.file.name) == (DownloadState.QUEUED, "")
    task = export_tasks().ready().get()
    assert task.args_kwargs["kwargs"] == {"download_id": download.pk}
    page = status(client, download)
    assert download_link(page) is None
    assert "Waiting to start" in page.find(id="download-status").get_text()
    assert page.find("progress") is not None


def test_the_worker_prepares_the_workbook_and_the_status_page_links_to_it(
    client, database_queue, manager, workforce
):
    download = ask_for(client, manager, "gap-matrix-xlsx")

    run_worker()

    download.refresh_from_db()
    assert download.state == DownloadState.READY
    assert (download.done, download.total) == (4, 4)
    assert export_tasks().successful().count() == 1
    link = download_link(status(client, download))
    today = timezone.localdate()
    assert link.get_text(strip=True) == f"Download gap-matrix-site-a-{today:%Y-%m-%d}.xlsx"
    response = client.get(link["href"])
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    today_words = f"{today.day} {today:%B %Y}"
    assert rows[0][0] == f"Care planning skills matrix, per person: Site A, as on {today_words}"
    rows = rows[2:]
    assert rows[0][:5] == ("Email", "First name", "Last name", "Post", "Organisation")
    assert {row[0] for row in rows[1:]} == {
        workforce.nurse.email,
        workforce.new_nurse.email,
        workforce.last_day.email,
        workforce.assistant.email,
    }
    event = AuditEvent.objects.get(action=AuditAction.REPORT_EXPORT)
    assert event.actor == manager
    assert event.summary.startswith("People by competence in Site A on ")


def test_the_worker_prepares_the_pdf_report(client, database_queue, admin, workforce):
    download = ask_for(client, admin, "gap-report", compare="2026-01-01")

    run_worker()

    download.refresh_from_db()
    assert (download.state, download.done, download.total) == (DownloadState.READY, 3, 3)
    assert download.title.endswith("compared with 1 January 2026 (PDF)")
    response = client.get(download_link(status(client, download))["href"])
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_workbook_escapes_formulas_when_the_worker_writes_it(
    client, database_queue, manager, practice_a, practice_nurse
):
    from tests.factories.competences import StaffPostFactory
    from tests.factories.training_site import person_with_role
    from training_site.models import Role

    person = person_with_role(Role.HCP, practice_a, first_name="Eve", last_name="=1+2")
    StaffPostFactory(user=person, profile=practice_nurse, organisation=practice_a)
    download = ask_for(client, manager, "gap-matrix-xlsx")

    run_worker()

    response = client.get(download_link(status(client, download))["href"])
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    (row,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == person.email]
    assert (row[2].value, row[2].data_type) == ("'=1+2", "s")


def test_someone_else_cannot_watch_or_fetch_the_export(
    client, database_queue, manager, other_manager, workforce
):
    download = ask_for(client, manager, "gap-matrix-xlsx")
    run_worker()

    client.force_login(other_manager)

    assert client.get(reverse("download-status", args=[download.pk])).status_code == 404
    assert client.get(reverse("download-file", args=[download.pk])).status_code == 404


def test_an_outsider_asking_for_a_sites_export_queues_nothing(
    client, database_queue, other_manager, site_a, workforce
):
    client.force_login(other_manager)

    response = client.get(reverse("competences:gap-matrix-xlsx"), {"organisation": site_a.pk})

    assert response.status_code == 404
    assert not PreparedDownload.objects.exists()
    assert not export_tasks().exists()


def test_a_manager_who_lost_the_role_before_the_worker_ran_is_told_why(
    client, database_queue, manager, workforce
):
    download = ask_for(client, manager, "gap-report")
    Membership.objects.filter(user=manager).delete()

    run_worker()

    download.refresh_from_db()
    assert (download.state, download.file.name) == (DownloadState.FAILED, "")
    client.force_login(manager)
    page = status(client, download)
    assert (
        "You no longer manage this organisation"
        in page.find(class_="nhsuk-error-summary").get_text()
    )
    assert download_link(page) is None


def test_an_export_that_breaks_is_shown_failed_and_recorded_by_the_queue(
    client, database_queue, manager, workforce, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(tasks, "prepared_export", broken)
    download = ask_for(client, manager, "gap-matrix-xlsx")

    run_worker()

    download.refresh_from_db()
    assert download.state == DownloadState.FAILED
    assert export_tasks().failed().count() == 1
    page = status(client, download)
    assert "could not be prepared" in page.find(class_="nhsuk-error-summary").get_text()

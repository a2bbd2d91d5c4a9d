"""Prepared downloads: built by a task, watched on a status page, fetched only by their owner."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from training_site.erasure import person_erase
from training_site.models import AuditAction, AuditEvent, DownloadState, PreparedDownload
from training_site.prepared_downloads import (
    FAILED_MESSAGE,
    DownloadRefused,
    prepared_download_build,
    purge_prepared_downloads,
)
from training_site.retention import purge_expired_data
from training_site.subject_access import personal_data_of

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2030, 6, 1, 9, 0))


def queued(owner, **fields):
    """A download recorded for its owner and waiting for the worker."""
    fields = {"title": "Everyone in Site A", **fields}
    return PreparedDownload.objects.create(
        owner=owner, kind="test", filename="everyone.csv", **fields
    )


def ready(owner, content=b"Email\nhcp@example.org\n", title="Everyone in Site A"):
    """A download whose file is stored and ready."""
    download = queued(owner, title=title)
    prepared_download_build(download_id=download.pk, build=lambda d, progress: content)
    download.refresh_from_db()
    return download


def status_page(client, user, download):
    """The status page of a download, signed in as a person."""
    client.force_login(user)
    return client.get(reverse("download-status", args=[download.pk]))


def soup(response):
    """Parse a page that answered 200."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# Waiting


def test_a_queued_download_shows_an_empty_progress_bar_and_refreshes_itself(client, manager):
    page = soup(status_page(client, manager, queued(manager)))

    assert page.h1.get_text(strip=True) == "Everyone in Site A"
    assert "Waiting to start" in page.find(id="download-status").get_text()
    assert page.find("progress") is not None
    assert page.select_one('noscript meta[http-equiv="refresh"]')["content"] == "3"
    assert page.select_one('script[src$="download_status.js"]') is not None
    assert not page.find("a", string=lambda s: s and s.startswith("Download "))


def test_a_running_download_shows_how_far_it_has_got(client, manager):
    download = queued(manager, state=DownloadState.RUNNING, done=1500, total=4000)

    page = soup(status_page(client, manager, download))

    progress = page.find("progress")
    assert (progress["value"], progress["max"]) == ("1500", "4000")
    assert "1500 of 4000 done" in page.find(id="download-status").get_text()
    assert "Being prepared" in page.find(class_="nhsuk-tag").get_text()


def test_progress_is_written_down_as_the_build_goes(manager):
    download = queued(manager)
    seen = []

    def build(download, progress):
        progress(0, 1200)
        for done in range(1, 1201):
            progress(done)
            if done in (499, 500, 1000):
                stored = PreparedDownload.objects.get(pk=download.pk)
                seen.append((stored.state, stored.done, stored.total))
        return b"done"

    assert prepared_download_build(download_id=download.pk, build=build) == "ready"
    assert seen == [
        (DownloadState.RUNNING, 0, 1200),
        (DownloadState.RUNNING, 500, 1200),
        (DownloadState.RUNNING, 1000, 1200),
    ]
    download.refresh_from_db()
    assert (download.state, download.done, download.total) == (DownloadState.READY, 1200, 1200)


# Ready


def test_a_ready_download_shows_its_link_and_stops_refreshing(client, manager):
    page = soup(status_page(client, manager, ready(manager)))

    link = page.find("a", string="Download everyone.csv")
    assert link["href"] == reverse("download-file", args=[PreparedDownload.objects.get().pk])
    assert page.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert "Ready" in page.find(class_="nhsuk-tag").get_text()


def test_the_owner_downloads_the_file_and_the_export_is_audited(client, manager):
    download = ready(manager)
    client.force_login(manager)

    response = client.get(reverse("download-file", args=[download.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="everyone.csv"'
    assert b"".join(response.streaming_content) == b"Email\nhcp@example.org\n"
    event = AuditEvent.objects.get(action=AuditAction.REPORT_EXPORT)
    assert (event.actor, event.summary) == (manager, "Everyone in Site A")
    assert event.object_id == str(download.pk)


def test_the_file_is_stored_under_downloads_with_a_name_nobody_can_guess(manager):
    download = ready(manager)

    assert download.file.name.startswith(f"downloads/{download.pk}-")
    assert download.file.name.endswith(".csv")
    assert len(download.file.name) > len(f"downloads/{download.pk}-.csv") + 10


@pytest.mark.parametrize("fixture", ["other_manager", "admin", "outsider"])
def test_nobody_but_the_owner_sees_the_status_or_the_file(client, request, manager, fixture):
    download = ready(manager)
    client.force_login(request.getfixturevalue(fixture))

    assert client.get(reverse("download-status", args=[download.pk])).status_code == 404
    assert client.get(reverse("download-file", args=[download.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.REPORT_EXPORT).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, manager):
    download = ready(manager)

    for name in ("download-status", "download-file"):
        response = client.get(reverse(name, args=[download.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_file_of_a_download_still_waiting_is_not_found(client, manager):
    client.force_login(manager)

    assert client.get(reverse("download-file", args=[queued(manager).pk])).status_code == 404


# Failed


def test_a_refused_download_shows_its_reason(client, manager):
    download = queued(manager)

    def build(download, progress):
        raise DownloadRefused("You no longer manage Site A.")

    assert prepared_download_build(download_id=download.pk, build=build) == "refused"
    page = soup(status_page(client, manager, download))

    assert "Failed" in page.find(class_="nhsuk-tag").get_text()
    summary = page.find(class_="nhsuk-error-summary")
    assert "You no longer manage Site A." in summary.get_text()
    assert page.find("progress") is None
    assert client.get(reverse("download-file", args=[download.pk])).status_code == 404


def test_a_download_that_breaks_is_recorded_failed_and_the_error_raised_for_the_queue(
    client, manager
):
    download = queued(manager)

    def build(download, progress):
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        prepared_download_build(download_id=download.pk, build=build)
    download.refresh_from_db()

    assert (download.state, download.error) == (DownloadState.FAILED, FAILED_MESSAGE)
    assert download.finished_at is not None
    page = soup(status_page(client, manager, download))
    assert "Ask for it again" in page.find(class_="nhsuk-error-summary").get_text()
    assert "database" not in page.find(class_="nhsuk-error-summary").get_text()


def test_a_download_already_taken_by_a_worker_is_not_built_twice(manager):
    download = queued(manager, state=DownloadState.RUNNING)

    def build(download, progress):
        raise AssertionError("built twice")

    assert prepared_download_build(download_id=download.pk, build=build) == "not waiting"


# Retention


def test_ready_downloads_and_their_files_go_after_the_retention_period(settings, manager):
    settings.RETENTION_DOWNLOAD_HOURS = 24
    old = ready(manager)
    recent = ready(manager)
    waiting = queued(manager, created_at=NOW - timedelta(days=3))
    PreparedDownload.objects.filter(pk=old.pk).update(finished_at=NOW - timedelta(hours=25))
    PreparedDownload.objects.filter(pk=recent.pk).update(finished_at=NOW - timedelta(hours=23))

    assert purge_prepared_downloads(NOW) == 1

    assert set(PreparedDownload.objects.all()) == {recent, waiting}
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(recent.file.name)


def test_the_retention_period_comes_from_the_setting(settings, manager):
    download = ready(manager)
    PreparedDownload.objects.filter(pk=download.pk).update(finished_at=NOW - timedelta(hours=30))
    settings.RETENTION_DOWNLOAD_HOURS = 48

    assert purge_expired_data(now=NOW)["prepared downloads"] == 0
    settings.RETENTION_DOWNLOAD_HOURS = 24
    assert purge_expired_data(now=NOW)["prepared downloads"] == 1
    assert not PreparedDownload.objects.exists()


def test_failed_downloads_go_after_the_retention_period_too(settings, manager):
    settings.RETENTION_DOWNLOAD_HOURS = 24
    queued(manager, state=DownloadState.FAILED, finished_at=NOW - timedelta(hours=25))

    assert purge_prepared_downloads(NOW) == 1


# Privacy


def test_erasing_the_owner_deletes_the_downloads_and_their_files(
    manager, django_capture_on_commit_callbacks
):
    download = ready(manager)
    assert default_storage.exists(download.file.name)

    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=manager)

    assert not PreparedDownload.objects.exists()
    assert not default_storage.exists(download.file.name)


def test_the_owners_subject_access_export_lists_the_downloads(manager, other_manager):
    ready(manager)
    ready(other_manager, title="Everyone in Site B")

    rows = personal_data_of(manager)["training_site.PreparedDownload"]["rows"]

    assert [(row["title"], row["filename"], row["state"]) for row in rows] == [
        ("Everyone in Site A", "everyone.csv", DownloadState.READY)
    ]


def test_a_download_saved_with_a_file_object_is_stored_whole(manager):
    download = queued(manager)

    prepared_download_build(
        download_id=download.pk, build=lambda d, progress: ContentFile(b"x" * 10_000)
    )
    download.refresh_from_db()

    with download.file.open("rb") as stored:
        assert stored.read() == b"x" * 10_000

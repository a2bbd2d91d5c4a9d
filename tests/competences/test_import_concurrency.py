"""Two staff imports for the same site at once: the second is refused and changes nothing.

The race runs on PostgreSQL only, where the import takes real row locks; SQLite locks the
whole database for a write and cannot show it.
"""

import threading

import pytest
from django.apps import apps
from django.db import connection
from pytest_django.asserts import assertContains

from competences import staff_imports
from competences.reference import load_reference_data
from competences.staff_imports import BUSY
from tests.competences.test_import_choices import confirm, run, upload_and_map
from tests.competences.test_import_preview import line
from training_site.models import AuditAction, AuditEvent, User

pytestmark = pytest.mark.django_db(transaction=True)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks (select_for_update)"
)
NIA, OLA = "nia@example.org", "ola@example.org"


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The national framework, which an earlier transactional test may have flushed away."""
    load_reference_data(apps)


@postgresql_only
def test_an_import_confirmed_while_another_for_its_site_is_applied_is_refused(
    client, manager, admin, practice_a, practice_nurse, monkeypatch
):
    preview = upload_and_map(client, manager, line(OLA, "Owen", "Ola"))
    written, release = threading.Event(), threading.Event()
    write = staff_imports._write_staff
    errors = []

    def slow_write(changes):
        """Hold the first import open after writing, until the second has been tried."""
        write(changes)
        if threading.current_thread() is worker:
            written.set()
            release.wait(timeout=30)

    def network_import():
        try:
            assert run(admin, line(NIA, "New", "Nia")).ok
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    monkeypatch.setattr(staff_imports, "_write_staff", slow_write)
    worker = threading.Thread(target=network_import)
    worker.start()
    try:
        assert written.wait(timeout=30)
        response = confirm(client, preview)
    finally:
        release.set()
        worker.join(timeout=30)

    assert not errors
    assertContains(response, BUSY, status_code=409)
    assert not User.objects.filter(email=OLA).exists()
    assert User.objects.filter(email=NIA).exists()
    events = AuditEvent.objects.filter(action=AuditAction.STAFF_IMPORT)
    assert list(events.values_list("actor__email", flat=True)) == [admin.email]

    again = confirm(client, response)
    assert again.status_code == 302
    assert User.objects.filter(email=OLA).exists()


def test_an_import_refused_as_busy_says_so_and_keeps_the_preview(
    client, manager, practice_a, practice_nurse, monkeypatch
):
    preview = upload_and_map(client, manager, line(OLA, "Owen", "Ola"))

    def busy(queryset, message):
        raise staff_imports.RowsBusy(message)

    monkeypatch.setattr(staff_imports, "lock_rows_or_refuse", busy)
    response = confirm(client, preview)

    assertContains(response, BUSY, status_code=409)
    assertContains(response, "Confirm import", status_code=409)
    assert not User.objects.filter(email=OLA).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.STAFF_IMPORT).exists()

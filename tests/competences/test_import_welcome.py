"""New people from an HR import are welcomed with a link to set their password."""

import pytest
from django.core import mail

from tests.competences.test_staff_import import (  # noqa: F401 (fixtures)
    CLEAN,
    IMPORTED,
    coded,
    csv_upload,
    profiles,
    run_import,
)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("coded", "profiles")
def test_each_new_person_gets_one_welcome_email(manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(csv_upload(*CLEAN), manager).ok
    assert sorted(m.to[0] for m in mail.outbox) == sorted(IMPORTED)
    assert all("/account/welcome/" in m.body and "Welcome" in m.subject for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(csv_upload(*CLEAN), manager).ok
    assert mail.outbox == []

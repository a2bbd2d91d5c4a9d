"""Content-admin documents: office files and PDFs of a limited size, for signed-in people only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from tests.factories.training_site import UserFactory

PDF = b"%PDF-1.4\n% the care planning guide\n"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ALLOWED = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "txt", "csv"]


@pytest.fixture(autouse=True)
def media_on_disk(settings, tmp_path):
    """Store files in a temporary folder, as the document view serves them from disk."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def guide(db):
    """A PDF document in the content admin."""
    return Document.objects.create(
        title="Care planning guide", file=ContentFile(PDF, name="guide.pdf")
    )


@pytest.fixture
def editor(db):
    """A content administrator."""
    return UserFactory(is_superuser=True, email="editor@example.org")


def upload(client, editor, name, content):
    """Add a document through the content admin."""
    client.force_login(editor)
    return client.post(
        "/cms/documents/add/",
        {
            "title": "Uploaded",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_a_document_is_not_served_to_someone_signed_out(client, guide):
    response = client.get(guide.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=/documents/")


def test_a_document_is_served_to_a_signed_in_person(client, hcp, guide):
    client.force_login(hcp)
    response = client.get(guide.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_document_is_stored_apart_from_evidence_and_imports(guide, tmp_path):
    assert guide.file.name.startswith("documents/")
    assert (tmp_path / guide.file.name).read_bytes() == PDF


def test_a_pdf_upload_is_accepted(client, editor):
    response = upload(client, editor, "minutes.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.get(title="Uploaded").file.name.startswith("documents/")


@pytest.mark.parametrize("extension", ALLOWED)
def test_each_allowed_type_is_accepted(client, editor, extension):
    response = upload(client, editor, f"resource.{extension}", b"care planning")
    assert response.status_code == 302
    assert Document.objects.get(title="Uploaded").file.name.endswith(f".{extension}")


@pytest.mark.parametrize(
    "name", ["minutes.doc", "budget.xls", "slides.ppt", "letter.rtf", "talk.odp", "macro.docm"]
)
def test_an_old_or_macro_office_format_is_refused(client, editor, name):
    response = upload(client, editor, name, b"care planning")
    assert response.status_code == 200
    assert "is not allowed" in response.text
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["tool.exe", "page.html", "picture.svg", "script.js"])
def test_an_upload_of_another_type_is_refused(client, editor, name):
    response = upload(client, editor, name, b"MZ not a document")
    assert response.status_code == 200
    assert "is not allowed" in response.text
    assert not Document.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(client, editor, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    assert "This file is too big" in response.text
    assert not Document.objects.exists()


def test_a_replacement_file_over_the_size_limit_is_refused(client, editor, guide, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    client.force_login(editor)
    response = client.post(
        f"/cms/documents/edit/{guide.pk}/",
        {
            "title": guide.title,
            "file": SimpleUploadedFile("bigger.pdf", PDF + b"0" * 2048),
            "collection": guide.collection_id,
        },
    )
    assert response.status_code == 200
    assert "This file is too big" in response.text
    guide.refresh_from_db()
    assert guide.file.name.endswith("guide.pdf")


def test_the_default_size_limit_is_20_megabytes(settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


def settings_read_with(**variables):
    """Import the settings with the given environment and print the document size limit."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import training_site.settings.base as s; print(s.WAGTAILDOCS_MAX_UPLOAD_SIZE)",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, **variables},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_size_limit_is_read_in_megabytes_from_the_environment():
    result = settings_read_with(DOCUMENT_MAX_MEGABYTES="5")
    assert result.stdout.split() == [str(5 * 1024 * 1024)], result.stderr


def test_a_size_limit_that_is_not_a_number_stops_the_site():
    result = settings_read_with(DOCUMENT_MAX_MEGABYTES="20 MB")
    assert result.returncode != 0
    assert "DOCUMENT_MAX_MEGABYTES must be a whole number" in result.stderr


def test_the_multiple_uploader_refuses_another_type(client, editor):
    client.force_login(editor)
    response = client.post(
        "/cms/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("minutes.doc", b"care planning")},
    )
    assert response.json()["success"] is False
    assert "is not allowed" in response.json()["error_message"]
    assert not Document.objects.exists()

"""Content-admin documents: office files and PDFs of a limited size, for signed-in people only."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from tests.factories.training_site import UserFactory

PDF = b"%PDF-1.4\n% the care planning guide\n"


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


def test_the_default_size_limit_is_20_megabytes(settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024

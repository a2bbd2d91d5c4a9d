"""Uploads in S3-compatible object storage: private, shared by every instance, read in the site."""

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from competences.models import Evidence
from tests.factories.competences import AssessmentFactory

BUCKET = "yoc-uploads"


@pytest.fixture(scope="module")
def s3_server():
    """An S3 API server on a free local port, for the whole module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_client(s3_server, monkeypatch):
    """A client of the server, with the credentials the site would find in its environment."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "training-site")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    return boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-2")


@pytest.fixture
def bucket_storage(settings, s3_server, s3_client):
    """The site's uploads in a fresh bucket, configured as production configures it."""
    s3_client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "location": "uploads",
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
            },
        },
    }
    yield s3_client
    listed = s3_client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        s3_client.delete_object(Bucket=BUCKET, Key=item["Key"])
    s3_client.delete_bucket(Bucket=BUCKET)


def _keys(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_evidence_uploaded_by_an_hcp_is_kept_in_the_bucket_and_downloaded_through_the_site(
    client, hcp, bucket_storage
):
    assessment = AssessmentFactory(hcp=hcp)
    client.force_login(hcp)
    upload = SimpleUploadedFile("Clinic notes.pdf", b"%PDF-1.4 notes", "application/pdf")
    client.post(
        reverse("competences:add-evidence", args=[assessment.pk]),
        {"kind": "file", "description": "Care plan I wrote", "file": upload},
    )
    evidence = Evidence.objects.get(assessment=assessment)
    keys = _keys(bucket_storage)
    assert keys == [f"uploads/{evidence.file.name}"]
    assert "Clinic" not in keys[0]
    response = client.get(reverse("competences:evidence-download", args=[evidence.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 notes"


def test_an_object_in_the_bucket_is_private(bucket_storage, s3_server):
    name = default_storage.save("evidence/private.txt", ContentFile(b"about a person"))
    acl = bucket_storage.get_object_acl(Bucket=BUCKET, Key=f"uploads/{name}")
    public = [g for g in acl["Grants"] if "AllUsers" in g["Grantee"].get("URI", "")]
    assert public == []
    assert "X-Amz-Signature=" in default_storage.url(name)


def test_someone_who_may_not_see_the_assessment_gets_404_for_its_file(
    client, hcp, hcp_b, bucket_storage
):
    assessment = AssessmentFactory(hcp=hcp)
    evidence = Evidence.objects.create(
        assessment=assessment, kind="file", description="Mine", added_by=hcp
    )
    evidence.file.save("mine.txt", ContentFile(b"private"))
    client.force_login(hcp_b)
    response = client.get(reverse("competences:evidence-download", args=[evidence.pk]))
    assert response.status_code == 404


def test_a_file_saved_twice_under_one_name_keeps_both(bucket_storage):
    first = default_storage.save("imports/extract.csv", ContentFile(b"one"))
    second = default_storage.save("imports/extract.csv", ContentFile(b"two"))
    assert first != second
    assert default_storage.open(first).read() == b"one"
    default_storage.delete(first)
    assert _keys(bucket_storage) == [f"uploads/{second}"]


def test_ready_says_storage_is_ok_when_the_bucket_answers(client, db, bucket_storage):
    response = client.get("/health/ready")
    assert response.json()["checks"]["storage"] == "ok"


def test_ready_names_storage_when_the_bucket_is_missing(client, db, settings, s3_server, s3_client):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "no-such-bucket", "endpoint_url": s3_server},
        },
    }
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "unreachable"

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
pytestmark = pytest.mark.django_db
def test_x(client):
    d = Document(title="Checklist")
    d.file.save("checklist.pdf", ContentFile(b"%PDF-1.4 facilitator checklist"), save=False)
    d.save()
    r = client.get(d.url)
    print("DOC", d.url, r.status_code, r.get("Location"), r.get("Content-Type"))

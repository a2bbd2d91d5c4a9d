"""Stale decisions, evidence files, odd dates and rough uploads are handled, not crashed on."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from competences import services
from competences.models import AssessmentStatus, EvidenceKind
from tests.factories.competences import AssessmentFactory, national_competence
from training_site.tabular import TableError, read_table


def test_assessor_cannot_verify_a_rating_changed_since_it_was_read(client, hcp, trainer):
    assessment = AssessmentFactory(hcp=hcp, level=3, status=AssessmentStatus.AWAITING)
    assessment.assessor = trainer
    assessment.save()
    read_version = assessment.version
    services.assessment_self_assess(
        hcp=hcp, competence=assessment.competence, level=1, statement="Never done it"
    )
    services.assessment_request_verification(assessment=assessment, assessor=trainer)
    client.force_login(trainer)

    response = client.post(
        reverse("competences:verify", args=[assessment.pk]),
        {"verified_level": 3, "version": read_version},
    )

    assert response.status_code == 400
    assert "Someone else changed this assessment" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AWAITING


def test_a_representative_cannot_rate_itself_on_a_competence(client, representative):
    client.force_login(representative)
    competence = national_competence("Diab HA1")
    assert client.get(reverse("competences:self-assess", args=[competence.pk])).status_code == 404


def test_evidence_file_downloads_for_the_hcp_and_not_for_another_site(
    client, hcp, other_manager, manager
):
    assessment = AssessmentFactory(hcp=hcp)
    upload = SimpleUploadedFile("observation.pdf", b"%PDF-1.4 observed", "application/pdf")
    evidence = services.evidence_add(
        assessment=assessment,
        actor=hcp,
        kind=EvidenceKind.FILE,
        description="Observed by my mentor",
        file=upload,
    )
    url = reverse("competences:evidence-download", args=[evidence.pk])
    assert f"/{hcp.pk}/" not in evidence.file.name

    for viewer in (hcp, manager):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 observed"
        assert "attachment" in response["Content-Disposition"]
    client.force_login(other_manager)
    assert client.get(url).status_code == 404


def test_dates_before_the_year_2000_are_refused_with_a_message(client, manager, site_a):
    client.force_login(manager)
    response = client.get(reverse("competences:gap-profile"), {"on": "0001-01-01"})
    assert response.status_code == 200
    assert "The date must be after 01/01/2000." in response.content.decode()


def test_heatmap_of_a_unit_with_nothing_below_answers_404(client, manager, practice_a):
    client.force_login(manager)
    response = client.get(reverse("competences:gap-heatmap"), {"organisation": practice_a.pk})
    assert response.status_code == 404


def test_a_csv_field_too_long_to_read_is_a_clear_error():
    upload = SimpleUploadedFile("staff.csv", b"Email,Notes\r\na@example.org," + b"x" * 200_000)
    try:
        read_table(upload)
    except TableError as error:
        assert "could not be read as CSV" in str(error)
    else:
        raise AssertionError("a field over the csv module's limit was read")

"""The subject access export holds a person's data and nobody else's beyond those in role."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from tests.factories.competences import AssessmentEventFactory, AssessmentFactory
from tests.factories.portfolio import (
    ReflectionFactory,
    attended,
    simulation,
    simulation_feedback,
    workshop,
)
from tests.factories.training_site import UserFactory, person_with_role
from training_site.models import Role
from training_site.subject_access import export_zip, personal_data_of


@pytest.fixture
def person(practice_a, site_a, trainer):
    """An HCP with an assessment, a booking, a reflection and feedback about them."""
    hcp = person_with_role(
        Role.HCP,
        practice_a,
        email="zebedee.q@example.org",
        first_name="Zebedee",
        last_name="Quenington",
    )
    assessment = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    AssessmentEventFactory(assessment=assessment, actor=trainer, note="Seen in clinic.")
    day = workshop(site_a)
    attended(hcp, day)
    ReflectionFactory(author=hcp, title="When the agenda was mine")
    other = UserFactory(first_name="Oswin", last_name="Farthingale", email="oswin@example.org")
    attended(other, day)
    representative = UserFactory(
        first_name="Rhiannon", last_name="Pellowe", email="rhiannon@example.org"
    )
    response = simulation_feedback(simulation(hcp, day), respondent=representative)
    response.display_name = "Rhi the reviewer"
    response.save()
    simulation_feedback(simulation(other, day), respondent=representative)
    return hcp


def test_the_export_holds_the_persons_data_and_the_assessor_acting_in_role(person, trainer):
    data = personal_data_of(person)
    assert data["training_site.User"]["rows"][0]["email"] == "zebedee.q@example.org"
    assessment = data["competences.Assessment"]["rows"][0]
    assert assessment["assessor"] == trainer.get_full_name()
    assert data["competences.AssessmentEvent"]["rows"][0]["note"] == "Seen in clinic."
    assert len(data["workshops.Booking"]["rows"]) == 1
    assert data["portfolio.Reflection"]["rows"][0]["title"] == "When the agenda was mine"
    assert len(data["feedback.FeedbackResponse"]["rows"]) == 1


def test_the_export_names_no_other_hcp_nor_the_representative(person):
    text = json.dumps(personal_data_of(person))
    for word in ("Oswin", "Farthingale", "Rhiannon", "Pellowe", "Rhi the reviewer", "rhiannon@"):
        assert word not in text


def test_the_zip_holds_json_and_a_readable_pdf(person):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(person)))
    assert sorted(archive.namelist()) == ["personal-data.json", "personal-data.pdf"]
    data = json.loads(archive.read("personal-data.json"))
    assert "portfolio.Reflection" in data
    assert archive.read("personal-data.pdf").startswith(b"%PDF")


def test_the_command_writes_the_export(person, tmp_path):
    out = tmp_path / "export.zip"
    call_command("export_personal_data", email="Zebedee.Q@example.org", out=str(out))
    assert "personal-data.json" in zipfile.ZipFile(out).namelist()


def test_the_command_refuses_an_unknown_email_and_writes_nothing(db, tmp_path):
    out = tmp_path / "export.zip"
    with pytest.raises(CommandError, match="No account has the email nobody@example.org"):
        call_command("export_personal_data", email="nobody@example.org", out=str(out))
    assert not out.exists()

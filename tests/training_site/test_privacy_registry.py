"""Every model holding personal data is declared in the privacy registry, or exempted."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps

from training_site.personal_data import Registry, coverage_problems, registry


def test_every_installed_model_with_personal_data_is_declared_or_exempted():
    assert coverage_problems(apps.get_models()) == []


def test_every_declaration_names_its_model_and_fields():
    for label, entry in registry().entries.items():
        model = entry.model_class
        assert model._meta.label == label
        for name in entry.export + entry.anonymise + entry.redact:
            model._meta.get_field(name)
        for path in entry.subjects + entry.roles:
            model._meta.get_field(path.split("__")[0])
        assert entry.subjects, label


def test_every_exemption_names_an_installed_model_and_a_reason():
    for label, exemption in registry().exemptions.items():
        assert apps.get_model(label)._meta.label == label
        assert exemption.reason.strip()


@isolate_apps("training_site")
def test_a_new_model_linking_to_a_person_without_a_declaration_is_reported():
    class SupervisionNote(models.Model):
        supervisee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

        class Meta:
            app_label = "training_site"

        def __str__(self):
            return "SupervisionNote"

    assert coverage_problems([SupervisionNote]) == [
        "training_site.SupervisionNote holds personal data but has no privacy declaration."
    ]


@isolate_apps("training_site")
def test_a_new_model_with_a_personal_field_name_without_a_declaration_is_reported():
    class Referral(models.Model):
        patient_phone = models.CharField(max_length=20)

        class Meta:
            app_label = "training_site"

        def __str__(self):
            return "Referral"

    assert coverage_problems([Referral]) == [
        "training_site.Referral holds personal data but has no privacy declaration."
    ]


def test_a_declared_model_gaining_an_undeclared_link_to_a_person_is_reported():
    known = registry()
    entry = known.entries["competences.Assessment"]
    narrowed = Registry({entry.model: type(entry)(**{**entry.__dict__, "roles": ()})}, {})

    assert coverage_problems([entry.model_class], narrowed) == [
        "competences.Assessment.assessor links to a person but is not declared."
    ]


def test_a_model_with_nothing_personal_needs_no_declaration():
    model = apps.get_model("competences.KSFLevel")

    assert coverage_problems([model], Registry({}, {})) == []

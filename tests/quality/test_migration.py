"""Moving QA observations out of feedback keeps every row, its history and the evidence on it."""

import pytest

BEFORE = [
    ("feedback", "0004_alter_feedbackresponse_workshop"),
    ("portfolio", "0002_alter_reflection_workshop"),
]
AFTER = [("quality", "0003_tables_named_for_the_app")]


@pytest.mark.django_db(transaction=True)
def test_observations_findings_history_and_evidence_survive_the_move(migrator):
    """Rows written at the old layout are found, unchanged, through the quality app after."""
    old = migrator.apply_initial_migration(BEFORE).apps
    site = old.get_model("training_site", "Organisation").objects.create(
        name="Site Q", kind="site", path="0098", depth=1
    )
    user = old.get_model("training_site", "User")
    hcp = user.objects.create(email="observed@example.org")
    trainer = user.objects.create(email="observer@example.org")
    indicator = old.get_model("feedback", "QualityIndicator").objects.create(
        title="The person's agenda is heard"
    )
    measure = old.get_model("feedback", "QualityMeasure").objects.create(
        indicator=indicator, text="The HCP asks what the person wants to discuss"
    )
    observation = old.get_model("feedback", "QAObservation").objects.create(
        observed=hcp, observer=trainer, organisation=site, status="agreed", concerns_before="None"
    )
    observation.indicators.add(indicator)
    old.get_model("feedback", "MeasureResult").objects.create(
        observation=observation, measure=measure, result="in_place"
    )
    old.get_model("feedback", "QAObservationEvent").objects.create(
        observation=observation, actor=trainer, action="agreed", to_status="agreed"
    )
    observation_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="feedback", model="qaobservation"
    )[0]
    old.get_model("competences", "Evidence").objects.create(
        hcp=hcp,
        competence=old.get_model("competences", "Competence").objects.first(),
        kind="observation",
        description="QA observation",
        source_type=observation_type,
        source_id=observation.pk,
        added_by=trainer,
    )

    new = migrator.apply_tested_migration(AFTER).apps

    moved = new.get_model("quality", "QAObservation").objects.get(pk=observation.pk)
    assert (moved.observed.email, moved.status, moved.concerns_before) == (
        "observed@example.org",
        "agreed",
        "None",
    )
    assert list(moved.indicators.values_list("title", flat=True)) == [
        "The person's agenda is heard"
    ]
    result = new.get_model("quality", "MeasureResult").objects.get(observation=moved)
    assert (result.measure.text, result.result) == (measure.text, "in_place")
    event = new.get_model("quality", "QAObservationEvent").objects.get(observation=moved)
    assert (event.action, event.to_status) == ("agreed", "agreed")
    evidence = new.get_model("competences", "Evidence").objects.get(source_id=observation.pk)
    assert (evidence.source_type.app_label, evidence.source_type.model) == (
        "quality",
        "qaobservation",
    )

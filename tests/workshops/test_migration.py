"""Moving workshops out of curriculum keeps every row, its history and the evidence on it."""

from datetime import UTC, datetime, timedelta

import pytest

BEFORE = [
    ("curriculum", "0004_workshop_waves_bookings_history"),
    ("simulations", "0002_scenarios_sessions_care_plans"),
    ("feedback", "0003_merge_instruments_and_quality_assurance"),
    ("portfolio", "0001_initial"),
]
AFTER = [("workshops", "0003_tables_named_for_the_app")]


def programme_at_old_state(apps, site):
    """Create a programme page with the historical models, as the curriculum had it."""
    locale = apps.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="en")[0]
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="curriculum", model="programmepage"
    )[0]
    return apps.get_model("curriculum", "ProgrammePage").objects.create(
        title="Care planning",
        slug="care-planning-migration",
        path="00019999",
        depth=2,
        locale=locale,
        content_type=content_type,
        owning_site=site,
        audience="Practice nurses",
    )


@pytest.mark.django_db(transaction=True)
def test_workshops_bookings_history_and_evidence_survive_the_move(migrator):
    """Rows written at the old layout are found, unchanged, through the workshops app after."""
    old = migrator.apply_initial_migration(BEFORE).apps
    organisation = old.get_model("training_site", "Organisation")
    user = old.get_model("training_site", "User")
    site = organisation.objects.create(name="Site M", kind="site", path="0099", depth=1)
    hcp = user.objects.create(email="moved@example.org")
    starts = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    wave = old.get_model("curriculum", "WorkshopWave").objects.create(name="Wave 1", site=site)
    workshop = old.get_model("curriculum", "Workshop").objects.create(
        title="Moved workshop",
        programme=programme_at_old_state(old, site),
        site=site,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        venue="Room 1",
        capacity=8,
        status="open",
        wave=wave,
    )
    workshop.trainers.add(hcp)
    booking = old.get_model("curriculum", "Booking").objects.create(
        workshop=workshop, hcp=hcp, status="attended"
    )
    old.get_model("curriculum", "BookingEvent").objects.create(
        booking=booking, actor=hcp, from_status="booked", to_status="attended", at=starts
    )
    booking_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="curriculum", model="booking"
    )[0]
    old.get_model("competences", "Evidence").objects.create(
        hcp=hcp,
        competence=old.get_model("competences", "Competence").objects.first(),
        kind="workshop",
        description="Attended Moved workshop",
        source_type=booking_type,
        source_id=booking.pk,
        added_by=hcp,
    )

    new = migrator.apply_tested_migration(AFTER).apps

    moved = new.get_model("workshops", "Workshop").objects.get(pk=workshop.pk)
    assert (moved.title, moved.wave.name, moved.capacity) == ("Moved workshop", "Wave 1", 8)
    assert list(moved.trainers.values_list("email", flat=True)) == ["moved@example.org"]
    kept = new.get_model("workshops", "Booking").objects.get(pk=booking.pk)
    assert (kept.workshop_id, kept.status) == (workshop.pk, "attended")
    event = new.get_model("workshops", "BookingEvent").objects.get(booking=kept)
    assert (event.from_status, event.to_status) == ("booked", "attended")
    evidence = new.get_model("competences", "Evidence").objects.get(source_id=booking.pk)
    assert (evidence.source_type.app_label, evidence.source_type.model) == ("workshops", "booking")
    assert (
        not new.get_model("contenttypes", "ContentType")
        .objects.filter(app_label="curriculum", model="booking")
        .exists()
    )

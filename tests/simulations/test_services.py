"""The rota's rules and the care plan's protection against overwriting."""

import pytest
from django.core.exceptions import ValidationError

from simulations import services
from simulations.forms import CarePlanActionFormSet
from simulations.models import CarePlan, SimulationSession
from tests.factories.simulations import ScenarioFactory, book, session, slot
from training_site.models import AuditAction, AuditEvent
from workshops.models import BookingStatus


def create(day, hcp, **fields):
    """Create a session through the service with sensible defaults."""
    fields.setdefault("scenario", ScenarioFactory())
    fields.setdefault("starts_at", slot(day, 11))
    fields.setdefault("representative_name", "Pat")
    return services.session_create(workshop=day, hcp=hcp, **fields)


def errors_of(excinfo):
    """The messages a ValidationError carries, by field."""
    return excinfo.value.message_dict


def test_session_created_with_account_representative_and_observers(
    day, hcp, second_hcp, trainer, representative
):
    made = create(
        day,
        hcp,
        representative=representative,
        representative_name="",
        observers=[second_hcp, trainer],
    )
    assert made.representative == representative
    assert set(made.observers.all()) == {second_hcp, trainer}


def test_hcp_not_booked_is_refused(day, hcp_b):
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp_b)
    assert "is not booked on this workshop" in errors_of(excinfo)["hcp"][0]
    assert not SimulationSession.objects.exists()


@pytest.mark.parametrize("status", [BookingStatus.INVITED, BookingStatus.CANCELLED])
def test_hcp_invited_or_cancelled_is_refused(day, hcp_b, status):
    book(day, hcp_b, status=status)
    with pytest.raises(ValidationError):
        create(day, hcp_b)


def test_hcp_who_attended_may_play(day, hcp_b):
    book(day, hcp_b, status=BookingStatus.ATTENDED)
    assert create(day, hcp_b).hcp == hcp_b


def test_same_hcp_twice_in_one_slot_is_refused(day, hcp):
    create(day, hcp)
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp)
    assert "already plays another consultation at 11:00" in errors_of(excinfo)["hcp"][0]
    assert SimulationSession.objects.count() == 1


def test_hcp_observing_in_the_slot_cannot_also_play(day, hcp, second_hcp):
    create(day, hcp, observers=[second_hcp])
    with pytest.raises(ValidationError) as excinfo:
        create(day, second_hcp)
    assert "already observes another consultation" in errors_of(excinfo)["hcp"][0]


def test_same_hcp_in_another_slot_is_fine(day, hcp):
    create(day, hcp)
    create(day, hcp, starts_at=slot(day, 12))
    assert SimulationSession.objects.filter(hcp=hcp).count() == 2


def test_draft_scenario_is_refused(day, hcp):
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp, scenario=ScenarioFactory(title="Unfinished", published=False))
    assert "“Unfinished” is a draft" in errors_of(excinfo)["scenario"][0]


def test_observer_not_at_the_workshop_is_refused(day, hcp, hcp_b):
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp, observers=[hcp_b])
    assert "Observers must be at this workshop" in errors_of(excinfo)["observers"][0]


def test_representative_needs_the_role(day, hcp, second_hcp):
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp, representative=second_hcp, representative_name="")
    assert "is not a user representative" in errors_of(excinfo)["representative"][0]


def test_representative_needs_an_account_or_a_name(day, hcp):
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp, representative_name="  ")
    assert "representative_name" in errors_of(excinfo)


def test_representative_in_two_sessions_of_one_slot_is_refused(
    day, hcp, second_hcp, representative
):
    create(day, hcp, representative=representative)
    with pytest.raises(ValidationError) as excinfo:
        create(day, second_hcp, representative=representative)
    assert "already plays another consultation" in errors_of(excinfo)["representative"][0]


def test_update_keeps_its_own_slot_free_of_clashes(day, hcp, second_hcp):
    made = create(day, hcp)
    services.session_update(session=made, room="Room 4", observers=[second_hcp])
    made.refresh_from_db()
    assert made.room == "Room 4"
    assert list(made.observers.all()) == [second_hcp]


def test_update_refused_leaves_the_session_unchanged(day, hcp, hcp_b):
    made = create(day, hcp)
    with pytest.raises(ValidationError):
        services.session_update(session=made, hcp=hcp_b)
    made.refresh_from_db()
    assert made.hcp == hcp


def test_delete_removes_the_care_plan_too(day, hcp):
    from tests.factories.simulations import care_plan

    made = session(day, hcp)
    care_plan(made)
    services.session_delete(session=made)
    assert not CarePlan.objects.exists()


def action_data(prefix="actions", rows=()):
    """POST data of the actions formset."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{number}-{key}"] = value
    return data


def save(played, version, goals, rows=()):
    """Save a care plan as the view does."""
    plan = CarePlan.objects.filter(session=played).first() or CarePlan(session=played)
    formset = CarePlanActionFormSet(action_data(rows=rows), instance=plan, prefix="actions")
    assert formset.is_valid(), formset.errors
    return services.care_plan_save(
        session=played, fields={"goals": goals}, actions_formset=formset, expected_version=version
    )


def test_care_plan_saved_with_actions(day, hcp):
    played = session(day, hcp)
    plan = save(
        played,
        0,
        "Lose a stone",
        rows=[
            {
                "what": "Rejoin the slimming group",
                "who": "Mrs Smith",
                "due_on": "2027-01-10",
                "confidence": "7",
            }
        ],
    )
    assert plan.version == 1
    assert plan.goals == "Lose a stone"
    assert [a.what for a in plan.actions.all()] == ["Rejoin the slimming group"]


def test_second_tab_does_not_overwrite_the_first(day, hcp):
    played = session(day, hcp)
    save(played, 0, "First tab")
    with pytest.raises(ValidationError, match="saved elsewhere"):
        save(played, 0, "Second tab")
    assert CarePlan.objects.get().goals == "First tab"


def test_time_outside_the_workshop_is_refused(day, hcp):
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp, starts_at=slot(day, 18))
    assert "Choose a time during the workshop" in errors_of(excinfo)["starts_at"][0]


def test_rota_changes_are_audited_with_who_made_them(day, hcp, trainer):
    made = create(day, hcp, actor=trainer)
    services.session_update(session=made, actor=trainer, room="Room 2")
    services.session_delete(session=made, actor=trainer)
    recorded = AuditEvent.objects.filter(action=AuditAction.ROTA_CHANGED).order_by("pk")
    assert [e.summary.split()[0] for e in recorded] == ["Added", "Changed", "Removed"]
    assert {e.actor for e in recorded} == {trainer}
    assert {e.object_id for e in recorded} == {str(made.pk)}


def test_delete_of_a_session_with_feedback_is_refused_and_not_recorded(day, hcp):
    from feedback.models import FeedbackResponse
    from tests.factories.feedback import representative_version

    made = session(day, hcp)
    FeedbackResponse.objects.create(
        version=representative_version(), session=made, role="representative"
    )
    removed = AuditEvent.objects.filter(action=AuditAction.ROTA_CHANGED, summary__startswith="Rem")
    with pytest.raises(ValidationError, match="feedback responses are recorded"):
        services.session_delete(session=made)
    assert SimulationSession.objects.filter(pk=made.pk).exists()
    assert not removed.exists()


def test_representative_of_another_site_is_refused(day, hcp, site_b):
    from tests.factories.training_site import person_with_role
    from training_site.models import Role

    elsewhere = person_with_role(Role.REPRESENTATIVE, site_b, first_name="Bea", profession="")
    with pytest.raises(ValidationError) as excinfo:
        create(day, hcp, representative=elsewhere, representative_name="")
    assert errors_of(excinfo)["representative"] == [
        f"{elsewhere} is not a user representative at Site A."
    ]
    assert not SimulationSession.objects.exists()

"""Who sees which simulation page, and what each person sees on it."""

import pytest
from django.urls import reverse

from tests.factories.simulations import (
    ScenarioFactory,
    ScenarioResultFactory,
    book,
    care_plan,
    session,
    slot,
    workshop,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role


@pytest.fixture
def played(day, hcp, second_hcp, representative):
    """The HCP consults with the representative; the second HCP observes."""
    scenario = ScenarioFactory(title="Blood pressure and a stone to lose")
    ScenarioResultFactory(scenario=scenario)
    return session(
        day, hcp, scenario=scenario, representative=representative, observers=[second_hcp]
    )


def url(name, *args):
    """Reverse a simulations URL."""
    return reverse(f"simulations:{name}", args=args)


@pytest.mark.parametrize(
    "who", ["hcp", "second_hcp", "representative", "trainer", "manager", "admin"]
)
def test_people_in_the_session_and_in_scope_see_it(request, signed_in, played, who):
    response = signed_in(request.getfixturevalue(who)).get(url("session-detail", played.pk))
    assert response.status_code == 200
    assert "Simulated consultation: Mrs Smith" in response.text


@pytest.mark.parametrize("who", ["hcp_b", "other_manager", "outsider"])
def test_anybody_else_gets_404_for_a_session(request, signed_in, played, who):
    client = signed_in(request.getfixturevalue(who))
    for name in ("session-detail", "session-letter", "session-role-card", "care-plan"):
        assert client.get(url(name, played.pk)).status_code == 404


def test_trainer_of_another_workshop_gets_404(signed_in, played, site_a):
    other_trainer = person_with_role(Role.TRAINER, site_a, email="t2@example.org")
    response = signed_in(other_trainer).get(url("session-detail", played.pk))
    assert response.status_code == 404


def test_signed_out_is_sent_to_sign_in(client, played):
    response = client.get(url("session-detail", played.pk))
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_role_card_for_the_representative_never_shows_learning_points(
    signed_in, played, representative
):
    response = signed_in(representative).get(url("session-role-card", played.pk))
    assert response.status_code == 200
    assert "worried about your blood pressure" in response.text
    assert "152/88" in response.text
    assert "Does the HCP start from her agenda?" not in response.text


def test_representative_session_page_hides_the_scenario_and_care_plan(
    signed_in, played, representative
):
    care_plan(played, goals="Lose a stone by summer")
    response = signed_in(representative).get(url("session-detail", played.pk))
    assert "Role card for the representative" in response.text
    assert "Lose a stone by summer" not in response.text
    assert "Does the HCP start from her agenda?" not in response.text


@pytest.mark.parametrize("who", ["hcp", "second_hcp"])
def test_hcp_and_observer_do_not_get_the_role_card(request, signed_in, played, who):
    response = signed_in(request.getfixturevalue(who)).get(url("session-role-card", played.pk))
    assert response.status_code == 404


def test_observer_reads_the_scenario_and_care_plan_but_cannot_edit(signed_in, played, second_hcp):
    care_plan(played, goals="Lose a stone by summer")
    client = signed_in(second_hcp)
    page = client.get(url("session-detail", played.pk))
    assert "Why is my blood pressure high?" in page.text
    assert "Lose a stone by summer" in page.text
    assert "Change the care plan" not in page.text
    assert client.get(url("care-plan", played.pk)).status_code == 404


def test_trainer_sees_the_whole_scenario(signed_in, played, trainer):
    response = signed_in(trainer).get(url("session-detail", played.pk))
    assert url("scenario-detail", played.scenario.pk) in response.text
    assert url("session-edit", played.pk) in response.text


def test_letter_shows_results_against_targets(signed_in, played, hcp):
    response = signed_in(hcp).get(url("session-letter", played.pk))
    assert "Dear Mrs Smith," in response.text
    assert "152/88 mmHg" in response.text
    assert "Above target" in response.text


def actions(rows=(), initial=0):
    """The actions formset's POST data."""
    data = {
        "actions-TOTAL_FORMS": str(len(rows)),
        "actions-INITIAL_FORMS": str(initial),
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data.update({f"actions-{number}-{key}": value for key, value in row.items()})
    return data


def test_hcp_records_the_care_plan(signed_in, played, hcp):
    client = signed_in(hcp)
    assert "Record the care plan" in client.get(url("session-detail", played.pk)).text
    form = client.get(url("care-plan", played.pk))
    assert "What was raised" in form.text
    response = client.post(
        url("care-plan", played.pk),
        {
            "version": "0",
            "managing": "Blood pressure above target",
            "goals": "Better blood pressure control",
            **actions(
                [
                    {
                        "what": "Check blood pressure at home",
                        "who": "Mrs Smith",
                        "due_on": "2027-02-01",
                        "confidence": "8",
                    }
                ]
            ),
        },
        follow=True,
    )
    assert "Your care plan is saved." in response.text
    assert "Check blood pressure at home" in response.text
    assert played.care_plan.actions.get().confidence == 8


def test_bad_action_shows_message_and_saves_nothing(signed_in, played, hcp):
    response = signed_in(hcp).post(
        url("care-plan", played.pk),
        {
            "version": "0",
            "goals": "Lose a stone",
            **actions([{"what": "Walk", "who": "", "due_on": "", "confidence": "12"}]),
        },
    )
    assert response.status_code == 200
    assert "Error:" in response.text
    assert "Ensure this value is less than or equal to 10." in response.text
    assert not hasattr(type(played).objects.get(pk=played.pk), "care_plan_cached")
    from simulations.models import CarePlan

    assert not CarePlan.objects.exists()


def test_stale_care_plan_save_is_refused_with_a_message(signed_in, played, hcp):
    care_plan(played, goals="Saved in another tab", actions=0)
    response = signed_in(hcp).post(
        url("care-plan", played.pk), {"version": "0", "goals": "Older tab", **actions()}
    )
    assert "saved elsewhere since you opened it" in response.text
    played.care_plan.refresh_from_db()
    assert played.care_plan.goals == "Saved in another tab"


def test_my_consultations_lists_played_and_observed(signed_in, played, second_hcp, day):
    session(day, second_hcp, hour=14)
    response = signed_in(second_hcp).get(url("mine"))
    assert "Observing" in response.text
    assert "Consulting with" in response.text
    assert "Record it" in response.text


def test_my_consultations_hides_other_peoples_sessions(signed_in, played, hcp_b):
    response = signed_in(hcp_b).get(url("mine"))
    assert "You have no simulated consultations yet." in response.text


def test_representative_sees_its_sessions(signed_in, played, representative):
    response = signed_in(representative).get(url("representative-sessions"))
    assert "Education centre" in response.text
    assert url("session-role-card", played.pk) in response.text


def test_representative_list_is_for_representatives_only(signed_in, played, hcp):
    assert signed_in(hcp).get(url("representative-sessions")).status_code == 404


def test_session_pages_render_links_other_apps_offer(signed_in, played, representative):
    from wagtail import hooks

    from training_site.navigation import NavigationItem

    def offer(request, record):
        return [NavigationItem("Give feedback", f"/feedback/give/{record.pk}/")]

    with hooks.register_temporarily("register_session_links", offer):
        client = signed_in(representative)
        detail = client.get(url("session-detail", played.pk))
        listing = client.get(url("representative-sessions"))
    assert f"/feedback/give/{played.pk}/" in detail.text
    assert f"/feedback/give/{played.pk}/" in listing.text


class TestRota:
    """The trainer's simulation rota for a workshop."""

    def test_trainer_sees_and_manages(self, signed_in, played, trainer, day):
        response = signed_in(trainer).get(url("rota", day.pk))
        assert "Simulation rota" in response.text
        assert "Add a consultation" in response.text
        assert played.hcp.get_full_name() in response.text

    def test_manager_reads_without_managing(self, signed_in, played, manager, day):
        client = signed_in(manager)
        response = client.get(url("rota", day.pk))
        assert response.status_code == 200
        assert "Add a consultation" not in response.text
        assert client.get(url("session-create", day.pk)).status_code == 404
        assert client.get(url("session-edit", played.pk)).status_code == 404

    @pytest.mark.parametrize("who", ["hcp", "representative", "other_manager", "outsider"])
    def test_anybody_else_gets_404(self, request, signed_in, played, day, who):
        client = signed_in(request.getfixturevalue(who))
        assert client.get(url("rota", day.pk)).status_code == 404
        assert client.get(url("session-create", day.pk)).status_code == 404
        assert client.get(url("session-delete", played.pk)).status_code == 404

    def test_form_offers_only_booked_hcps_and_ready_scenarios(self, signed_in, trainer, day, hcp_b):
        ScenarioFactory(title="Ready one")
        ScenarioFactory(title="Draft one", published=False)
        response = signed_in(trainer).get(url("session-create", day.pk))
        assert "Ready one" in response.text
        assert "Draft one" not in response.text
        assert hcp_b.get_full_name() not in response.text

    def test_trainer_adds_a_consultation(self, signed_in, trainer, day, hcp, representative):
        scenario = ScenarioFactory()
        response = signed_in(trainer).post(
            url("session-create", day.pk),
            {
                "starts_at": slot(day, 10).strftime("%Y-%m-%dT%H:%M"),
                "hcp": hcp.pk,
                "scenario": scenario.pk,
                "representative": representative.pk,
                "room": "Room 1",
            },
            follow=True,
        )
        assert "The consultation is on the rota." in response.text
        assert day.simulation_sessions.get().room == "Room 1"

    def test_clash_shows_a_message_next_to_the_field(self, signed_in, trainer, day, played):
        response = signed_in(trainer).post(
            url("session-create", day.pk),
            {
                "starts_at": played.starts_at.strftime("%Y-%m-%dT%H:%M"),
                "hcp": played.hcp.pk,
                "scenario": played.scenario.pk,
                "representative_name": "Sam",
            },
        )
        assert response.status_code == 200
        assert "already plays another consultation at 11:00" in response.text
        assert day.simulation_sessions.count() == 1

    def test_missing_representative_asks_for_one(self, signed_in, trainer, day, hcp):
        response = signed_in(trainer).post(
            url("session-create", day.pk),
            {
                "starts_at": slot(day, 10).strftime("%Y-%m-%dT%H:%M"),
                "hcp": hcp.pk,
                "scenario": ScenarioFactory().pk,
            },
        )
        assert "give the representative&#x27;s first name" in response.text

    def test_trainer_changes_and_removes(self, signed_in, trainer, played, second_hcp):
        client = signed_in(trainer)
        edit = client.get(url("session-edit", played.pk))
        assert "Save changes" in edit.text
        client.post(
            url("session-edit", played.pk),
            {
                "starts_at": slot(played.workshop, 15).strftime("%Y-%m-%dT%H:%M"),
                "hcp": played.hcp.pk,
                "scenario": played.scenario.pk,
                "representative_name": "Sam",
            },
        )
        played.refresh_from_db()
        assert played.representative_name == "Sam"
        assert played.starts_at.hour == 15
        assert "Remove" in client.get(url("session-delete", played.pk)).text
        client.post(url("session-delete", played.pk))
        assert not played.workshop.simulation_sessions.exists()

    def test_workshop_of_another_site_is_404_for_the_trainer(self, signed_in, trainer, site_b):
        other = workshop(site_b)
        assert signed_in(trainer).get(url("rota", other.pk)).status_code == 404


class TestScenarioLibrary:
    """The scenario library for trainers."""

    def test_trainer_filters_by_domain_and_difficulty(self, signed_in, trainer):
        ScenarioFactory(title="Managing one", domain_managing=True, difficulty="advanced")
        ScenarioFactory(title="Living one", domain_managing=False, domain_living=True)
        client = signed_in(trainer)
        everything = client.get(url("scenario-list"))
        assert "Managing one" in everything.text and "Living one" in everything.text
        living = client.get(url("scenario-list"), {"domain": "living"})
        assert "Living one" in living.text and "Managing one" not in living.text
        advanced = client.get(url("scenario-list"), {"difficulty": "advanced"})
        assert "Managing one" in advanced.text and "Living one" not in advanced.text

    def test_trainer_reads_learning_points(self, signed_in, trainer):
        scenario = ScenarioFactory()
        response = signed_in(trainer).get(url("scenario-detail", scenario.pk))
        assert "Does the HCP start from her agenda?" in response.text
        assert signed_in(trainer).get(url("scenario-letter", scenario.pk)).status_code == 200

    @pytest.mark.parametrize("who", ["hcp", "representative", "manager", "outsider"])
    def test_others_get_404(self, request, db, signed_in, who):
        scenario = ScenarioFactory()
        client = signed_in(request.getfixturevalue(who))
        assert client.get(url("scenario-list")).status_code == 404
        assert client.get(url("scenario-detail", scenario.pk)).status_code == 404
        assert client.get(url("scenario-letter", scenario.pk)).status_code == 404


def test_workshop_observer_must_be_booked_shows_in_form(signed_in, trainer, day, hcp, hcp_b):
    book(day, hcp_b, status="invited")
    response = signed_in(trainer).get(url("session-create", day.pk))
    assert hcp_b.get_full_name() not in response.text


def test_saved_action_dates_reach_the_date_picker(signed_in, played, hcp):
    plan = care_plan(played)
    due = plan.actions.get().due_on
    response = signed_in(hcp).get(url("care-plan", played.pk))
    assert f'value="{due:%Y-%m-%d}"' in response.text


def test_removing_a_consultation_with_feedback_is_refused_with_a_message(
    signed_in, trainer, played, representative
):
    from feedback.models import FeedbackResponse
    from tests.factories.feedback import representative_version

    FeedbackResponse.objects.create(
        version=representative_version(), session=played, role="representative"
    )
    response = signed_in(trainer).post(url("session-delete", played.pk), follow=True)

    assert response.status_code == 200
    assert "This consultation stays on the rota because feedback responses are recorded" in (
        response.text
    )
    assert "is off the rota" not in response.text
    assert played.workshop.simulation_sessions.filter(pk=played.pk).exists()


@pytest.fixture
def representative_b(site_b):
    """A user representative at site B."""
    return person_with_role(
        Role.REPRESENTATIVE, site_b, email="rep.b@example.org", first_name="Bea", profession=""
    )


def test_rota_form_offers_only_representatives_of_the_workshops_site(
    signed_in, trainer, day, representative, representative_b
):
    response = signed_in(trainer).get(url("session-create", day.pk))
    assert f'value="{representative.pk}"' in response.text
    assert f'value="{representative_b.pk}"' not in response.text
    assert "Bea" not in response.text


def test_rota_form_refuses_a_posted_representative_of_another_site(
    signed_in, trainer, day, hcp, representative_b
):
    response = signed_in(trainer).post(
        url("session-create", day.pk),
        {
            "starts_at": slot(day, 10).strftime("%Y-%m-%dT%H:%M"),
            "hcp": hcp.pk,
            "scenario": ScenarioFactory().pk,
            "representative": representative_b.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not day.simulation_sessions.exists()

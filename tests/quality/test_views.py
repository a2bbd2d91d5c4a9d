"""QA observation pages: who may see and do what, what the forms keep, what people read."""

import pytest
from django.urls import reverse

from quality.models import MeasureResult, QAObservation, QAObservationStatus
from quality.queries import measures_in_scope

Status = QAObservationStatus
pytestmark = pytest.mark.django_db


def url(name, observation=None):
    """The URL of a QA page, for an observation where it needs one."""
    return reverse(f"quality:{name}", args=[observation.pk] if observation else [])


@pytest.mark.parametrize("who", ["outsider", "second_hcp", "hcp_b", "other_manager"])
def test_people_outside_the_observation_get_404(client, request, who, discussed):
    client.force_login(request.getfixturevalue(who))
    for name in ("detail", "before", "during", "after"):
        assert client.get(url(name, discussed)).status_code == 404
    assert client.post(url("agree", discussed), {"confirm": "on"}).status_code == 404


def test_the_observed_and_its_manager_read_it_but_cannot_record_stages(
    client, hcp, manager, observed
):
    for person in (hcp, manager):
        client.force_login(person)
        page = client.get(url("detail", observed))
        assert page.status_code == 200
        assert "Keeping to time." in page.content.decode()
        assert client.get(url("during", observed)).status_code == 404


def test_manager_cannot_agree_on_the_hcps_behalf(client, manager, discussed):
    client.force_login(manager)
    assert client.post(url("agree", discussed), {"confirm": "on"}).status_code == 404
    discussed.refresh_from_db()
    assert discussed.status == Status.DISCUSSED


def test_hcp_and_outsider_cannot_plan(client, hcp, outsider):
    for person in (hcp, outsider):
        client.force_login(person)
        assert client.get(url("plan")).status_code == 404


def test_plan_offers_only_people_and_places_in_the_trainers_scope(
    client, trainer, hcp, hcp_b, indicators
):
    client.force_login(trainer)
    page = client.get(url("plan")).content.decode()
    assert "hcp@example.org" in page
    assert "hcp.b@example.org" not in page
    assert "Practice A" in page and "Practice B" not in page


def test_plan_with_bad_input_says_why_and_saves_nothing(client, trainer, hcp_b, practice_a):
    client.force_login(trainer)
    page = client.post(url("plan"), {"observed": hcp_b.pk, "organisation": practice_a.pk})
    text = page.content.decode()
    assert "Select a valid choice" in text
    assert "Enter the date of the observation." in text
    assert "Choose at least one indicator to observe against." in text
    assert not QAObservation.objects.exists()


def test_trainer_plans_and_moves_to_before(client, trainer, hcp, practice_a, indicators):
    client.force_login(trainer)
    response = client.post(
        url("plan"),
        {
            "observed": hcp.pk,
            "organisation": practice_a.pk,
            "observed_on": "2026-04-01",
            "indicators": [i.pk for i in indicators],
        },
    )
    observation = QAObservation.objects.get()
    assert response.url == url("before", observation)
    assert observation.observer == trainer and observation.organisation == practice_a


def test_during_requires_every_measure_and_saves_all_at_once(client, trainer, prepared):
    client.force_login(trainer)
    measures = list(measures_in_scope(prepared))
    data = {"version": prepared.version, f"measure_{measures[0].pk}": "in_place"}
    page = client.post(url("during", prepared), data)
    assert page.content.decode().count("Say whether this was in place: ") >= 4
    assert not MeasureResult.objects.exists()
    for measure in measures:
        data[f"measure_{measure.pk}"] = "partly"
        data[f"note_{measure.pk}"] = "Seen in part."
    response = client.post(url("during", prepared), data)
    assert response.url == url("after", prepared)
    assert MeasureResult.objects.filter(result="partly", note="Seen in part.").count() == 3


def test_during_from_an_old_page_is_refused(client, trainer, prepared):
    client.force_login(trainer)
    data = {"version": prepared.version - 1}
    data |= {f"measure_{m.pk}": "in_place" for m in measures_in_scope(prepared)}
    page = client.post(url("during", prepared), data)
    assert "Someone else changed this observation" in page.content.decode()
    assert not MeasureResult.objects.exists()


def test_after_needs_discussion_and_an_action(client, trainer, observed):
    client.force_login(trainer)
    data = {
        "version": observed.version,
        "discussion_after": "",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    page = client.post(url("after", observed), data)
    assert "Say what was discussed after the observation." in page.content.decode()
    data["discussion_after"] = "Talked."
    page = client.post(url("after", observed), data)
    assert "Agree at least one action for the action document." in page.content.decode()
    observed.refresh_from_db()
    assert observed.status == Status.OBSERVED and observed.discussion_after == ""


def test_after_saves_the_action_document_with_the_shared_action_plan(client, trainer, observed):
    client.force_login(trainer)
    data = {
        "version": observed.version,
        "discussion_after": "Talked it through.",
        "action_document": "Share plans.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-what": "Offer a copy of the plan",
        "actions-0-who": "Hana",
        "actions-0-due_on": "2026-06-01",
        "actions-0-confidence": "8",
    }
    response = client.post(url("after", observed), data)
    assert response.url == url("detail", observed)
    observed.refresh_from_db()
    assert observed.status == Status.DISCUSSED
    assert observed.actions.get().what == "Offer a copy of the plan"


def test_hcp_agrees_on_the_observation_page(client, hcp, discussed):
    client.force_login(hcp)
    page = client.get(url("detail", discussed)).content.decode()
    assert "Agree the observation" in page and "Action 0" in page
    page = client.post(url("agree", discussed), {"version": discussed.version})
    assert "Tick to say you have read and agree the observation." in page.content.decode()
    response = client.post(
        url("agree", discussed),
        {"version": discussed.version, "confirm": "on", "observed_comment": "Agreed."},
        follow=True,
    )
    assert "You have agreed this observation." in response.content.decode()
    discussed.refresh_from_db()
    assert discussed.status == Status.AGREED and discussed.observed_comment == "Agreed."


def test_stage_pages_close_once_agreed(client, trainer, hcp, discussed):
    client.force_login(hcp)
    client.post(url("agree", discussed), {"version": discussed.version, "confirm": "on"})
    client.force_login(trainer)
    response = client.get(url("after", discussed), follow=True)
    assert "cannot be changed now" in response.content.decode()


def test_observation_page_offers_links_from_other_apps(client, hcp, discussed):
    from wagtail import hooks

    from training_site.navigation import NavigationItem

    def offer(request, observation):
        return [NavigationItem("Add to my development plan", f"/plan/{observation.pk}/")]

    with hooks.register_temporarily("register_observation_links", offer):
        client.force_login(hcp)
        page = client.get(url("detail", discussed)).content.decode()
    assert f'href="/plan/{discussed.pk}/"' in page


def test_list_shows_only_visible_observations(client, hcp, second_hcp, discussed):
    client.force_login(hcp)
    page = client.get(url("list"))
    assert page.context["page"].paginator.count == 1
    assert url("detail", discussed) in page.content.decode()
    client.force_login(second_hcp)
    page = client.get(url("list"))
    assert page.context["page"].paginator.count == 0
    assert "There are no observations for you to see yet." in page.content.decode()


def test_observer_is_shown_the_next_step_and_concerns(client, trainer, prepared):
    client.force_login(trainer)
    page = client.get(url("detail", prepared)).content.decode()
    assert f'href="{url("during", prepared)}">Record the observation</a>' in page
    assert "Of particular concern" in page
    assert "None in particular" not in page

"""Writing reflections: the structures, the context links, the patient-identifying check, drafts."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from competences.models import Evidence, EvidenceKind
from portfolio.models import Reflection, ReflectionStatus
from tests.factories.portfolio import ReflectionFactory, simulation, simulation_feedback, workshop

pytestmark = pytest.mark.django_db


def test_each_structure_shows_its_sections_with_prompts(client, hcp):
    client.force_login(hcp)
    page = client.get(reverse("portfolio:reflection-new"), {"structure": "gibbs"})
    for label in ("Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"):
        assertContains(page, label)
    assertContains(page, "What were you thinking and feeling?")
    page = client.get(reverse("portfolio:reflection-new"), {"structure": "revalidation"})
    assertContains(page, "How it relates to my professional code")


def test_a_link_made_before_the_structure_was_renamed_still_opens_it(client, hcp):
    client.force_login(hcp)
    page = client.get(reverse("portfolio:reflection-new"), {"model": "gibbs"})
    assertContains(page, "What were you thinking and feeling?")
    assertContains(page, '<input type="hidden" name="structure" value="gibbs">', html=True)


def test_without_a_structure_the_hcp_chooses_one_and_keeps_the_context(client, hcp, feedback):
    client.force_login(hcp)
    page = client.get(reverse("portfolio:reflection-new"), {"feedback": feedback.pk})
    assertContains(page, "How do you want to structure your reflection?")
    assertContains(page, f'name="feedback" value="{feedback.pk}"')


def test_context_is_prefilled_only_from_the_authors_own_records(client, hcp, second_hcp, feedback):
    client.force_login(hcp)
    page = client.get(
        reverse("portfolio:reflection-new"), {"structure": "free", "feedback": feedback.pk}
    )
    assertContains(page, f'<option value="{feedback.pk}" selected>')
    assertContains(page, f'<option value="{feedback.session_id}" selected>')
    client.force_login(second_hcp)
    page = client.get(
        reverse("portfolio:reflection-new"), {"structure": "free", "feedback": feedback.pk}
    )
    assertNotContains(page, f'<option value="{feedback.pk}"')


def test_someone_elses_feedback_cannot_be_linked(client, second_hcp, feedback):
    client.force_login(second_hcp)
    response = client.post(
        reverse("portfolio:reflection-new"),
        {"structure": "free", "title": "Mine", "section_entry": "Text", "feedback": feedback.pk},
    )
    assertContains(response, "Select a valid choice")
    assert not Reflection.objects.exists()


def test_an_nhs_number_needs_confirmation_before_saving(client, hcp):
    client.force_login(hcp)
    data = {"structure": "free", "title": "Clinic", "section_entry": "Seen 943 476 5919 today."}
    response = client.post(reverse("portfolio:reflection-new"), data)
    assertContains(response, "This looks as if it contains an NHS number")
    assertContains(response, "I have checked: no one can be identified")
    assert not Reflection.objects.exists()
    response = client.post(
        reverse("portfolio:reflection-new"), {**data, "identifiers_checked": "on"}
    )
    assert response.status_code == 302
    assert Reflection.objects.get().identifiers_checked


def test_an_invalid_nhs_number_needs_no_confirmation(client, hcp):
    client.force_login(hcp)
    data = {"structure": "free", "title": "Clinic", "section_entry": "Extension 943 476 5918."}
    assert client.post(reverse("portfolio:reflection-new"), data).status_code == 302


def test_a_date_of_birth_is_warned_about_next_to_its_field(client, hcp):
    client.force_login(hcp)
    data = {"structure": "free", "title": "Clinic", "consultation": "A woman, DOB 01/02/1950."}
    response = client.post(reverse("portfolio:reflection-new"), data)
    assertContains(response, 'id="id_consultation-error"')
    assertContains(response, "a date of birth")


def test_a_complete_reflection_becomes_evidence_of_its_competences(client, hcp, hcp_post):
    competence = hcp_post.profile.requirements.first().competence
    client.force_login(hcp)
    client.post(
        reverse("portfolio:reflection-new"),
        {
            "structure": "free",
            "title": "Listening",
            "section_entry": "I listened.",
            "competences": [competence.pk],
            "action": "complete",
        },
    )
    reflection = Reflection.objects.get()
    assert reflection.status == ReflectionStatus.COMPLETE
    evidence = Evidence.objects.get(competence=competence, hcp=hcp)
    assert evidence.kind == EvidenceKind.REFLECTION


def test_save_as_draft_works_without_script(client, hcp):
    client.force_login(hcp)
    client.post(
        reverse("portfolio:reflection-new"),
        {
            "structure": "free",
            "title": "Half written",
            "section_entry": "So far",
            "action": "draft",
        },
    )
    assert Reflection.objects.get().status == ReflectionStatus.DRAFT


def test_autosave_creates_then_updates_one_draft(client, hcp):
    client.force_login(hcp)
    url = reverse("portfolio:reflection-autosave")
    first = client.post(url, {"structure": "gibbs", "title": "Typing", "section_feelings": "Nerv"})
    assert first.json()["saved"] and first.json()["message"].startswith("Draft saved at ")
    pk = first.json()["id"]
    second = client.post(
        url,
        {"structure": "gibbs", "reflection": pk, "title": "Typing", "section_feelings": "Nervous"},
    )
    assert second.json()["id"] == pk
    reflection = Reflection.objects.get()
    assert reflection.sections["feelings"] == "Nervous"
    assert reflection.status == ReflectionStatus.DRAFT


def test_autosave_does_not_store_text_that_may_identify_a_patient(client, hcp):
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:reflection-autosave"),
        {"structure": "free", "title": "x", "section_entry": "NHS 943 476 5919"},
    )
    assert response.status_code == 400
    assert not response.json()["saved"]
    assert not Reflection.objects.exists()


def test_autosave_cannot_touch_someone_elses_reflection(client, hcp, second_hcp):
    reflection = ReflectionFactory(author=second_hcp, title="Theirs")
    client.force_login(hcp)
    response = client.post(
        reverse("portfolio:reflection-autosave"),
        {"reflection": reflection.pk, "title": "Mine now", "section_what": "x"},
    )
    assert response.status_code == 404
    reflection.refresh_from_db()
    assert reflection.title == "Theirs"


def test_my_reflections_list_shows_only_mine_with_sharing(client, hcp, second_hcp, trainer):
    from tests.factories.portfolio import ReflectionShareFactory

    mine = ReflectionFactory(author=hcp, title="My own")
    ReflectionShareFactory(reflection=mine, shared_with=trainer)
    ReflectionFactory(author=second_hcp, title="Someone else's")
    client.force_login(hcp)
    page = client.get(reverse("portfolio:reflections"))
    assertContains(page, "My own")
    assertContains(page, f"Shared with {trainer.get_full_name()}")
    assertNotContains(page, "Someone else")


@pytest.mark.parametrize("fixture", ["trainer", "manager", "representative", "outsider"])
def test_writing_reflections_is_for_hcps(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("portfolio:reflections")).status_code == 404
    assert client.get(reverse("portfolio:reflection-new")).status_code == 404


def test_the_author_deletes_a_reflection(client, hcp):
    reflection = ReflectionFactory(author=hcp)
    client.force_login(hcp)
    client.post(reverse("portfolio:reflection-delete", args=[reflection.pk]))
    assert not Reflection.objects.exists()


def test_the_list_reads_in_a_fixed_number_of_queries(
    client, hcp, trainer, django_assert_max_num_queries
):
    from tests.factories.portfolio import ReflectionShareFactory

    client.force_login(hcp)
    for number in range(12):
        ReflectionShareFactory(reflection=ReflectionFactory(author=hcp), shared_with=trainer)
        if number == 1:
            with django_assert_max_num_queries(12) as small:
                client.get(reverse("portfolio:reflections"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("portfolio:reflections"))


def test_links_to_each_kind_of_context(client, site_a, hcp, representative, trainer):
    from tests.factories.portfolio import attended, observation

    day = workshop(site_a)
    attended(hcp, day)
    played = simulation(hcp, day)
    response = simulation_feedback(played, respondent=representative)
    seen = observation(hcp, trainer)
    client.force_login(hcp)
    client.post(
        reverse("portfolio:reflection-new"),
        {
            "structure": "free",
            "title": "All of it",
            "section_entry": "x",
            "workshop": day.pk,
            "session": played.pk,
            "feedback": response.pk,
            "observation": seen.pk,
        },
    )
    reflection = Reflection.objects.get()
    page = client.get(reverse("portfolio:reflection", args=[reflection.pk]))
    assertContains(page, "Care planning day")
    assertContains(page, "Mrs Smith&#x27;s review")
    assertContains(page, "QA observation")

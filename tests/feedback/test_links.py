"""Feedback by link without an account: made by trainers, used once, refused clearly after."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from competences.models import Evidence, EvidenceKind
from feedback import services
from feedback.models import (
    FeedbackLink,
    FeedbackResponse,
    ResponseAction,
    ResponseEvent,
    token_digest,
)
from tests.factories.feedback import simulation_session, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(session, trainer):
    """A link and its token for the session."""
    return services.link_create(session=session, actor=trainer)


def link_url(token):
    return reverse("feedback:respond", args=[token])


def test_only_the_tokens_hash_is_stored(made):
    link, token = made
    assert link.token_hash == token_digest(token)
    assert token not in str(FeedbackLink.objects.values_list().get(pk=link.pk))
    assert len(token) >= 43


def test_link_opens_a_form_without_signing_in(client, made):
    _link, token = made
    page = client.get(link_url(token))
    assert page.status_code == 200
    text = page.content.decode()
    assert "About your consultation with Hana." in text
    assert "Mrs Smith&#x27;s annual review" in text
    assert "Was my story heard?" in text
    assert "hcp@example.org" not in text
    assert "Sign out" not in text


def test_submitting_stores_one_response_and_uses_the_link(client, made, answers, hcp):
    link, token = made
    page = client.post(link_url(token), answers)
    assert "Your feedback has been received." in page.content.decode()
    response = FeedbackResponse.objects.get()
    assert (response.subject, response.session, response.display_name) == (
        hcp,
        link.session,
        "Sunny",
    )
    assert response.respondent is None
    assert response.version == link.version
    assert response.score == 3.5
    assert {a.item.code: a.display for a in response.answers.all()}["results_explained"] == (
        "Not applicable"
    )
    link.refresh_from_db()
    assert link.used_at is not None
    assert ResponseEvent.objects.get().action == ResponseAction.SUBMITTED


def test_a_double_submit_stores_one_response(client, made, answers):
    _link, token = made
    client.post(link_url(token), answers)
    second = client.post(link_url(token), answers)
    assert second.status_code == 410
    assert "Your feedback has already been received" in second.content.decode()
    assert FeedbackResponse.objects.count() == 1


def test_the_service_refuses_a_second_submit_of_a_used_link(made, answers, rep_version):
    link, _token = made
    values = {i.pk: (4, "", False) for i in rep_version.items.exclude(kind="text")}
    kwargs = dict(
        version=rep_version,
        role="representative",
        values=values,
        session=link.session,
        subject=link.session.hcp,
        link=link,
        display_name="Ray",
    )
    services.response_submit(**kwargs)
    with pytest.raises(services.AlreadyReceived):
        services.response_submit(**kwargs)
    assert FeedbackResponse.objects.count() == 1


def test_a_reused_link_is_refused_with_a_clear_page(client, made, answers):
    _link, token = made
    client.post(link_url(token), answers)
    page = client.get(link_url(token))
    assert page.status_code == 410
    assert "Your feedback has already been received" in page.content.decode()


def test_an_expired_link_is_refused(client, made):
    link, token = made
    FeedbackLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(1))
    page = client.get(link_url(token))
    assert page.status_code == 410
    assert "This link has expired" in page.content.decode()


def test_an_expired_link_refuses_a_post_and_stores_nothing(client, made, answers):
    link, token = made
    FeedbackLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(1))
    assert client.post(link_url(token), answers).status_code == 410
    assert not FeedbackResponse.objects.exists()


def test_an_altered_link_is_refused(client, made):
    _link, token = made
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    page = client.get(link_url(altered))
    assert page.status_code == 404
    assert "This link does not work" in page.content.decode()


def test_a_replaced_link_is_refused_and_the_new_one_works(client, made, session, trainer):
    _old, old_token = made
    _new, new_token = services.link_create(session=session, actor=trainer)
    assert client.get(link_url(old_token)).status_code == 410
    assert client.get(link_url(new_token)).status_code == 200


def test_no_link_once_the_feedback_is_in(client, made, answers, session, trainer):
    _link, token = made
    client.post(link_url(token), answers)
    with pytest.raises(Exception, match="already in"):
        services.link_create(session=session, actor=trainer)


def test_everything_typed_survives_a_validation_error(client, made, answers):
    _link, token = made
    del answers["item_story_heard"]
    answers["pseudonym"] = ""
    page = client.post(link_url(token), answers)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Answer: Was my story heard?" in text
    assert "Type the name the professional will see." in text
    assert "You asked what mattered to me." in text
    assert (
        'value="2" class="nhsuk-radios nhsuk-radios__input" id="id_item_plan_mine_0" checked'
        in text
    )
    assert not FeedbackResponse.objects.exists()


def test_representative_may_be_shown_by_first_name(client, made, answers):
    _link, token = made
    answers["shown_as"] = "first_name"
    answers["pseudonym"] = ""
    client.post(link_url(token), answers)
    assert FeedbackResponse.objects.get().display_name == "Ray"


def test_answered_mapped_items_count_as_evidence(client, made, answers, hcp, trainer):
    _link, token = made
    client.post(link_url(token), answers)
    evidence = Evidence.objects.filter(hcp=hcp)
    assert sorted(e.competence.code for e in evidence) == ["Diab HA1", "Diab HA2"]
    assert {e.kind for e in evidence} == {EvidenceKind.SIMULATION_FEEDBACK}
    assert {e.added_by for e in evidence} == {trainer}


def test_not_applicable_items_are_not_evidence(client, made, answers, hcp, rep_version):
    from competences.models import Competence

    item = rep_version.items.get(code="results_explained")
    item.competences.set(Competence.objects.filter(code="Diab HA6"))
    item.save()
    _link, token = made
    client.post(link_url(token), answers)
    assert not Evidence.objects.filter(hcp=hcp, competence__code="Diab HA6").exists()


def test_trainer_makes_links_and_sees_them_once_with_a_qr_code(client, trainer, session):
    client.force_login(trainer)
    url = reverse("feedback:workshop-links", args=[session.workshop_id])
    assert "Make a link" in client.get(url).content.decode()
    page = client.post(url, {"session": "all"}, follow=True)
    assert page.redirect_chain == [(url, 302)]
    text = page.content.decode()
    assert "<svg" in text and "yoc-qr" in text
    assert "/feedback/r/" in text
    assert FeedbackLink.objects.filter(session=session).count() == 1
    again = client.get(url).content.decode()
    assert "/feedback/r/" not in again
    assert "Open" in again
    assert FeedbackLink.objects.filter(session=session, revoked_at__isnull=True).count() == 1


def test_trainer_regenerates_a_link(client, trainer, session, made):
    old, _token = made
    client.force_login(trainer)
    url = reverse("feedback:workshop-links", args=[session.workshop_id])
    client.post(url, {"session": session.pk})
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert FeedbackLink.objects.open().count() == 1


@pytest.mark.parametrize("who", ["hcp", "manager", "representative", "outsider"])
def test_people_who_do_not_train_the_workshop_get_404(client, session, who, request):
    client.force_login(request.getfixturevalue(who))
    url = reverse("feedback:workshop-links", args=[session.workshop_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"session": "all"}).status_code == 404
    assert not FeedbackLink.objects.exists()


def test_a_trainer_of_another_workshop_gets_404(client, session, site_b):
    from tests.factories.training_site import person_with_role
    from training_site.models import Role

    other = person_with_role(Role.TRAINER, site_b)
    workshop(site_b, trainers=[other])
    client.force_login(other)
    url = reverse("feedback:workshop-links", args=[session.workshop_id])
    assert client.get(url).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in_for_the_links_page(client, session):
    url = reverse("feedback:workshop-links", args=[session.workshop_id])
    assert client.get(url).status_code == 302


def test_many_unknown_links_from_one_address_are_slowed_down(client, made):
    from django.core.cache import cache

    cache.clear()
    _link, token = made
    for number in range(20):
        assert client.get(link_url(f"guess-{number}")).status_code == 404
    page = client.get(link_url("guess-20"))
    assert page.status_code == 429
    assert "Too many links tried" in page.content.decode()
    cache.clear()
    assert client.get(link_url("guess-21")).status_code == 404


def test_a_valid_link_works_however_many_guesses_came_from_its_address(client, made):
    from django.core.cache import cache

    cache.clear()
    _link, token = made
    for number in range(25):
        client.get(link_url(f"guess-{number}"))
    assert client.get(link_url("guess-25")).status_code == 429
    page = client.get(link_url(token))
    assert page.status_code == 200
    assert "Too many links tried" not in page.content.decode()
    cache.clear()


def test_a_representative_with_an_account_is_named_on_the_links_page(
    client, trainer, workshop_a, second_hcp, representative, rep_version
):
    simulation_session(
        workshop_a, second_hcp, representative=representative, representative_name=""
    )
    client.force_login(trainer)
    page = client.get(reverse("feedback:workshop-links", args=[workshop_a.pk])).content.decode()
    assert f"Representative: {representative.get_short_name()}" in page
    assert "not named" not in page


def test_making_the_next_link_keeps_the_previous_qr_code_on_screen(
    client, trainer, workshop_a, session, second_hcp
):
    second = simulation_session(workshop_a, second_hcp)
    client.force_login(trainer)
    url = reverse("feedback:workshop-links", args=[workshop_a.pk])
    client.post(url, {"session": session.pk}, follow=True)
    page = client.post(url, {"session": second.pk}, follow=True).content.decode()
    assert page.count('class="yoc-feedback-link"') == 2
    assert "/feedback/r/" not in client.get(url).content.decode()


def test_feedback_on_a_consultation_days_away_is_refused_and_the_answers_are_kept(
    client, workshop_a, second_hcp, trainer, answers
):
    later = simulation_session(
        workshop_a, second_hcp, starts_at=timezone.now() + timedelta(days=10)
    )
    _link, token = services.link_create(session=later, actor=trainer)
    response = client.post(link_url(token), answers)
    assert response.status_code == 200
    assertContains(response, "This consultation has not happened yet")
    assert re.search(r'value="8"[^>]*checked', response.content.decode())
    assert not FeedbackResponse.objects.filter(session=later).exists()
    assert FeedbackLink.objects.get(session=later).used_at is None

"""The HCP's feedback page, the representative's sessions, the observer's checklist."""

import pytest
from django.urls import reverse
from wagtail import hooks

from feedback import services
from feedback.models import FeedbackResponse, RespondentRole
from tests.factories.feedback import representative_version, simulation_session
from training_site.navigation import NavigationItem

pytestmark = pytest.mark.django_db


def give(session, version, *, display_name="Sunny", respondent=None, role="representative"):
    """Store a representative's response about a session with every scored item at 4."""
    values = {}
    for item in version.items.all():
        values[item.pk] = (
            (None, "Kind and clear.", False) if item.kind == "text" else (2, "", False)
        )
    return services.response_submit(
        version=version,
        role=role,
        values=values,
        subject=session.hcp,
        session=session,
        respondent=respondent,
        display_name=display_name,
    )


def test_hcp_sees_feedback_about_itself_under_the_chosen_name(
    client, hcp, session, rep_version, representative
):
    response = give(session, rep_version, respondent=representative)
    client.force_login(hcp)
    listing = client.get(reverse("feedback:mine")).content.decode()
    assert "Sunny" in listing
    assert "Mrs Smith&#x27;s annual review" in listing
    detail = client.get(reverse("feedback:response-detail", args=[response.pk])).content.decode()
    assert "Was my story heard?" in detail
    assert "Kind and clear." in detail
    assert "rep@example.org" not in detail and "Ray" not in detail


def test_old_responses_keep_the_wording_they_answered(client, hcp, session, rep_version):
    response = give(session, rep_version)
    newer = representative_version()
    item = newer.items.get(code="story_heard")
    item.prompt = "Did they hear my story?"
    item.save()
    client.force_login(hcp)
    detail = client.get(reverse("feedback:response-detail", args=[response.pk])).content.decode()
    assert "Was my story heard?" in detail
    assert "Did they hear my story?" not in detail
    assert "version 1" in detail


def test_feedback_page_offers_links_from_other_apps(client, hcp, session, rep_version):
    response = give(session, rep_version)

    def offer(request, record):
        return [NavigationItem("Reflect on this feedback", f"/portfolio/new/?feedback={record.pk}")]

    with hooks.register_temporarily("register_feedback_links", offer):
        client.force_login(hcp)
        detail = client.get(reverse("feedback:response-detail", args=[response.pk]))
    assert "Reflect on this feedback" in detail.content.decode()


@pytest.mark.parametrize("who", ["second_hcp", "hcp_b", "manager", "trainer", "outsider"])
def test_others_cannot_read_feedback_about_an_hcp(client, session, rep_version, who, request):
    response = give(session, rep_version)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("feedback:response-detail", args=[response.pk])).status_code == 404
    if who == "second_hcp":
        assert "Sunny" not in client.get(reverse("feedback:mine")).content.decode()


def test_withdrawn_feedback_leaves_the_hcp_page_and_is_recorded(
    client, hcp, admin, session, rep_version
):
    response = give(session, rep_version)
    services.response_withdraw(
        response=response, actor=admin, reason="Given about the wrong session"
    )
    client.force_login(hcp)
    assert client.get(reverse("feedback:response-detail", args=[response.pk])).status_code == 404
    assert [e.action for e in response.events.all()] == ["submitted", "withdrawn"]
    assert response.events.last().reason == "Given about the wrong session"


def test_withdrawing_needs_a_reason(admin, session, rep_version):
    from django.core.exceptions import ValidationError

    response = give(session, rep_version)
    with pytest.raises(ValidationError):
        services.response_withdraw(response=response, actor=admin, reason=" ")
    response.refresh_from_db()
    assert response.withdrawn_at is None


def test_response_history_is_append_only(session, rep_version):
    response = give(session, rep_version)
    with pytest.raises(TypeError):
        response.events.update(reason="changed")
    event = response.events.get()
    with pytest.raises(TypeError):
        event.save()


def test_representative_with_an_account_lists_its_sessions_and_gives_feedback(
    client, representative, workshop_a, hcp, answers
):
    mine = simulation_session(workshop_a, hcp, representative=representative)
    client.force_login(representative)
    page = client.get(reverse("feedback:my-sessions")).content.decode()
    assert "Feedback not given yet" in page
    url = reverse("feedback:session-respond", args=[mine.pk])
    assert f'href="{url}"' in page
    form = client.get(url).content.decode()
    assert "My first name, Ray" in form
    client.post(url, answers)
    response = FeedbackResponse.objects.get()
    assert (response.respondent, response.display_name) == (representative, "Sunny")
    assert "Feedback given" in client.get(reverse("feedback:my-sessions")).content.decode()
    assert client.post(url, answers).status_code == 410
    assert FeedbackResponse.objects.count() == 1


def test_representative_cannot_answer_about_someone_elses_session(client, representative, session):
    client.force_login(representative)
    assert client.get(reverse("feedback:session-respond", args=[session.pk])).status_code == 404
    assert "Mrs Smith" not in client.get(reverse("feedback:my-sessions")).content.decode()


def test_hcp_cannot_open_the_representatives_pages(client, hcp, session):
    client.force_login(hcp)
    assert client.get(reverse("feedback:my-sessions")).status_code == 404


def test_observer_fills_the_checklist_once(client, second_hcp, session, obs_version):
    client.force_login(second_hcp)
    url = reverse("feedback:session-observe", args=[session.pk])
    page = client.get(url).content.decode()
    assert "The person&#x27;s story was heard" in page
    assert "pseudonym" not in page.lower()
    client.post(url, {"item_story_heard": "4", "item_results_explained": "3"})
    response = FeedbackResponse.objects.get()
    assert (response.role, response.respondent, response.display_name) == (
        RespondentRole.OBSERVER,
        second_hcp,
        "An observer",
    )
    assert client.post(url, {"item_story_heard": "4"}).status_code == 410
    assert FeedbackResponse.objects.count() == 1


@pytest.mark.parametrize("who", ["hcp", "trainer", "representative", "outsider"])
def test_only_observers_fill_the_checklist(client, session, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("feedback:session-observe", args=[session.pk])).status_code == 404


def test_session_links_offer_each_person_what_it_may_use(rf, session, trainer, second_hcp, hcp):
    from training_site.record_links import record_links

    def labels(user):
        request = rf.get("/")
        request.user = user
        return [link.label for link in record_links("register_session_links", request, session)]

    assert "Feedback links" in labels(trainer)
    assert "Observer's checklist" in labels(second_hcp)
    assert labels(hcp) == [] or "Feedback links" not in labels(hcp)


def test_workshop_links_only_for_its_trainers(rf, workshop_a, trainer, manager):
    from training_site.record_links import record_links

    def labels(user):
        request = rf.get("/")
        request.user = user
        return [link.label for link in record_links("register_workshop_links", request, workshop_a)]

    assert "Feedback links" in labels(trainer)
    assert "Feedback links" not in labels(manager)


def test_home_panels_and_navigation(
    client, hcp, session, rep_version, trainer, representative, manager
):
    give(session, rep_version)
    client.force_login(hcp)
    home = client.get("/").content.decode()
    assert "1 new piece of feedback about you" in home
    assert "Feedback about me" in home
    client.force_login(representative)
    assert "Feedback to give" in client.get("/").content.decode()
    client.force_login(trainer)
    home = client.get("/").content.decode()
    assert "Feedback links" in home and "Care planning workshop" in home
    client.force_login(manager)
    assert "Feedback reports" in client.get("/").content.decode()


def test_hcp_feedback_page_query_count_does_not_grow(
    client, hcp, workshop_a, rep_version, django_assert_max_num_queries
):
    client.force_login(hcp)
    for _ in range(2):
        give(simulation_session(workshop_a, hcp), rep_version)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("feedback:mine"))
    for _ in range(8):
        give(simulation_session(workshop_a, hcp), rep_version)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("feedback:mine"))
    assert page.content.decode().count("Sunny") == 10


def test_network_admin_withdraws_a_response_with_a_reason(client, admin, hcp, session, rep_version):
    response = give(session, rep_version)
    client.force_login(admin)
    report = client.get(reverse("feedback:person-report", args=[hcp.pk])).content.decode()
    url = reverse("feedback:response-withdraw", args=[response.pk])
    assert url in report
    page = client.post(url, {"reason": ""})
    assert "This field is required." in page.content.decode()
    response.refresh_from_db()
    assert response.withdrawn_at is None
    client.post(url, {"reason": "About the wrong session"})
    response.refresh_from_db()
    assert response.withdrawn_at is not None
    event = response.events.last()
    assert (event.action, event.actor, event.reason) == (
        "withdrawn",
        admin,
        "About the wrong session",
    )


@pytest.mark.parametrize("who", ["hcp", "manager", "trainer", "other_manager"])
def test_only_network_admins_withdraw_responses(client, session, rep_version, who, request):
    response = give(session, rep_version)
    client.force_login(request.getfixturevalue(who))
    url = reverse("feedback:response-withdraw", args=[response.pk])
    assert client.post(url, {"reason": "No"}).status_code == 404
    response.refresh_from_db()
    assert response.withdrawn_at is None


def test_no_published_checklist_answers_404(client, second_hcp, session, obs_version):
    obs_version.status = "draft"
    obs_version.save()
    client.force_login(second_hcp)
    assert client.get(reverse("feedback:session-observe", args=[session.pk])).status_code == 404

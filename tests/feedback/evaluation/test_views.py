"""Workshop evaluation pages: the HCP answers once; trainers and managers in scope read it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.evaluation.services import evaluation_submit
from feedback.models import FeedbackResponse, InstrumentVersion
from tests.factories.evaluation import (
    BEHAVIOUR,
    IMPROVE,
    MOST_USEFUL,
    RESULTS,
    SKILL,
    after_version,
    before_version,
    booking,
    targeting_workshop,
)
from tests.factories.training_site import person_with_role
from training_site.models import Role
from training_site.record_links import record_links
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def versions(db):
    """The published before and after questionnaires."""
    return before_version(), after_version()


@pytest.fixture
def upcoming(site_a, trainer):
    """A workshop in three days, run by the trainer, targeting Diab HA1."""
    return targeting_workshop(
        site_a, starts_at=timezone.now() + timedelta(days=3), trainers=[trainer]
    )


@pytest.fixture
def ended(site_a, trainer):
    """A workshop that ended yesterday, run by the trainer, targeting Diab HA1."""
    return targeting_workshop(
        site_a, starts_at=timezone.now() - timedelta(days=2), trainers=[trainer], title="Ended"
    )


def respond_url(workshop, stage):
    return reverse("feedback:evaluation-respond", args=[workshop.pk, stage])


def results_url(workshop):
    return reverse("feedback:evaluation-workshop", args=[workshop.pk])


def test_booked_hcp_sees_the_relevant_before_questions(client, upcoming, hcp):
    booking(upcoming, hcp)
    client.force_login(hcp)

    text = client.get(respond_url(upcoming, "before")).content.decode()

    assert "Evaluate this workshop: before the workshop" in text
    assert SKILL in text and RESULTS in text
    assert BEHAVIOUR not in text and MOST_USEFUL not in text


def test_submitting_before_stores_one_response(client, upcoming, hcp):
    booking(upcoming, hcp)
    client.force_login(hcp)
    item = InstrumentVersion.objects.get(instrument__purpose="workshop_before").items.first()
    data = {"item_conf_agenda": "4", "item_conf_results": "6"}

    first = client.post(respond_url(upcoming, "before"), data)
    second = client.post(respond_url(upcoming, "before"), data)

    assert "Your answers before the workshop have been received." in first.content.decode()
    assert "You have already answered" in second.content.decode()
    response = FeedbackResponse.objects.get()
    assert response.answers.get(item=item).value == 4


def test_a_missing_required_answer_is_explained_and_nothing_stored(client, upcoming, hcp):
    booking(upcoming, hcp)
    client.force_login(hcp)

    page = client.post(respond_url(upcoming, "before"), {"item_conf_results": "6"})

    assert page.status_code == 200
    assert f"Answer: {SKILL}" in page.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_after_is_not_open_before_the_workshop(client, upcoming, hcp):
    booking(upcoming, hcp)
    client.force_login(hcp)

    page = client.post(respond_url(upcoming, "after"), {"item_conf_agenda": "4"})

    assert "This questionnaire is not open" in page.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_attended_hcp_answers_after_with_reaction_questions(client, ended, hcp):
    booking(ended, hcp, BookingStatus.ATTENDED)
    client.force_login(hcp)

    text = client.get(respond_url(ended, "after")).content.decode()

    assert MOST_USEFUL in text and IMPROVE in text


@pytest.mark.parametrize("who", ["second_hcp", "hcp_b", "trainer", "outsider"])
def test_someone_not_booked_gets_404(client, upcoming, hcp, who, request):
    booking(upcoming, hcp)
    client.force_login(request.getfixturevalue(who))

    assert client.get(respond_url(upcoming, "before")).status_code == 404


def test_an_unknown_stage_gets_404(client, upcoming, hcp):
    booking(upcoming, hcp)
    client.force_login(hcp)

    assert client.get(respond_url(upcoming, "during")).status_code == 404


def test_my_evaluations_lists_what_is_due(client, upcoming, ended, hcp):
    booking(upcoming, hcp)
    booking(ended, hcp, BookingStatus.ATTENDED)
    client.force_login(hcp)

    text = client.get(reverse("feedback:evaluation-mine")).content.decode()

    assert respond_url(upcoming, "before") in text
    assert respond_url(ended, "after") in text


def test_my_evaluations_is_for_hcps(client, trainer):
    client.force_login(trainer)

    assert client.get(reverse("feedback:evaluation-mine")).status_code == 404


def submit(place, stage, values, now):
    version = InstrumentVersion.objects.get(instrument__purpose=f"workshop_{stage}")
    by_code = {item.code: item.pk for item in version.items.all()}
    evaluation_submit(
        booking=place,
        stage=stage,
        version=version,
        values={by_code[code]: value for code, value in values.items()},
        now=now,
    )


@pytest.fixture
def answered(ended, hcp, second_hcp, settings):
    """Two attendees answered before and after; one commented."""
    settings.SMALL_NUMBER_THRESHOLD = 2
    before_at = ended.starts_at - timedelta(days=1)
    for person, before, after in ((hcp, 2, 6), (second_hcp, 4, 5)):
        place = booking(ended, person, BookingStatus.ATTENDED)
        submit(place, "before", {"conf_agenda": (before, "", False)}, before_at)
        values = {"conf_agenda": (after, "", False)}
        if person == hcp:
            values["would_improve"] = (None, "Longer role plays", False)
        submit(place, "after", values, timezone.now())
    return ended


@pytest.mark.parametrize("who", ["trainer", "manager", "admin"])
def test_trainer_and_managers_in_scope_read_the_evaluation(client, answered, who, request):
    client.force_login(request.getfixturevalue(who))

    page = client.get(results_url(answered))

    text = page.content.decode()
    assert page.status_code == 200
    assert "2 of 2" in text
    assert "+2.5" in text
    assert "Longer role plays" in text
    assert "Hana" not in text and "Harry" not in text


@pytest.mark.parametrize("who", ["other_manager", "hcp", "representative", "outsider"])
def test_others_get_404_for_the_evaluation(client, answered, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(results_url(answered)).status_code == 404
    chart = reverse("feedback:evaluation-chart", args=[answered.pk])
    assert client.get(chart).status_code == 404


def test_a_trainer_of_another_workshop_gets_404(client, answered, site_a):
    client.force_login(person_with_role(Role.TRAINER, site_a))

    assert client.get(results_url(answered)).status_code == 404


def test_the_chart_is_an_svg(client, answered, trainer):
    client.force_login(trainer)

    chart = client.get(reverse("feedback:evaluation-chart", args=[answered.pk]))

    assert chart["Content-Type"] == "image/svg+xml"
    assert b"<svg" in chart.content


def test_small_numbers_hide_the_means_and_the_chart(client, answered, trainer, settings):
    settings.SMALL_NUMBER_THRESHOLD = 3
    client.force_login(trainer)

    text = client.get(results_url(answered)).content.decode()

    assert "Fewer than 3 answered both" in text
    assert "+2.5" not in text
    assert client.get(reverse("feedback:evaluation-chart", args=[answered.pk])).status_code == 404


def test_outstanding_lists_the_trainers_workshops(client, ended, hcp, second_hcp, trainer):
    booking(ended, hcp, BookingStatus.ATTENDED)
    booking(ended, second_hcp, BookingStatus.ATTENDED)
    client.force_login(trainer)

    text = client.get(reverse("feedback:evaluation-outstanding")).content.decode()

    assert "Ended" in text and "0 of 2" in text


def test_outstanding_is_for_trainers(client, manager):
    client.force_login(manager)

    assert client.get(reverse("feedback:evaluation-outstanding")).status_code == 404


def test_outstanding_query_count_does_not_grow(
    client, site_a, trainer, django_assert_max_num_queries
):
    client.force_login(trainer)
    for count in (1, 6):
        for _ in range(count):
            workshop = targeting_workshop(
                site_a, starts_at=timezone.now() - timedelta(days=3), trainers=[trainer]
            )
            booking(workshop, person_with_role(Role.HCP, site_a), BookingStatus.ATTENDED)
        with django_assert_max_num_queries(9):  # 8, and the trainer's authenticator app.
            assert client.get(reverse("feedback:evaluation-outstanding")).status_code == 200


def test_home_pages_show_the_evaluation_panels(client, ended, hcp, trainer):
    booking(ended, hcp, BookingStatus.ATTENDED)

    client.force_login(hcp)
    hcp_home = client.get(reverse("home")).content.decode()
    client.force_login(trainer)
    trainer_home = client.get(reverse("home")).content.decode()

    assert "Evaluations to complete" in hcp_home
    assert respond_url(ended, "after") in hcp_home
    assert "Evaluations outstanding" in trainer_home
    assert "1 of 1 not answered" in trainer_home


def test_workshop_links_offer_the_questionnaire_and_the_results(rf, ended, hcp, trainer, outsider):
    booking(ended, hcp, BookingStatus.ATTENDED)

    def labels(user):
        request = rf.get("/")
        request.user = user
        return [link.label for link in record_links("register_workshop_links", request, ended)]

    assert "Evaluate this workshop: after the workshop" in labels(hcp)
    assert "Evaluation: 0 of 1 answered" in labels(trainer)
    assert not [label for label in labels(outsider) if "valuat" in label]


def test_managers_home_links_to_the_change_report(client, manager):
    client.force_login(manager)

    text = client.get(reverse("home")).content.decode()

    assert reverse("feedback:evaluation-report") in text


def test_an_upcoming_workshops_link_counts_before_answers(rf, upcoming, hcp, trainer):
    booking(upcoming, hcp)
    request = rf.get("/")
    request.user = trainer

    labels = [link.label for link in record_links("register_workshop_links", request, upcoming)]

    assert "Evaluation: 0 of 1 answered before" in labels

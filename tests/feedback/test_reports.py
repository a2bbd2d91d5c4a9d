"""Feedback reports: scoped by role, small groups hidden, raters' agreement, fixed query counts."""

import pytest
from django.urls import reverse

from feedback import queries, services
from feedback.models import RespondentRole
from tests.factories.feedback import simulation_session, workshop

pytestmark = pytest.mark.django_db


def rate(session, version, value, *, role=RespondentRole.REPRESENTATIVE, respondent=None):
    """Store a response rating every scored item at one value."""
    values = {
        item.pk: (None, "Fine", False)
        if item.kind == "text"
        else (value if item.kind != "yes_partly_no" else 2, "", False)
        for item in version.items.all()
    }
    return services.response_submit(
        version=version,
        role=role,
        values=values,
        subject=session.hcp,
        session=session,
        respondent=respondent,
        display_name="Sunny",
    )


def sessions_with_feedback(workshop_, hcp, rep_version, obs_version, observer, count, rep=4, obs=4):
    for _ in range(count):
        session = simulation_session(workshop_, hcp, observers=[observer])
        rate(session, rep_version, rep)
        rate(session, obs_version, obs, role=RespondentRole.OBSERVER, respondent=observer)


def test_report_groups_by_workshop_scenario_and_site(
    manager, workshop_a, hcp, second_hcp, rep_version, obs_version, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 2
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 3)
    report = queries.feedback_report(manager)
    assert [(r.label, r.responses, r.suppressed) for r in report.by_workshop] == [
        ("Care planning workshop", 3, False)
    ]
    assert report.by_site[0].label == "Site A"
    assert report.by_scenario[0].label == "Mrs Smith's annual review"
    assert report.by_workshop[0].mean_score == 3.33


def test_small_groups_are_not_broken_down(
    client, manager, workshop_a, hcp, second_hcp, rep_version, obs_version, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 5
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 2)
    client.force_login(manager)
    page = client.get(reverse("feedback:report")).content.decode()
    assert "Fewer than 5 responses" in page
    assert "Fewer than 5 pairs" in page


def test_other_sites_manager_sees_nothing_of_site_a(
    other_manager, workshop_a, hcp, second_hcp, rep_version, obs_version
):
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 3)
    report = queries.feedback_report(other_manager)
    assert report.by_workshop == [] and report.agreement.pairs == 0


def test_trainer_sees_its_own_workshops_only(
    trainer, site_a, workshop_a, hcp, second_hcp, rep_version, obs_version, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 1
    other = workshop(site_a, title="Someone else's workshop")
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 1)
    sessions_with_feedback(other, hcp, rep_version, obs_version, second_hcp, 1)
    assert [r.label for r in queries.feedback_report(trainer).by_workshop] == [
        "Care planning workshop"
    ]


def test_admin_sees_every_site(
    admin, site_b, workshop_a, hcp, hcp_b, second_hcp, rep_version, obs_version
):
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 1)
    sessions_with_feedback(workshop(site_b), hcp_b, rep_version, obs_version, second_hcp, 1)
    assert sorted(r.label for r in queries.feedback_report(admin).by_site) == ["Site A", "Site B"]


@pytest.mark.parametrize("who", ["hcp", "representative", "outsider"])
def test_people_without_a_report_role_get_404(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("feedback:report")).status_code == 404
    assert client.get(reverse("feedback:agreement-chart")).status_code == 404


def test_agreement_pairs_items_by_code_on_the_same_scale(
    workshop_a, hcp, second_hcp, rep_version, obs_version, settings, manager
):
    settings.SMALL_NUMBER_THRESHOLD = 1
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 1, rep=5, obs=3)
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 1, rep=4, obs=4)
    result = queries.feedback_report(manager).agreement
    rows = {row.label: row for row in result.rows}
    heard = (
        rows["Was my story heard?"]
        if "Was my story heard?" in rows
        else rows["The person's story was heard"]
    )
    assert heard.pairs == 2
    assert heard.mean_absolute_difference == 1.0
    assert heard.exact_agreement == 50
    assert result.pairs == 4
    assert result.exact_agreement == 50


def test_agreement_ignores_not_applicable_and_sessions_without_both_raters(
    workshop_a, hcp, second_hcp, rep_version, obs_version, manager, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 1
    only_rep = simulation_session(workshop_a, hcp)
    rate(only_rep, rep_version, 5)
    assert queries.feedback_report(manager).agreement.pairs == 0


def test_agreement_chart_is_an_svg(
    client, manager, workshop_a, hcp, second_hcp, rep_version, obs_version, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 1
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 2, rep=5, obs=3)
    client.force_login(manager)
    chart = client.get(reverse("feedback:agreement-chart"))
    assert chart["Content-Type"] == "image/svg+xml"
    assert b"<svg" in chart.content


def test_person_report_for_the_hcp_and_its_manager_only(
    client, hcp, manager, other_manager, second_hcp, workshop_a, rep_version, obs_version
):
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 2)
    url = reverse("feedback:person-report", args=[hcp.pk])
    for who in (hcp, manager):
        client.force_login(who)
        assert "Representative&#x27;s feedback" in client.get(url).content.decode()
        assert (
            client.get(reverse("feedback:person-chart", args=[hcp.pk]))["Content-Type"]
            == "image/svg+xml"
        )
    for who in (other_manager, second_hcp):
        client.force_login(who)
        assert client.get(url).status_code == 404
        assert client.get(reverse("feedback:person-chart", args=[hcp.pk])).status_code == 404


def test_report_query_count_does_not_grow(
    client,
    manager,
    workshop_a,
    hcp,
    second_hcp,
    rep_version,
    obs_version,
    django_assert_max_num_queries,
):
    client.force_login(manager)
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 1)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("feedback:report"))
    sessions_with_feedback(
        workshop(workshop_a.site, title="Second"), hcp, rep_version, obs_version, second_hcp, 10
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("feedback:report")).status_code == 200


def test_person_report_query_count_does_not_grow(
    client,
    manager,
    workshop_a,
    hcp,
    second_hcp,
    rep_version,
    obs_version,
    django_assert_max_num_queries,
):
    client.force_login(manager)
    url = reverse("feedback:person-report", args=[hcp.pk])
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 1)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_links_page_query_count_does_not_grow(
    client, trainer, workshop_a, hcp, rep_version, django_assert_max_num_queries
):
    client.force_login(trainer)
    url = reverse("feedback:workshop-links", args=[workshop_a.pk])
    simulation_session(workshop_a, hcp)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _ in range(10):
        services.link_create(session=simulation_session(workshop_a, hcp), actor=trainer)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_no_chart_is_offered_when_every_aspect_is_too_small_to_show(
    client, manager, workshop_a, hcp, second_hcp, rep_version, obs_version, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 3
    sessions_with_feedback(workshop_a, hcp, rep_version, obs_version, second_hcp, 2, rep=5, obs=3)
    client.force_login(manager)
    page = client.get(reverse("feedback:report")).content.decode()
    assert "paired ratings: mean absolute difference" in page
    assert reverse("feedback:agreement-chart") not in page
    assert client.get(reverse("feedback:agreement-chart")).status_code == 404

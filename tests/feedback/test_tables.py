"""Feedback tables: report groups, raters' agreement and one HCP's scores, sorted by column."""

import pytest
from django.urls import reverse

from feedback import services
from feedback.models import RespondentRole
from tests.factories.feedback import simulation_session, workshop

pytestmark = pytest.mark.django_db
REPORT = reverse("feedback:report")


def seen_order(page, *texts):
    """Return the texts in the order they appear on the page."""
    return sorted(texts, key=page.content.decode().index)


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


def test_report_groups_sort_by_responses_and_keep_the_role(
    client, manager, site_a, hcp, second_hcp, rep_version, obs_version, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 1
    for title, count in (("Alpha workshop", 1), ("Zulu workshop", 3)):
        held = workshop(site_a, title=title)
        for _ in range(count):
            session = simulation_session(held, hcp, observers=[second_hcp])
            rate(session, rep_version, 4)
            rate(session, obs_version, 3, role=RespondentRole.OBSERVER, respondent=second_hcp)
    client.force_login(manager)
    alpha, zulu = 'cell">Alpha workshop<', 'cell">Zulu workshop<'
    assert seen_order(client.get(REPORT), alpha, zulu) == [alpha, zulu]
    most = client.get(REPORT + "?role=observer&workshop-sort=-responses")
    assert seen_order(most, alpha, zulu) == [zulu, alpha]
    assert "role=observer&amp;workshop-sort=responses" in most.content.decode()
    aspects = [row.label for row in most.context["report"].agreement.rows]
    assert len(set(aspects)) >= 2
    cells = [f'cell">{label}<' for label in aspects]
    by_label = client.get(REPORT + "?agreement-sort=-label")
    assert seen_order(by_label, *cells) == sorted(cells, reverse=True)


def test_person_report_sorts_scores(client, admin, site_a, hcp, rep_version, obs_version, settings):
    held = workshop(site_a)
    low = rate(simulation_session(held, hcp), rep_version, 1)
    high = rate(simulation_session(held, hcp), rep_version, 5)
    client.force_login(admin)
    url = reverse("feedback:person-report", args=[hcp.pk])
    links = [reverse("feedback:response-withdraw", args=[r.pk]) for r in (low, high)]
    assert seen_order(client.get(url + "?sort=score"), *links) == links
    assert seen_order(client.get(url + "?sort=-score"), *links) == list(reversed(links))


def test_feedback_link_workshops_sort_and_page(client, site_a, trainer):
    for number in range(26):
        workshop(site_a, trainers=[trainer], title=f"Course {number:02}")
    client.force_login(trainer)
    url = reverse("feedback:workshops")
    first = client.get(url).content.decode()
    assert first.count(">Course ") == 25
    assert "Page 2 of 2" in first
    assert client.get(url + "?page=2").content.decode().count(">Course ") == 1
    by_title = client.get(url + "?sort=-title")
    assert seen_order(by_title, ">Course 25<", ">Course 24<") == [">Course 25<", ">Course 24<"]

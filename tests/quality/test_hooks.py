"""Home panels, navigation, the content admin screen and the demo content for QA observations."""

import pytest
from django.urls import reverse

from quality.demo import build_demo_observations
from quality.models import QAObservation, QAObservationStatus, QualityIndicator, QualityMeasure

pytestmark = pytest.mark.django_db


def test_observer_home_lists_observations_to_complete(client, trainer, prepared):
    client.force_login(trainer)
    page = client.get(reverse("home")).content.decode()
    assert "QA observations to complete" in page
    assert reverse("quality:detail", args=[prepared.pk]) in page


def test_hcp_home_lists_observations_to_read(client, hcp, second_hcp, discussed):
    client.force_login(hcp)
    page = client.get(reverse("home")).content.decode()
    assert "Observations to read" in page
    assert reverse("quality:detail", args=[discussed.pk]) in page
    client.force_login(second_hcp)
    assert "Observations to read" not in client.get(reverse("home")).content.decode()


def test_manager_sees_the_report_link_and_hcp_does_not(client, manager, hcp):
    client.force_login(manager)
    assert reverse("quality:report") in client.get(reverse("home")).content.decode()
    client.force_login(hcp)
    assert reverse("quality:report") not in client.get(reverse("home")).content.decode()


def test_network_admin_edits_indicators_with_measures_inline(client, admin):
    admin.is_superuser = True
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    data = {
        "title": "The person is prepared",
        "description": "",
        "sort_order": "1",
        "active": "on",
        "measures-TOTAL_FORMS": "1",
        "measures-INITIAL_FORMS": "0",
        "measures-MIN_NUM_FORMS": "1",
        "measures-MAX_NUM_FORMS": "1000",
        "measures-0-text": "Results reach the person before the consultation.",
        "measures-0-ORDER": "1",
        "measures-0-id": "",
        "measures-0-DELETE": "",
    }
    response = client.post(reverse("quality_indicators:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator = QualityIndicator.objects.get(title="The person is prepared")
    assert [m.text for m in indicator.measures.all()] == [
        "Results reach the person before the consultation."
    ]


def test_trainer_cannot_open_the_indicator_admin(client, trainer):
    trainer.is_staff = True
    trainer.save()
    client.force_login(trainer)
    assert client.get(reverse("quality_indicators:index")).status_code in (302, 403)


def test_demo_is_safe_to_run_twice(hcp, trainer):
    build_demo_observations()
    build_demo_observations()
    assert QualityIndicator.objects.count() == 2
    assert QualityMeasure.objects.count() == 5
    ofhcp = QAObservation.objects.filter(observed__email="hcp@example.org")
    assert sorted(ofhcp.values_list("status", flat=True)) == [
        QAObservationStatus.AGREED,
        QAObservationStatus.PLANNED,
    ]
    agreed = ofhcp.get(status=QAObservationStatus.AGREED)
    assert agreed.observer.email == "trainer@example.org"
    assert agreed.actions.count() == 3 and agreed.discussion_after

"""What a consultation's page offers its representative and observers once feedback is in."""

import pytest
from django.urls import reverse

from tests.factories.feedback import simulation_session
from tests.feedback.test_pages import give

pytestmark = pytest.mark.django_db


@pytest.fixture
def played(workshop_a, hcp, second_hcp, representative, rep_version, obs_version):
    """The HCP's consultation with Ray, who has an account, observed by the second HCP."""
    return simulation_session(
        workshop_a, hcp, representative=representative, observers=[second_hcp]
    )


def test_representative_is_offered_the_form_until_its_feedback_is_in(
    client, played, representative, rep_version
):
    form = reverse("feedback:session-respond", args=[played.pk])
    client.force_login(representative)
    before = client.get(reverse("simulations:representative-sessions")).content.decode()
    assert form in before and "Give your feedback" in before

    give(played, rep_version, respondent=representative)
    for page in ("simulations:representative-sessions", "simulations:session-detail"):
        args = [played.pk] if page.endswith("detail") else []
        after = client.get(reverse(page, args=args)).content.decode()
        assert form not in after
        assert "Your feedback is in" in after


def test_observer_is_offered_the_checklist_until_its_own_is_in(
    client, played, second_hcp, obs_version
):
    checklist = reverse("feedback:session-observe", args=[played.pk])
    detail = reverse("simulations:session-detail", args=[played.pk])
    client.force_login(second_hcp)
    assert checklist in client.get(detail).content.decode()

    give(played, obs_version, respondent=second_hcp, role="observer", display_name="An observer")
    page = client.get(detail).content.decode()
    assert checklist not in page
    assert "Your observer&#x27;s checklist is in" in page

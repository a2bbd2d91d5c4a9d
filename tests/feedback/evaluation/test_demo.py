"""Demo evaluations: made only for past workshops with attendees, and only once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.evaluation.demo import build_demo_evaluations
from feedback.models import FeedbackResponse
from tests.factories.evaluation import after_version, before_version, booking, targeting_workshop
from tests.factories.training_site import person_with_role
from training_site.models import Role
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


def test_without_workshops_nothing_is_made(db):
    before_version()
    after_version()

    build_demo_evaluations()

    assert not FeedbackResponse.objects.exists()


def test_past_attendees_answer_once_however_often_it_runs(site_a):
    before_version()
    after_version()
    past = targeting_workshop(site_a, starts_at=timezone.now() - timedelta(days=10))
    for _ in range(6):
        booking(past, person_with_role(Role.HCP, site_a), BookingStatus.ATTENDED)
    future = targeting_workshop(site_a, starts_at=timezone.now() + timedelta(days=10))
    booking(future, person_with_role(Role.HCP, site_a))

    build_demo_evaluations()
    made = FeedbackResponse.objects.count()
    build_demo_evaluations()

    assert made > 0
    assert FeedbackResponse.objects.count() == made
    assert not FeedbackResponse.objects.filter(workshop=future).exists()
    before = FeedbackResponse.objects.filter(version__instrument__purpose="workshop_before")
    assert all(response.submitted_at < past.starts_at for response in before)

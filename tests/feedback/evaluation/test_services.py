"""An HCP's before and after questionnaires are stored once each, only while open."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback.evaluation.services import evaluation_submit
from feedback.models import FeedbackResponse, InstrumentVersion, RespondentRole
from feedback.services import AlreadyReceived
from tests.factories.evaluation import after_version, before_version, booking, targeting_workshop
from workshops.models import BookingStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(site_a, hcp):
    """The HCP's place on a workshop starting in three days."""
    before_version()
    after_version()
    return booking(targeting_workshop(site_a, starts_at=timezone.now() + timedelta(days=3)), hcp)


def _version(purpose):
    return InstrumentVersion.objects.get(instrument__purpose=purpose)


def agenda(version, value):
    item = version.items.get(code="conf_agenda")
    return {item.pk: (value, "", False)}


def test_before_is_stored_as_the_hcps_self_evaluation(place, hcp):
    version = _version("workshop_before")

    response = evaluation_submit(
        booking=place, stage="before", version=version, values=agenda(version, 4)
    )

    assert (response.respondent, response.subject, response.workshop) == (
        hcp,
        hcp,
        place.workshop,
    )
    assert response.role == RespondentRole.PARTICIPANT
    assert response.answers.get().value == 4


def test_a_second_submit_stores_nothing(place):
    version = _version("workshop_before")
    evaluation_submit(booking=place, stage="before", version=version, values=agenda(version, 4))

    with pytest.raises(AlreadyReceived):
        evaluation_submit(booking=place, stage="before", version=version, values=agenda(version, 9))

    assert FeedbackResponse.objects.get().answers.get().value == 4


def test_after_is_refused_before_the_workshop_ends(place):
    version = _version("workshop_after")

    with pytest.raises(ValidationError):
        evaluation_submit(booking=place, stage="after", version=version, values=agenda(version, 4))

    assert not FeedbackResponse.objects.exists()


def test_before_is_refused_once_the_workshop_started(place):
    version = _version("workshop_before")
    late = place.workshop.starts_at + timedelta(minutes=1)

    with pytest.raises(ValidationError):
        evaluation_submit(
            booking=place, stage="before", version=version, values=agenda(version, 4), now=late
        )


def test_the_wrong_questionnaire_is_refused(place):
    version = _version("workshop_after")
    place.status = BookingStatus.ATTENDED
    place.save()

    with pytest.raises(ValidationError):
        evaluation_submit(booking=place, stage="before", version=version, values=agenda(version, 4))


def test_before_and_after_are_each_stored_once(place):
    before, after = _version("workshop_before"), _version("workshop_after")
    evaluation_submit(booking=place, stage="before", version=before, values=agenda(before, 4))
    place.status = BookingStatus.ATTENDED
    place.save()
    evaluation_submit(booking=place, stage="after", version=after, values=agenda(after, 7))

    with pytest.raises(AlreadyReceived):
        evaluation_submit(booking=place, stage="after", version=after, values=agenda(after, 8))

    assert FeedbackResponse.objects.count() == 2

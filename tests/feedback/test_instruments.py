"""Instruments in the content admin: an answered version is never changed, editing makes a draft."""

import pytest
from django.urls import reverse

from feedback import services
from feedback.demo import build_demo_feedback
from feedback.models import Instrument, InstrumentPurpose, InstrumentVersion, Item, VersionStatus
from tests.factories.feedback import simulation_session
from tests.factories.training_site import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def answer_once(session, version):
    values = {i.pk: (3, "", False) for i in version.items.exclude(kind="text")}
    return services.response_submit(
        version=version,
        role="representative",
        values=values,
        subject=session.hcp,
        session=session,
        display_name="Ray",
    )


def test_an_answered_version_opens_a_new_draft_with_its_questions(
    client, superuser, session, rep_version
):
    answer_once(session, rep_version)
    client.force_login(superuser)
    page = client.get(reverse("feedback_versions:edit", args=[rep_version.pk]))
    draft = InstrumentVersion.objects.get(instrument=rep_version.instrument, number=2)
    assert page.status_code == 302
    assert page["Location"] == reverse("feedback_versions:edit", args=[draft.pk])
    assert draft.status == VersionStatus.DRAFT
    assert [i.code for i in draft.items.all()] == [i.code for i in rep_version.items.all()]
    copied = draft.items.get(code="story_heard")
    assert [c.code for c in copied.competences.all()] == ["Diab HA1"]
    assert client.get(page["Location"]).status_code == 200


def test_a_second_edit_of_an_answered_version_reuses_the_open_draft(
    superuser, session, rep_version
):
    answer_once(session, rep_version)
    first = services.version_new_draft(version=rep_version)
    assert services.version_new_draft(version=rep_version) == first


def test_an_unanswered_version_is_edited_in_place(client, superuser, rep_version):
    client.force_login(superuser)
    assert client.get(reverse("feedback_versions:edit", args=[rep_version.pk])).status_code == 200
    assert rep_version.instrument.versions.count() == 1


def test_new_links_use_the_newest_published_version(session, trainer, rep_version):
    newer = services.version_new_draft(version=rep_version)
    link, _ = services.link_create(session=session, actor=trainer)
    assert link.version == rep_version
    newer.status = VersionStatus.PUBLISHED
    newer.save()
    link, _ = services.link_create(session=session, actor=trainer)
    assert link.version == newer


def test_a_new_version_is_numbered_after_the_last(rep_version):
    version = InstrumentVersion(instrument=rep_version.instrument)
    version.full_clean()
    assert version.number == 2


def test_likert_labels_must_be_five(rep_version):
    from django.core.exceptions import ValidationError

    item = rep_version.items.get(code="story_heard")
    item.point_labels = "Bad | Good"
    with pytest.raises(ValidationError):
        item.full_clean()
    item.point_labels = "Never|Rarely|Sometimes|Often|Always"
    item.full_clean()
    assert item.choices()[0] == (1, "1 Never")


def test_hcp_without_admin_access_cannot_edit_instruments(client, hcp, rep_version):
    client.force_login(hcp)
    page = client.get(reverse("feedback_versions:edit", args=[rep_version.pk]))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("wagtailadmin_login"))


def test_demo_questionnaires_are_made_once_and_feedback_only_about_existing_sessions(
    workshop_a, hcp, second_hcp
):
    build_demo_feedback()
    build_demo_feedback()
    assert Instrument.objects.count() == 4
    assert {i.purpose for i in Instrument.objects.all()} == set(InstrumentPurpose.values)
    rep = Instrument.objects.get(purpose=InstrumentPurpose.REPRESENTATIVE_FEEDBACK)
    prompts = list(Item.objects.filter(version__instrument=rep).values_list("prompt", flat=True))
    assert "Is the plan mine?" in prompts and "What could be better?" in prompts
    session = simulation_session(workshop_a, hcp, observers=[second_hcp])
    build_demo_feedback()
    build_demo_feedback()
    assert session.feedback_responses.filter(role="representative").count() == 1
    assert session.feedback_responses.filter(role="observer").count() == 1

"""Self-assessment, request for verification, verification or return, emails and history."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertRedirects

from competences import services
from competences.models import (
    Assessment,
    AssessmentAction,
    AssessmentEvent,
    AssessmentStatus,
    Proficiency,
)
from tests.factories.competences import AssessmentFactory, evidence_on, national_competence

pytestmark = pytest.mark.django_db

STATEMENT = "I agree care plans with people with diabetes at their annual review."


def html_of(message):
    """Return the HTML alternative of an email."""
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def self_assess(client, hcp, code="Diab HA1", level=2, statement=STATEMENT, **extra):
    """Rate oneself on a competence through the page."""
    client.force_login(hcp)
    competence = national_competence(code)
    return client.post(
        reverse("competences:self-assess", args=[competence.pk]),
        {"level": level, "statement": statement, **extra},
    )


def ask(client, hcp, assessment, assessor):
    """Ask for verification through the assessment page."""
    client.force_login(hcp)
    return client.post(
        reverse("competences:request-verification", args=[assessment.pk]),
        {"assessor": assessor.pk, "version": assessment.version},
    )


def test_hcp_self_assessment_is_stored_and_shown(client, hcp):
    response = self_assess(client, hcp)
    assessment = Assessment.objects.get(hcp=hcp)
    assertRedirects(response, reverse("competences:assessment-detail", args=[assessment.pk]))
    assert (assessment.competence.code, assessment.level, assessment.statement) == (
        "Diab HA1",
        2,
        STATEMENT,
    )
    assert assessment.status == AssessmentStatus.SELF_ASSESSED
    page = client.get(reverse("competences:assessment-detail", args=[assessment.pk]))
    assertContains(page, "Self-assessed")
    assertContains(page, STATEMENT)
    assertContains(page, "Ask for verification")


def test_self_assessment_without_statement_is_refused(client, hcp):
    response = self_assess(client, hcp, statement="  ")
    assert response.status_code == 200
    assertContains(response, "Describe what you do that shows this competence.")
    assert not Assessment.objects.filter(hcp=hcp).exists()


def test_request_emails_the_named_assessor_in_text_and_html(
    client, hcp, trainer, django_capture_on_commit_callbacks
):
    self_assess(client, hcp)
    assessment = Assessment.objects.get(hcp=hcp)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, hcp, assessment, trainer)
    assertRedirects(response, reverse("competences:assessment-detail", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AWAITING
    assert assessment.assessor == trainer
    [message] = mail.outbox
    assert message.to == [trainer.email]
    assert message.subject == f"Please verify {hcp.get_full_name()}'s competence Diab HA1"
    queue = reverse("competences:verification-queue")
    text, html = message.body, html_of(message)
    assert hcp.get_full_name() in text
    assert escape(hcp.get_full_name()) in html
    for body in (text, html):
        assert f"Diab HA1 {national_competence('Diab HA1').title}" in body
        assert f"Level claimed: {Proficiency(2).label}" in body
        assert queue in body
    assert f'href="http://127.0.0.1:8000{queue}"' in html_of(message)


def test_hcp_can_only_ask_a_trainer_or_manager_in_its_line(client, hcp, other_manager):
    self_assess(client, hcp)
    assessment = Assessment.objects.get(hcp=hcp)
    response = ask(client, hcp, assessment, other_manager)
    assert response.status_code == 400
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SELF_ASSESSED
    assert assessment.assessor is None
    assert mail.outbox == []


def test_assessor_verifies_and_hcp_is_emailed_with_review_date(
    client, hcp, trainer, django_capture_on_commit_callbacks
):
    self_assess(client, hcp)
    assessment = Assessment.objects.get(hcp=hcp)
    evidence_on(assessment)
    ask(client, hcp, assessment, trainer)
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("competences:verify", args=[assessment.pk]), {"verified_level": 2}
        )
    assertRedirects(response, reverse("competences:verification-queue"))
    assessment.refresh_from_db()
    today = timezone.localdate()
    assert assessment.status == AssessmentStatus.VERIFIED
    assert assessment.verified_level == 2
    assert assessment.verified_on == today
    assert assessment.expires_on == today + relativedelta(months=36)
    [message] = mail.outbox
    assert message.to == [hcp.email]
    assert message.subject == "Your competence Diab HA1 has been verified"
    detail = reverse("competences:assessment-detail", args=[assessment.pk])
    review_by = f"{assessment.expires_on:%-d %B %Y}"
    for body in (message.body, html_of(message)):
        assert "has verified your competence" in body
        assert f"Review by: {review_by}" in body
        assert detail in body


def test_assessor_returns_with_action_point_and_hcp_is_emailed_it(
    client, hcp, trainer, django_capture_on_commit_callbacks
):
    self_assess(client, hcp)
    assessment = Assessment.objects.get(hcp=hcp)
    ask(client, hcp, assessment, trainer)
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("competences:return", args=[assessment.pk]),
            {"action_point": "Bring a record of an observed care planning consultation."},
        )
    assertRedirects(response, reverse("competences:verification-queue"))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.RETURNED
    assert assessment.action_point == "Bring a record of an observed care planning consultation."
    [message] = mail.outbox
    assert message.to == [hcp.email]
    assert message.subject == "Your competence Diab HA1 has been returned with an action point"
    for body in (message.body, html_of(message)):
        assert "has returned your competence" in body
        assert "Action point: Bring a record of an observed care planning consultation." in body
    client.force_login(hcp)
    page = client.get(reverse("competences:assessment-detail", args=[assessment.pk]))
    assertContains(page, "Returned with an action point")
    assertContains(page, "Bring a record of an observed care planning consultation.")
    assertContains(page, "Ask for verification")


def test_return_without_action_point_is_refused(client, hcp, trainer):
    assessment = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    client.force_login(trainer)
    response = client.post(reverse("competences:return", args=[assessment.pk]), {})
    assert response.status_code == 400
    assertContains(response, "Say what the person needs to do next.", status_code=400)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AWAITING
    assert mail.outbox == []


def test_history_records_each_step_with_who_what_from_and_to(client, hcp, trainer):
    self_assess(client, hcp, level=2)
    assessment = Assessment.objects.get(hcp=hcp)
    evidence_on(assessment)
    ask(client, hcp, assessment, trainer)
    client.force_login(trainer)
    client.post(reverse("competences:return", args=[assessment.pk]), {"action_point": "Observe"})
    assessment.refresh_from_db()
    self_assess(client, hcp, level=3, version=assessment.version)
    assessment.refresh_from_db()
    ask(client, hcp, assessment, trainer)
    client.force_login(trainer)
    client.post(reverse("competences:verify", args=[assessment.pk]), {"verified_level": 3})

    steps = [
        (e.actor, e.action, e.from_status, e.to_status, e.from_level, e.to_level)
        for e in AssessmentEvent.objects.filter(assessment=assessment)
    ]
    s = AssessmentStatus
    assert steps == [
        (hcp, AssessmentAction.SELF_ASSESSED, "", s.SELF_ASSESSED, None, 2),
        (hcp, AssessmentAction.REQUESTED, s.SELF_ASSESSED, s.AWAITING, 2, 2),
        (trainer, AssessmentAction.RETURNED, s.AWAITING, s.RETURNED, 2, 2),
        (hcp, AssessmentAction.SELF_ASSESSED, s.RETURNED, s.SELF_ASSESSED, 2, 3),
        (hcp, AssessmentAction.REQUESTED, s.SELF_ASSESSED, s.AWAITING, 3, 3),
        (trainer, AssessmentAction.VERIFIED, s.AWAITING, s.VERIFIED, 3, 3),
    ]
    returned = AssessmentEvent.objects.get(assessment=assessment, action=AssessmentAction.RETURNED)
    assert returned.note == "Observe"

    assessment.refresh_from_db()
    verified = AssessmentEvent.objects.get(assessment=assessment, action=AssessmentAction.VERIFIED)
    assert (verified.verified_level, verified.expires_on) == (3, assessment.expires_on)

    client.force_login(hcp)
    page = client.get(reverse("competences:assessment-detail", args=[assessment.pk]))
    hana, tess = escape(hcp.get_full_name()), escape(trainer.get_full_name())
    assertContains(
        page,
        f"Returned with an action point by {tess} "
        "(Waiting for verification to Returned with an action point)",
    )
    assertContains(
        page,
        f"Self-assessed by {hana} (Returned with an action point to Self-assessed), level 2 to 3",
    )
    assertContains(page, f"Verified by {tess} (Waiting for verification to Verified)")


def test_stale_version_on_self_assess_is_refused_and_keeps_the_newer_rating(client, hcp):
    self_assess(client, hcp, level=2)
    assessment = Assessment.objects.get(hcp=hcp)
    stale_version = assessment.version
    services.assessment_self_assess(
        hcp=hcp,
        competence=assessment.competence,
        level=3,
        statement="Updated in another tab.",
        expected_version=stale_version,
    )
    response = self_assess(client, hcp, level=1, statement="An older draft.", version=stale_version)
    assert response.status_code == 200
    assertContains(response, "Someone else changed this assessment while you were editing it.")
    assessment.refresh_from_db()
    assert (assessment.level, assessment.statement) == (3, "Updated in another tab.")
    assert assessment.version == stale_version + 1
    assert assessment.events.count() == 2


def test_stale_version_in_the_service_raises_and_writes_nothing(hcp):
    assessment = AssessmentFactory(hcp=hcp, level=2, version=2)
    with pytest.raises(services.StaleAssessment):
        services.assessment_self_assess(
            hcp=hcp,
            competence=assessment.competence,
            level=4,
            statement="Overwrite?",
            expected_version=1,
        )
    assessment.refresh_from_db()
    assert (assessment.level, assessment.version) == (2, 2)
    assert not assessment.events.exists()


def test_bulk_verify_from_the_queue_verifies_the_chosen_ones_only(
    client, hcp, second_hcp, trainer, django_capture_on_commit_callbacks
):
    first = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer, level=2)
    second = AssessmentFactory(
        hcp=second_hcp,
        awaiting=True,
        assessor=trainer,
        competence=national_competence("Diab HA2"),
    )
    left = AssessmentFactory(
        hcp=hcp, awaiting=True, assessor=trainer, competence=national_competence("Diab HA6")
    )
    for assessment in (first, second):
        evidence_on(assessment)
    client.force_login(trainer)
    queue_url = reverse("competences:verification-queue")
    page = client.get(queue_url)
    for assessment in (first, second, left):
        assertContains(page, reverse("competences:assessment-detail", args=[assessment.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(queue_url, {"assessments": [first.pk, second.pk]}, follow=True)
    assertRedirects(page, queue_url)
    for assessment in (first, second, left):
        assessment.refresh_from_db()
    assert (first.status, first.verified_level) == (AssessmentStatus.VERIFIED, 2)
    assert (second.status, second.verified_level) == (AssessmentStatus.VERIFIED, 3)
    assert left.status == AssessmentStatus.AWAITING
    assert sorted(m.to[0] for m in mail.outbox) == sorted([hcp.email, second_hcp.email])
    assertContains(page, "You verified 2 assessments.")
    assertContains(page, reverse("competences:assessment-detail", args=[left.pk]))
    assert reverse("competences:assessment-detail", args=[first.pk]) not in page.content.decode()


def test_bulk_verify_refuses_an_assessment_waiting_for_someone_else(client, hcp, trainer, manager):
    mine = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    theirs = AssessmentFactory(
        hcp=hcp, awaiting=True, assessor=manager, competence=national_competence("Diab HA2")
    )
    client.force_login(trainer)
    response = client.post(
        reverse("competences:verification-queue"), {"assessments": [mine.pk, theirs.pk]}
    )
    assert response.status_code == 200
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == theirs.status == AssessmentStatus.AWAITING


def test_verify_many_is_all_or_nothing(
    hcp, second_hcp, trainer, django_capture_on_commit_callbacks
):
    waiting = AssessmentFactory(hcp=hcp, awaiting=True, assessor=trainer)
    not_asked = AssessmentFactory(hcp=second_hcp)
    for assessment in (waiting, not_asked):
        evidence_on(assessment)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.assessments_verify_many(assessments=[waiting, not_asked], assessor=trainer)
    waiting.refresh_from_db()
    assert waiting.status == AssessmentStatus.AWAITING
    assert not AssessmentEvent.objects.exists()
    assert mail.outbox == []


def test_hcp_has_no_verification_queue(client, hcp):
    client.force_login(hcp)
    assert client.get(reverse("competences:verification-queue")).status_code == 404


def test_expired_verification_needs_review_and_is_not_counted_as_met(
    client, hcp, hcp_post, trainer
):
    yesterday = timezone.localdate() - timedelta(days=1)
    expired = AssessmentFactory(hcp=hcp, verified=True, assessor=trainer, expires_on=yesterday)
    in_force = AssessmentFactory(
        hcp=hcp, verified=True, assessor=trainer, competence=national_competence("Diab HA2")
    )
    assert list(Assessment.objects.verified()) == [in_force]
    assert list(Assessment.objects.expired()) == [expired]

    client.force_login(hcp)
    response = client.get(reverse("competences:mine"))
    standings = {s.competence.code: s for s in response.context["page"].required}
    assert standings["Diab HA1"].state == "expired"
    assert standings["Diab HA2"].state == "met"
    assert response.context["page"].counts.get("met") == 1
    assertContains(response, "Needs review", count=1)
    assertContains(response, "Your verification has expired: update your rating and ask again.")
    home = client.get(reverse("home"))
    assertContains(home, "1 verified.")
    assertContains(home, "1 needs review")


def test_verification_expiring_today_still_counts(client, hcp, hcp_post, trainer):
    AssessmentFactory(hcp=hcp, verified=True, assessor=trainer, expires_on=timezone.localdate())
    client.force_login(hcp)
    response = client.get(reverse("competences:mine"))
    standings = {s.competence.code: s for s in response.context["page"].required}
    assert standings["Diab HA1"].state == "met"


def test_request_with_a_stale_version_is_refused(client, hcp, trainer):
    self_assess(client, hcp, level=2)
    assessment = Assessment.objects.get(hcp=hcp)
    stale_version = assessment.version
    self_assess(client, hcp, level=3, statement="Changed in another tab.", version=stale_version)
    client.force_login(hcp)
    response = client.post(
        reverse("competences:request-verification", args=[assessment.pk]),
        {"assessor": trainer.pk, "version": stale_version},
    )
    assertContains(
        response,
        "Someone else changed this assessment while you were editing it.",
        status_code=400,
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SELF_ASSESSED
    assert mail.outbox == []


def test_expired_verification_can_be_renewed(client, hcp, hcp_post, trainer):
    assessment = AssessmentFactory(
        hcp=hcp,
        verified=True,
        assessor=trainer,
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    evidence_on(assessment)
    self_assess(client, hcp, level=3, version=assessment.version)
    assessment.refresh_from_db()
    ask(client, hcp, assessment, trainer)
    client.force_login(trainer)
    client.post(reverse("competences:verify", args=[assessment.pk]), {"verified_level": 3})
    assessment.refresh_from_db()
    assert assessment.is_in_force()
    assert assessment.expires_on > timezone.localdate()
    client.force_login(hcp)
    response = client.get(reverse("competences:mine"))
    standings = {s.competence.code: s for s in response.context["page"].required}
    assert standings["Diab HA1"].state == "met"


def test_hcp_adds_evidence_and_it_shows_with_the_history(client, hcp):
    assessment = AssessmentFactory(hcp=hcp)
    client.force_login(hcp)
    response = client.post(
        reverse("competences:add-evidence", args=[assessment.pk]),
        {"kind": "reflection", "description": "Reflection on a care planning consultation"},
        follow=True,
    )
    assertContains(response, "A reflection: Reflection on a care planning consultation")
    assertContains(response, f"Added evidence by {escape(hcp.get_full_name())}")
    assert assessment.evidence.get().added_by == hcp


def test_first_rating_saved_from_another_tab_is_not_overwritten_by_a_blank_form(client, hcp):
    first = self_assess(client, hcp, level=3, statement="Saved first.", version="")
    assert first.status_code == 302
    response = self_assess(client, hcp, level=1, statement="From an older blank form.", version="")
    assertContains(response, "Someone else changed this assessment while you were editing it.")
    assessment = Assessment.objects.get(hcp=hcp)
    assert (assessment.level, assessment.statement) == (3, "Saved first.")

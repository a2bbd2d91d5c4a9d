"""Erasing a person leaves no trace of their email or name, keeps histories and counts."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from competences.models import Assessment, Evidence, EvidenceKind, StaffPost
from feedback.models import FeedbackResponse
from portfolio.models import Reflection
from quality.models import QAAction
from tests.factories.competences import AssessmentEventFactory, AssessmentFactory, StaffPostFactory
from tests.factories.portfolio import (
    DevelopmentGoalFactory,
    GoalActionFactory,
    ReflectionFactory,
    ReflectionShareFactory,
    attended,
    observation,
    simulation,
    simulation_feedback,
    workshop,
)
from tests.factories.simulations import care_plan
from training_site.audit import audit_record
from training_site.erasure import erasure_plan, person_erase
from training_site.models import (
    AuditAction,
    AuditEvent,
    FailedEmail,
    PersonEvent,
    Role,
    SentReminder,
    User,
)
from training_site.subject_access import personal_data_of
from workshops.models import Booking, BookingEvent

OLD_EMAIL = "zeb.quenington@example.org"
EMAIL = "zebedee.q@example.org"
IDENTIFYING = (EMAIL, OLD_EMAIL, "Zebedee", "Quenington")
TEXT_TYPES = ("CharField", "TextField", "JSONField", "EmailField", "SlugField")


def mentions_in_database(words):
    """Every text column of every table holding any of the words, case ignored."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                if column_type(column) not in TEXT_TYPES:
                    continue
                for word in words:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(table)} "
                        f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                        [f"%{word.lower()}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append(f"{table}.{column.name}: {word}")
    return found


def column_type(column):
    """The Django field type of a column; an untyped SQLite column counts as text."""
    try:
        return connection.introspection.get_field_type(column.type_code, column)
    except KeyError:
        return "TextField"


@pytest.fixture
def person(practice_a, site_a, trainer, representative, manager):
    """An HCP with a record in every app, and mentions of them in others' free text."""
    hcp = User.objects.create_user(OLD_EMAIL, first_name="Zebedee", last_name="Quenington")
    hcp.memberships.create(organisation=practice_a, role=Role.HCP)
    hcp.email = EMAIL
    hcp.save()
    StaffPostFactory(user=hcp, organisation=practice_a, staff_number="ZQ-0077")
    assessment = AssessmentFactory(
        hcp=hcp, awaiting=True, assessor=trainer, statement="Zebedee agrees care plans."
    )
    AssessmentEventFactory(assessment=assessment, actor=trainer, note="Zebedee was thorough.")
    evidence = Evidence(
        assessment=assessment, kind=EvidenceKind.FILE, description="Zebedee's audit", added_by=hcp
    )
    evidence.file.save("zq.txt", ContentFile(b"Zebedee's audit"))
    ReflectionShareFactory(
        reflection=ReflectionFactory(author=hcp, title="What Zebedee learnt"), shared_with=trainer
    )
    GoalActionFactory(goal=DevelopmentGoalFactory(hcp=hcp, title="Zebedee's goal"), who="Zebedee")
    day = workshop(site_a)
    booking = attended(hcp, day)
    BookingEvent.objects.create(booking=booking, actor=manager, note="Zebedee phoned in.")
    session = simulation(hcp, day)
    session.representative = representative
    session.save()
    response = simulation_feedback(session, respondent=representative)
    response.answers.create(item=_item(response), text="Zebedee listened well.")
    plan = care_plan(session)
    plan.actions.create(what="Call Zebedee", who="Zebedee Quenington", due_on="2026-01-01")
    observed = observation(hcp, trainer)
    observed.concerns_before = "Zebedee is nervous."
    observed.save()
    QAAction.objects.create(
        observation=observed, what="Zebedee to read", who="Zebedee", due_on="2026-01-01"
    )
    audit_record(None, AuditAction.SIGN_IN, hcp, actor=hcp)
    user_login_failed.send(sender=User, credentials={"username": EMAIL.upper()})
    PersonEvent.objects.create(person=hcp, actor=manager, description="Zebedee Quenington added")
    PersonEvent.objects.create(person=manager, actor=manager, description=f"Invited {EMAIL}")
    FailedEmail.objects.create(recipient=EMAIL, subject="Zebedee", attempts=3, error="refused")
    SentReminder.objects.create(key="booking-1", recipient=EMAIL)
    TOTPDevice.objects.create(user=hcp, name="Zebedee's phone")
    AccessAttempt.objects.create(
        username=EMAIL,
        ip_address="10.0.0.1",
        user_agent="",
        get_data="",
        post_data=f"username={EMAIL}",
        http_accept="",
        path_info="/",
        failures_since_start=1,
    )
    return hcp


def _item(response):
    from feedback.models import Item

    return Item.objects.create(version=response.version, code="Q1", prompt="Listened?")


def test_the_person_is_in_the_database_before_erasure(person):
    assert set(mentions_in_database(IDENTIFYING)) >= {
        "training_site_user.email: zebedee.q@example.org",
        "training_site_auditevent.summary: zeb.quenington@example.org",
        "quality_qaaction.who: Zebedee",
    }


def test_after_erasure_no_text_column_holds_the_email_or_name(
    person, django_capture_on_commit_callbacks
):
    stored = Evidence.objects.get().file
    with django_capture_on_commit_callbacks(execute=True):
        person_erase(person=person)

    assert mentions_in_database(IDENTIFYING) == []
    assert not stored.storage.exists(stored.name)


def test_erasure_keeps_history_and_counts_against_a_pseudonym(person, trainer):
    counts = [m.objects.count() for m in (Assessment, StaffPost, Booking, FeedbackResponse)]
    events = person.assessments.get().events.count()

    person_erase(person=person)

    person.refresh_from_db()
    assert person.get_full_name().startswith("Erased person ")
    assert not person.is_active and not person.has_usable_password()
    assert [m.objects.count() for m in (Assessment, StaffPost, Booking, FeedbackResponse)] == counts
    assessment = Assessment.objects.get(hcp=person)
    assert assessment.assessor == trainer and assessment.events.count() == events
    assert QAAction.objects.get().who == person.get_full_name()
    assert not Reflection.objects.filter(author=person).exists()
    assert not TOTPDevice.objects.filter(user=person).exists()


def test_erasure_is_audited_without_saying_what_was_erased(person):
    person_erase(person=person)

    event = AuditEvent.objects.get(action=AuditAction.ERASURE)
    assert event.object_id == str(person.pk)
    assert event.summary == "Personal data erased"


def test_other_peoples_rows_are_untouched(person, second_hcp, trainer, site_a):
    AssessmentFactory(hcp=second_hcp, statement="Mine, not Zebedee's subject.")
    ReflectionFactory(author=second_hcp, title="My own")
    attended(second_hcp, workshop(site_a, title="Another day"))
    before = personal_data_of(second_hcp)
    trainer_name = trainer.get_full_name()

    person_erase(person=person)

    assert personal_data_of(second_hcp) == before
    trainer.refresh_from_db()
    assert trainer.get_full_name() == trainer_name and trainer.is_active


def test_the_dry_run_lists_the_changes_and_changes_nothing(person, capsys):
    call_command("erase_personal_data", email=EMAIL, dry_run=True)

    out = capsys.readouterr().out
    assert "portfolio.Reflection: delete 1 row" in out
    assert "competences.Assessment: keep 1 row; blank statement, action_point" in out
    assert "training_site.User: the account becomes the pseudonym" in out
    assert "nothing was changed" in out
    assert User.objects.filter(email=EMAIL).exists()
    assert Reflection.objects.filter(author=person).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.ERASURE).exists()


def test_the_command_refuses_without_yes(person):
    with pytest.raises(CommandError, match="Add --yes to erase"):
        call_command("erase_personal_data", email=EMAIL)
    assert User.objects.filter(email=EMAIL).exists()


def test_the_command_erases_with_yes(person, capsys):
    call_command("erase_personal_data", email=EMAIL.upper(), yes=True)

    assert "Erased the personal data of account" in capsys.readouterr().out
    assert not User.objects.filter(email=EMAIL).exists()
    assert erasure_plan(User.objects.get(pk=person.pk))


def test_the_command_refuses_an_unknown_email_and_changes_nothing(person):
    with pytest.raises(CommandError, match="No account has the email nobody@example.org"):
        call_command("erase_personal_data", email="nobody@example.org", yes=True)
    assert not AuditEvent.objects.filter(action=AuditAction.ERASURE).exists()

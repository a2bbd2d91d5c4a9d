"""Each retention category is purged once its period is over, and kept until then."""

from datetime import date, datetime, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from competences.retention import purge_hr_extract_uploads, purge_leavers
from feedback.models import FeedbackLink, FeedbackResponse
from feedback.retention import purge_feedback_links
from tests.factories.competences import StaffPostFactory
from tests.factories.feedback import representative_version
from tests.factories.portfolio import simulation, simulation_feedback, workshop
from tests.factories.training_site import UserFactory
from training_site.models import User
from training_site.retention import purge_expired_data, purge_lockout_records, purge_sessions

NOW = timezone.make_aware(datetime(2030, 6, 1, 9, 0))


def test_expired_sessions_go_and_live_ones_stay(db):
    Session.objects.create(session_key="old" * 10, session_data="x", expire_date=NOW - timedelta(1))
    Session.objects.create(session_key="new" * 10, session_data="x", expire_date=NOW + timedelta(1))

    assert purge_sessions(NOW) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new" * 10]


def _attempt(at, model=AccessAttempt, **fields):
    record = model.objects.create(
        username="someone@example.org",
        ip_address="10.0.0.1",
        user_agent=f"browser {at}",
        path_info="/",
        http_accept="",
        **fields,
    )
    model.objects.filter(pk=record.pk).update(attempt_time=at)
    return record


def test_lockout_records_go_after_the_cool_off(db):
    _attempt(NOW - timedelta(minutes=16), get_data="", post_data="", failures_since_start=5)
    kept = _attempt(NOW - timedelta(minutes=5), get_data="", post_data="", failures_since_start=1)
    _attempt(NOW - timedelta(days=91), AccessFailureLog, locked_out=True)
    recent_log = _attempt(NOW - timedelta(days=10), AccessFailureLog, locked_out=False)

    assert purge_lockout_records(NOW) == 2
    assert list(AccessAttempt.objects.all()) == [kept]
    assert list(AccessFailureLog.objects.all()) == [recent_log]


def test_abandoned_hr_extracts_go_after_a_day():
    old = default_storage.save("imports/abandoned.csv", ContentFile(b"name\nAda"))
    saved_at = default_storage.get_modified_time(old)

    assert purge_hr_extract_uploads(saved_at + timedelta(hours=23)) == 0
    assert default_storage.exists(old)
    assert purge_hr_extract_uploads(saved_at + timedelta(hours=25)) == 1
    assert not default_storage.exists(old)


@pytest.fixture
def links(trainer, hcp, site_a):
    """An answered link long past, an expired unused one long past, and one still open."""
    version = representative_version()
    session = simulation(hcp, workshop(site_a))

    def link(name, expires_at, used_at=None):
        return FeedbackLink.objects.create(
            session=session,
            version=version,
            token_hash=name * 16,
            expires_at=expires_at,
            used_at=used_at,
            created_by=trainer,
            created_at=expires_at - timedelta(days=7),
        )

    answered = link("a", NOW - timedelta(days=60), used_at=NOW - timedelta(days=62))
    response = simulation_feedback(session)
    response.link = answered
    response.save()
    link("b", NOW - timedelta(days=40))
    return link("c", NOW + timedelta(days=2)), response


def test_used_and_expired_feedback_links_go_and_the_feedback_stays(links):
    open_link, response = links

    assert purge_feedback_links(NOW) == 2
    assert list(FeedbackLink.objects.all()) == [open_link]
    assert FeedbackResponse.objects.get(pk=response.pk).link is None


def test_a_recently_expired_link_stays(links):
    assert purge_feedback_links(NOW - timedelta(days=35)) == 0
    assert FeedbackLink.objects.count() == 3


def test_leavers_are_erased_after_the_period_and_others_kept(hcp, practice_a):
    long_gone = UserFactory(email="long.gone@example.org")
    StaffPostFactory(
        user=long_gone, organisation=practice_a, since=date(2020, 1, 1), until=date(2023, 1, 1)
    )
    just_left = UserFactory(email="just.left@example.org")
    StaffPostFactory(
        user=just_left, organisation=practice_a, since=date(2020, 1, 1), until=date(2030, 5, 1)
    )
    StaffPostFactory(
        user=hcp, organisation=practice_a, since=date(2020, 1, 1), until=date(2023, 1, 1)
    )

    assert purge_leavers(NOW) == 1
    assert not User.objects.filter(email="long.gone@example.org").exists()
    assert User.objects.filter(email__in=["just.left@example.org", hcp.email]).count() == 2
    assert purge_leavers(NOW) == 0


def test_the_command_prints_a_count_per_category(db, capsys):
    call_command("purge_expired_data")

    out = capsys.readouterr().out
    for category in ("expired sessions", "lockout records", "abandoned HR extract uploads"):
        assert f"{category}: 0" in out
    assert "used and expired feedback links: 0" in out and "leavers' records: 0" in out


def test_purge_expired_data_runs_every_category(db):
    assert set(purge_expired_data(now=NOW)) == {
        "expired sessions",
        "lockout records",
        "prepared downloads",
        "abandoned HR extract uploads",
        "used and expired feedback links",
        "leavers' records",
    }

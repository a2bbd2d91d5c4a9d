"""Network administrators read and export the audit record; nobody else sees it."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from training_site.audit import audit_record
from training_site.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(hcp, manager):
    """A sign-in by the HCP, a staff import by the manager, a failed sign-in."""
    signed_in = audit_record(None, AuditAction.SIGN_IN, hcp, actor=hcp)
    audit_record(None, AuditAction.STAFF_IMPORT, summary="Imported 3 rows", actor=manager)
    audit_record(None, AuditAction.SIGN_IN_FAILED, summary="Username typed: =HYPERLINK(1)")
    return signed_in


def rows_of(response):
    """The table's body rows as text."""
    body = response.content.decode()
    return body.split("<tbody", 1)[1].split("</tbody>", 1)[0]


def test_the_administrator_sees_every_event(client, admin, recorded):
    client.force_login(admin)
    total = AuditEvent.objects.count()

    response = client.get(reverse("audit-list"))

    assert response.status_code == 200
    rows = rows_of(response)
    assert "Imported 3 rows" in rows and "Signed in" in rows and "Sign-in failed" in rows
    assert f"{total} events" in response.content.decode()


def test_filters_narrow_by_who_and_action(client, admin, recorded, manager):
    client.force_login(admin)

    by_who = client.get(reverse("audit-list"), {"who": manager.email})
    by_action = client.get(reverse("audit-list"), {"action": AuditAction.SIGN_IN_FAILED})

    assert "Imported 3 rows" in rows_of(by_who) and "Signed in" not in rows_of(by_who)
    assert "Sign-in failed" in rows_of(by_action) and "Imported" not in rows_of(by_action)


def test_the_date_range_filter_keeps_events_inside_it(client, admin, recorded):
    client.force_login(admin)
    today = timezone.localdate().isoformat()
    total = AuditEvent.objects.count()

    inside = client.get(reverse("audit-list"), {"since": today, "until": today})
    before = client.get(reverse("audit-list"), {"until": "2020-01-01"})

    assert f"{total} events" in inside.content.decode()
    assert "0 events" in before.content.decode()


@pytest.mark.parametrize("person", ["manager", "trainer", "hcp", "representative"])
def test_nobody_else_sees_the_record_or_its_export(client, request, person, recorded):
    client.force_login(request.getfixturevalue(person))

    assert client.get(reverse("audit-list")).status_code == 404
    assert client.get(reverse("audit-export")).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_EXPORT).exists()


def test_the_export_holds_the_filtered_rows_escaped_and_is_itself_recorded(client, admin, recorded):
    client.force_login(admin)

    response = client.get(reverse("audit-export"), {"action": AuditAction.SIGN_IN_FAILED})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("When,Who,Email,Action")
    assert len(lines) == 2
    assert "Sign-in failed" in lines[1] and "Username typed: =HYPERLINK(1)" in lines[1]
    export = AuditEvent.objects.get(action=AuditAction.AUDIT_EXPORT)
    assert export.actor == admin and "action=sign_in_failed" in export.summary


def test_a_formula_in_a_summary_stays_text(client, admin):
    AuditEvent.objects.create(action=AuditAction.SIGN_IN_FAILED, summary="=cmd|' /C calc'!A0")
    client.force_login(admin)

    response = client.get(reverse("audit-export"), {"action": AuditAction.SIGN_IN_FAILED})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=cmd" in text


def test_the_administrator_has_a_link_in_the_navigation(client, admin, manager):
    client.force_login(admin)
    assert reverse("audit-list") in client.get(reverse("home")).content.decode()
    client.force_login(manager)
    assert reverse("audit-list") not in client.get(reverse("home")).content.decode()


def test_an_old_event_falls_outside_a_later_range(client, admin):
    AuditEvent.objects.create(
        action=AuditAction.ROTA_CHANGED,
        summary="Moved a session",
        at=timezone.make_aware(datetime(2025, 3, 1, 10, 0)),
    )
    client.force_login(admin)

    response = client.get(reverse("audit-list"), {"since": "2025-04-01"})

    assert "Moved a session" not in response.content.decode()


def test_the_page_costs_the_same_queries_however_many_events(client, admin, hcp):
    client.force_login(admin)

    def queries_for(count):
        for _ in range(count):
            audit_record(None, AuditAction.SIGN_IN, hcp, actor=hcp)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("audit-list"))
        return len(captured)

    queries_for(0)
    assert queries_for(3) == queries_for(60) <= 10

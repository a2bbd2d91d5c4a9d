"""A workshop's own history: who scheduled, changed or cancelled it, when, and what changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from tests.factories.training_site import person_with_role
from training_site.models import Role
from workshops import services
from workshops.models import WorkshopAction, WorkshopEvent

pytestmark = pytest.mark.django_db


def _schedule(ws_programme, ws_modules, site_a, trainer):
    """Schedule a workshop through the service."""
    starts = timezone.now().replace(microsecond=0) + timedelta(days=20)
    return services.workshop_create(
        actor=trainer,
        title="Care planning day",
        programme=ws_programme,
        site=site_a,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        venue="Training room 1",
        capacity=12,
        modules=ws_modules[:1],
    )


def test_scheduling_and_changing_a_workshop_are_recorded(ws_programme, ws_modules, site_a, trainer):
    scheduled = _schedule(ws_programme, ws_modules, site_a, trainer)
    (created,) = WorkshopEvent.objects.filter(workshop=scheduled)
    assert (created.action, created.actor) == (WorkshopAction.CREATED, trainer)
    assert "Title: Care planning day" in created.change_lines
    assert "Modules: The care planning model" in created.change_lines

    services.workshop_update(
        workshop=scheduled,
        actor=trainer,
        modules=ws_modules,
        trainers=[trainer],
        venue="Room 2",
        capacity=12,
    )
    services.workshop_update(
        workshop=scheduled, actor=trainer, modules=ws_modules, trainers=[trainer], capacity=12
    )
    created, changed = WorkshopEvent.objects.filter(workshop=scheduled)
    assert changed.action == WorkshopAction.CHANGED
    assert changed.change_lines == [
        "Venue: Training room 1 to Room 2",
        "Modules: The care planning model to Goal setting, The care planning model",
    ]
    services.workshop_cancel(workshop=scheduled, actor=trainer)
    assert WorkshopEvent.objects.filter(workshop=scheduled).last().action == "cancelled"


def test_the_history_is_never_rewritten(ws_programme, ws_modules, site_a, trainer):
    scheduled = _schedule(ws_programme, ws_modules, site_a, trainer)
    event = scheduled.events.get()
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        scheduled.events.all().delete()


def test_trainers_and_site_managers_see_the_history_and_nobody_else(
    client, ws_programme, ws_modules, site_a, trainer, manager, hcp, other_manager
):
    scheduled = _schedule(ws_programme, ws_modules, site_a, trainer)
    services.workshop_update(
        workshop=scheduled, actor=trainer, modules=ws_modules[:1], trainers=[trainer], capacity=8
    )
    url = reverse("workshops:detail", args=[scheduled.pk])
    for person in (trainer, manager):
        client.force_login(person)
        page = client.get(url)
        assertContains(page, "<h2>History</h2>", html=False)
        assertContains(page, f"Scheduled</strong> by {trainer.get_full_name()}")
        assertContains(page, "Capacity: 12 to 8")
    other_trainer = person_with_role(Role.TRAINER, site_a, email="t2@example.org")
    for person in (hcp, other_manager, other_trainer):
        client.force_login(person)
        assert client.get(url).status_code == 404

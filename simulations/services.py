"""Every write to the simulation rota and to care plans goes through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from simulations.models import CarePlan, SimulationSession
from training_site.audit import audit_record
from training_site.models import AuditAction, Role
from workshops.models import BookingStatus

ON_THE_DAY = (BookingStatus.BOOKED, BookingStatus.ATTENDED)


def _check_session(session, observers):
    """Refuse a session the workshop cannot run: who is not booked, who is busy, a draft."""
    errors = {}
    workshop = session.workshop
    booked = set(workshop.bookings.filter(status__in=ON_THE_DAY).values_list("hcp_id", flat=True))
    trainers = set(workshop.trainers.values_list("pk", flat=True))
    if session.hcp_id and session.hcp_id not in booked:
        errors["hcp"] = f"{session.hcp} is not booked on this workshop."
    if session.scenario_id and not session.scenario.published:
        errors["scenario"] = f"“{session.scenario}” is a draft. Choose a scenario ready to use."
    if (
        session.representative_id
        and not session.representative.memberships.filter(
            role=Role.REPRESENTATIVE, organisation__path__startswith=workshop.site.path
        ).exists()
    ):
        errors["representative"] = (
            f"{session.representative} is not a user representative at {workshop.site}."
        )
    if not session.representative_id and not session.representative_name.strip():
        errors["representative_name"] = (
            "Choose a representative with an account, or give the representative's first name."
        )
    strangers = [o for o in observers if o.pk not in booked | trainers]
    if strangers:
        names = ", ".join(str(o) for o in strangers)
        errors["observers"] = f"Observers must be at this workshop: {names} is not."
    if session.hcp_id in {o.pk for o in observers}:
        errors["observers"] = "The HCP playing the consultation cannot also observe it."
    if session.starts_at is None:
        errors["starts_at"] = "Enter the time the consultation starts."
    elif not workshop.starts_at <= session.starts_at < workshop.ends_at:
        errors["starts_at"] = (
            f"Choose a time during the workshop: {timezone.localtime(workshop.starts_at):%d %b %Y}"
            f", {timezone.localtime(workshop.starts_at):%H:%M} to "
            f"{timezone.localtime(workshop.ends_at):%H:%M}."
        )
    else:
        errors.update(_clashes(session, observers))
    if errors:
        raise ValidationError(errors)


def _clashes(session, observers):
    """Say who is already busy in another session of the same slot."""
    same_slot = (
        SimulationSession.objects.filter(workshop=session.workshop, starts_at=session.starts_at)
        .exclude(pk=session.pk)
        .prefetch_related("observers")
        .select_related("hcp")
    )
    errors = {}
    busy_hcps = {}
    busy_representatives = set()
    for other in same_slot:
        busy_hcps[other.hcp_id] = "plays another consultation"
        for observer in other.observers.all():
            busy_hcps.setdefault(observer.pk, "observes another consultation")
        if other.representative_id:
            busy_representatives.add(other.representative_id)
    slot = f"{timezone.localtime(session.starts_at):%H:%M}"
    if session.hcp_id in busy_hcps:
        errors["hcp"] = f"{session.hcp} already {busy_hcps[session.hcp_id]} at {slot}."
    busy_observers = [str(o) for o in observers if o.pk in busy_hcps]
    if busy_observers:
        errors["observers"] = f"Already busy at {slot}: {', '.join(busy_observers)}."
    if session.representative_id in busy_representatives:
        errors["representative"] = (
            f"{session.representative} already plays another consultation at {slot}."
        )
    return errors


@transaction.atomic
def session_create(
    *,
    workshop,
    scenario,
    hcp,
    starts_at,
    representative=None,
    representative_name="",
    observers=(),
    room="",
    actor=None,
):
    """Add a simulated consultation to a workshop's rota."""
    session = SimulationSession(
        workshop=workshop,
        scenario=scenario,
        hcp=hcp,
        starts_at=starts_at,
        representative=representative,
        representative_name=representative_name.strip(),
        room=room.strip(),
    )
    observers = list(observers)
    _check_session(session, observers)
    session.full_clean()
    session.save()
    session.observers.set(observers)
    audit_record(None, AuditAction.ROTA_CHANGED, session, _rota("Added", session), actor=actor)
    return session


@transaction.atomic
def session_update(*, session, actor=None, **changes):
    """Change a session in the rota: who plays, who watches, which scenario, when."""
    session = SimulationSession.objects.select_for_update().get(pk=session.pk)
    observers = list(changes.pop("observers", session.observers.all()))
    for field, value in changes.items():
        setattr(session, field, value.strip() if isinstance(value, str) else value)
    _check_session(session, observers)
    session.full_clean()
    session.save()
    session.observers.set(observers)
    audit_record(None, AuditAction.ROTA_CHANGED, session, _rota("Changed", session), actor=actor)
    return session


@transaction.atomic
def session_delete(*, session, actor=None):
    """Take a session off the rota, with any care plan; refuse one with feedback recorded."""
    audit_record(None, AuditAction.ROTA_CHANGED, session, _rota("Removed", session), actor=actor)
    try:
        SimulationSession.objects.filter(pk=session.pk).delete()
    except ProtectedError as error:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
        raise ValidationError(
            f"This consultation stays on the rota because {' and '.join(kinds)} are recorded "
            "for it. Change its time or people instead."
        ) from None


def _rota(verb, session):
    return f"{verb} session at {session.starts_at:%Y-%m-%d %H:%M} in workshop {session.workshop_id}"


@transaction.atomic
def care_plan_save(*, session, fields, actions_formset, expected_version):
    """Record the care plan an HCP agreed, refusing to overwrite a newer save."""
    care_plan, _ = CarePlan.objects.select_for_update().get_or_create(session=session)
    if care_plan.version != expected_version:
        raise ValidationError(
            "This care plan was saved elsewhere since you opened it, so your changes were not "
            "saved. Open it again to see the latest version, then add your changes."
        )
    for field, value in fields.items():
        setattr(care_plan, field, value)
    care_plan.version += 1
    care_plan.full_clean()
    care_plan.save()
    actions_formset.instance = care_plan
    for order, form in enumerate(actions_formset.forms):
        if form.has_changed() and not form.cleaned_data.get("DELETE"):
            form.instance.sort_order = order
    actions_formset.save()
    return care_plan

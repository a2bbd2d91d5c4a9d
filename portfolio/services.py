"""Writes to the portfolio: reflections, their sharing, and development goals with their actions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import dateformat, timezone

from competences.models import EvidenceKind
from competences.queries import assessors_for
from competences.services import evidence_record
from portfolio.models import (
    Reflection,
    ReflectionShare,
    ReflectionStatus,
)
from portfolio.structures import sections_of
from training_site.emails import email_send
from training_site.patient_identifiers import identifying_details

CONTEXT_FIELDS = ("workshop", "session", "feedback", "observation")


def reflection_evidence_description(day):
    """Describe a reflection as evidence by reference: its title and text stay private to it."""
    return f"Reflective account, {dateformat.format(day, 'j F Y')}"


@transaction.atomic
def reflection_save(
    *,
    author,
    reflection=None,
    structure,
    title,
    sections,
    competences=(),
    status=ReflectionStatus.DRAFT,
    identifiers_checked=False,
    consultation="",
    **context,
):
    """Create or update a reflection; a complete one becomes evidence of its competences."""
    if reflection is not None and reflection.author_id != author.pk:
        raise ValidationError("You can only change your own reflections.")
    reflection = reflection or Reflection(author=author, structure=structure)
    names = [section.name for section in sections_of(reflection.structure)]
    reflection.title = (title or "").strip() or "Untitled reflection"
    reflection.sections = {name: (sections.get(name) or "").strip() for name in names}
    reflection.consultation = (consultation or "").strip()
    reflection.status = status
    reflection.identifiers_checked = identifiers_checked
    for name in CONTEXT_FIELDS:
        setattr(reflection, name, context.get(name))
    if identifying_details(reflection.all_text()) and not identifiers_checked:
        raise ValidationError(
            {
                "identifiers_checked": "The text looks as if it could identify a patient. "
                "Remove it, or confirm that no one can be identified."
            }
        )
    if status == ReflectionStatus.COMPLETE and not any(reflection.sections.values()):
        raise ValidationError("Write at least one section before marking it complete.")
    reflection.full_clean()
    reflection.save()
    reflection.competences.set(competences)
    if status == ReflectionStatus.COMPLETE:
        description = reflection_evidence_description(timezone.localdate())
        for competence in competences:
            evidence_record(
                hcp=author,
                competence=competence,
                kind=EvidenceKind.REFLECTION,
                description=description,
                source=reflection,
                actor=author,
            )
    return reflection


@transaction.atomic
def reflection_share(*, reflection, person, actor):
    """Share a reflection with a named assessor, trainer or manager of its author."""
    if reflection.author_id != actor.pk:
        raise ValidationError("Only the author can share a reflection.")
    if not assessors_for(reflection.author).filter(pk=person.pk).exists():
        raise ValidationError(
            {"person": "You can share only with a trainer or manager in your organisations."}
        )
    if reflection.shares.active().filter(shared_with=person).exists():
        raise ValidationError({"person": f"It is already shared with {person.get_full_name()}."})
    share = ReflectionShare(reflection=reflection, shared_with=person, shared_at=timezone.now())
    share.full_clean(validate_constraints=False)
    share.save()
    transaction.on_commit(lambda: _email_shared(share), robust=True)
    return share


def _email_shared(share):
    """Tell the person a reflection is shared with; the email holds none of its words."""
    author = share.reflection.author.get_full_name()
    email_send(
        to=share.shared_with.email,
        subject=f"{author} has shared a reflection with you",
        template="portfolio/emails/reflection_shared",
        context={
            "share": share,
            "author": author,
            "path": reverse("portfolio:reflection", args=[share.reflection_id]),
        },
    )


@transaction.atomic
def reflection_share_withdraw(*, share, actor):
    """Withdraw a share at once: the person no longer sees the reflection."""
    share = ReflectionShare.objects.select_for_update().get(pk=share.pk)
    if share.reflection.author_id != actor.pk:
        raise ValidationError("Only the author can withdraw sharing.")
    if share.withdrawn_at is None:
        share.withdrawn_at = timezone.now()
        share.save(update_fields=["withdrawn_at"])
    return share


@transaction.atomic
def reflection_delete(*, reflection, actor):
    """Delete one of my reflections, with its shares."""
    if reflection.author_id != actor.pk:
        raise ValidationError("You can only delete your own reflections.")
    reflection.delete()


@transaction.atomic
def goal_save(*, hcp, form, actions):
    """Save a goal and its actions together from a goal form and its action plan formset."""
    goal = form.save(commit=False)
    if goal.pk and goal.hcp_id != hcp.pk:
        raise ValidationError("You can only change your own goals.")
    goal.hcp = hcp
    goal.full_clean()
    goal.save()
    actions.instance = goal
    actions.save()
    return goal


@transaction.atomic
def goal_review(*, goal, actor, status, outcome, reviewed_on):
    """Record how a goal came out at review."""
    if goal.hcp_id != actor.pk:
        raise ValidationError("You can only review your own goals.")
    if not outcome.strip():
        raise ValidationError({"outcome": "Say what came of the goal."})
    goal.status = status
    goal.outcome = outcome.strip()
    goal.reviewed_on = reviewed_on
    goal.full_clean()
    goal.save()
    return goal

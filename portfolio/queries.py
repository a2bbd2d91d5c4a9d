"""Reads for the portfolio: what a reflection may link to, the plan, the timeline and the export."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from competences.models import (
    Assessment,
    AssessmentAction,
    AssessmentEvent,
    Competence,
    PostRequirement,
    StaffPost,
)
from competences.queries import assessors_for
from feedback.models import FeedbackResponse
from portfolio.models import DevelopmentGoal, GoalAction, Reflection, ReflectionShare
from quality.models import QAObservation
from simulations.models import SimulationSession
from workshops.models import Booking, BookingStatus, Workshop


def workshops_of(user):
    """Return the workshops the person booked or attended, for a reflection to link to."""
    booked = Booking.objects.filter(
        hcp=user, status__in=[BookingStatus.BOOKED, BookingStatus.ATTENDED]
    ).values("workshop_id")
    return Workshop.objects.filter(pk__in=booked).order_by("-starts_at")


def sessions_of(user):
    """Return the simulated consultations the person played."""
    return (
        SimulationSession.objects.filter(hcp=user)
        .select_related("scenario", "workshop")
        .order_by("-starts_at", "-pk")
    )


def feedback_about(user):
    """Return the feedback responses about the person."""
    return (
        FeedbackResponse.objects.filter(subject=user)
        .select_related("version__instrument", "session__scenario", "workshop")
        .order_by("-submitted_at", "-pk")
    )


def observations_of(user):
    """Return the QA observations of the person's consultations."""
    return QAObservation.objects.filter(observed=user).order_by("-observed_on", "-pk")


def competences_for(user, also=()):
    """Return the competences a person's posts need or it has rated, with any already chosen."""
    needed = PostRequirement.objects.filter(
        profile__in=StaffPost.objects.current().filter(user=user).values("profile")
    ).values("competence")
    rated = Assessment.objects.filter(hcp=user).values("competence")
    chosen = Competence.objects.filter(pk__in=needed) | Competence.objects.filter(pk__in=rated)
    chosen = chosen | Competence.objects.filter(pk__in=[c.pk for c in also])
    if not chosen.exists():
        chosen = Competence.objects.all()
    return chosen.select_related("framework").order_by("code").distinct()


def people_to_share_with(reflection):
    """Return the assessors, trainers and managers the author may share a reflection with."""
    active = ReflectionShare.objects.active().filter(reflection=reflection).values("shared_with")
    return assessors_for(reflection.author).exclude(pk__in=active).order_by("first_name", "email")


def get_reflection_or_404(user, pk):
    """Return a reflection the user may read (its author or someone it is shared with), else 404."""
    try:
        return (
            Reflection.objects.visible_to(user)
            .select_related(
                "author",
                "workshop",
                "session__scenario",
                "feedback__version__instrument",
                "observation",
            )
            .prefetch_related("competences")
            .get(pk=pk)
        )
    except (Reflection.DoesNotExist, ValueError, TypeError):
        raise Http404("No such reflection.") from None


def get_own_reflection_or_404(user, pk):
    """Return one of the user's own reflections, else 404."""
    reflection = get_reflection_or_404(user, pk)
    if reflection.author_id != user.pk:
        raise Http404("No such reflection.")
    return reflection


def my_reflections(user):
    """Return the person's reflections, newest first, with who each is shared with."""
    return (
        Reflection.objects.filter(author=user)
        .prefetch_related(
            "competences",
            Prefetch(
                "shares",
                queryset=ReflectionShare.objects.active().select_related("shared_with"),
                to_attr="active_shares",
            ),
        )
        .order_by("-updated_at", "-pk")
    )


def reflections_shared_with(user):
    """Return reflections actively shared with the person, newest first."""
    return (
        Reflection.objects.shared_with(user)
        .select_related("author")
        .prefetch_related("competences")
        .order_by("-updated_at", "-pk")
    )


def my_goals(user):
    """Return the person's development goals with their competence and actions."""
    return (
        DevelopmentGoal.objects.filter(hcp=user)
        .select_related("competence")
        .prefetch_related(
            Prefetch("actions", queryset=GoalAction.objects.order_by("sort_order", "due_on", "pk"))
        )
        .order_by("status", "review_on", "pk")
    )


def get_own_goal_or_404(user, pk):
    """Return one of the person's own goals, else 404."""
    try:
        return my_goals(user).get(pk=pk)
    except (DevelopmentGoal.DoesNotExist, ValueError, TypeError):
        raise Http404("No such goal.") from None


def goals_by_competence(user, competence_ids):
    """Return the person's goals for the given competences, keyed by competence id."""
    grouped = {}
    goals = DevelopmentGoal.objects.filter(hcp=user, competence_id__in=list(competence_ids))
    for goal in goals.order_by("review_on", "pk"):
        grouped.setdefault(goal.competence_id, []).append(goal)
    return grouped


TIMELINE_KINDS = {
    "workshop": "Workshops",
    "feedback": "Feedback received",
    "reflection": "Reflections",
    "assessment": "Assessments",
    "goal": "Development goals",
}


@dataclass(frozen=True)
class TimelineEntry:
    """One thing in the timeline of a person's learning."""

    kind: str
    when: datetime
    title: str
    detail: str
    url: str
    competence_ids: frozenset = frozenset()

    @property
    def kind_label(self):
        """Return the name of the entry's kind."""
        return TIMELINE_KINDS[self.kind]


def _moment(day):
    """Return the start of a day as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _in_range(queryset, field, start, end):
    """Keep rows whose field falls between two optional days, inclusive."""
    if start:
        queryset = queryset.filter(**{f"{field}__gte": _moment(start)})
    if end:
        queryset = queryset.filter(**{f"{field}__lt": _moment(end) + timedelta(days=1)})
    return queryset


def _workshop_entries(user, start, end):
    """Workshops the person booked, attended or was invited to."""
    bookings = Booking.objects.filter(hcp=user).select_related("workshop")
    for booking in _in_range(bookings, "workshop__starts_at", start, end):
        yield TimelineEntry(
            "workshop",
            booking.workshop.starts_at,
            booking.workshop.title,
            booking.get_status_display(),
            reverse("workshops:booking", args=[booking.workshop_id]),
        )


def _feedback_entries(user, start, end):
    """Feedback received about the person."""
    responses = feedback_about(user)
    for response in _in_range(responses, "submitted_at", start, end):
        about = response.session.scenario.title if response.session_id else ""
        about = about or (response.workshop.title if response.workshop_id else "")
        yield TimelineEntry(
            "feedback",
            response.submitted_at,
            str(response.version.instrument),
            f"About {about}" if about else "",
            reverse("feedback:response-detail", args=[response.pk]),
        )


def _reflection_entries(user, start, end):
    """The person's reflections, by when they were last changed."""
    reflections = Reflection.objects.filter(author=user).prefetch_related("competences")
    for reflection in _in_range(reflections, "updated_at", start, end):
        yield TimelineEntry(
            "reflection",
            reflection.updated_at,
            reflection.title,
            f"{reflection.get_structure_display()}, {reflection.get_status_display().lower()}",
            reverse("portfolio:reflection", args=[reflection.pk]),
            frozenset(c.pk for c in reflection.competences.all()),
        )


def _assessment_entries(user, start, end):
    """Each step of the person's assessments; evidence shows as the workshop or feedback it is."""
    events = (
        AssessmentEvent.objects.filter(assessment__hcp=user)
        .exclude(action=AssessmentAction.EVIDENCE_ADDED)
        .select_related("assessment__competence")
    )
    for event in _in_range(events, "at", start, end):
        competence = event.assessment.competence
        yield TimelineEntry(
            "assessment",
            event.at,
            f"{competence.code} {competence.title}",
            event.get_action_display(),
            reverse("competences:assessment-detail", args=[event.assessment_id]),
            frozenset([competence.pk]),
        )


def _goal_entries(user, start, end):
    """Development goals set, and reviewed."""
    goals = DevelopmentGoal.objects.filter(hcp=user).select_related("competence")
    for goal in goals:
        url = reverse("portfolio:goal", args=[goal.pk])
        ids = frozenset([goal.competence_id]) if goal.competence_id else frozenset()
        yield TimelineEntry("goal", goal.created_at, goal.title, "Goal set", url, ids)
        if goal.reviewed_on:
            yield TimelineEntry(
                "goal",
                _moment(goal.reviewed_on),
                goal.title,
                f"Reviewed: {goal.get_status_display().lower()}",
                url,
                ids,
            )


TIMELINE_SOURCES = {
    "workshop": _workshop_entries,
    "feedback": _feedback_entries,
    "reflection": _reflection_entries,
    "assessment": _assessment_entries,
    "goal": _goal_entries,
}


def timeline(user, *, kinds=None, start=None, end=None, competence=None):
    """Return the person's learning, newest first, in one query per kind whatever the history."""
    entries = []
    for kind in kinds or TIMELINE_SOURCES:
        for entry in TIMELINE_SOURCES[kind](user, start, end):
            if start and entry.when < _moment(start):
                continue
            if end and entry.when >= _moment(end) + timedelta(days=1):
                continue
            if competence is not None and competence.pk not in entry.competence_ids:
                continue
            entries.append(entry)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def assessment_events_of(user):
    """Return the steps of the person's assessments, newest first, for an export."""
    return (
        AssessmentEvent.objects.filter(assessment__hcp=user)
        .select_related("assessment__competence", "actor")
        .order_by("-at", "-pk")
    )


def goals_due_for_review(user, today=None, within_days=14):
    """Return the person's active goals due for review within two weeks, or overdue."""
    today = today or timezone.localdate()
    return DevelopmentGoal.objects.filter(hcp=user).review_due_by(
        today + timedelta(days=within_days)
    )

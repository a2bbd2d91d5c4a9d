"""Reads for competence pages: who may assess whom, where a person stands, what waits."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from competences import gaps
from competences.models import (
    Assessment,
    AssessmentStatus,
    Competence,
    PostRequirement,
    Proficiency,
    StaffPost,
)
from training_site.models import Membership, User
from training_site.scoping import ASSESSOR_ROLES, organisations_above, people_visible_to


def assessors_for(hcp):
    """Return the trainers and managers in the person's organisations or above them."""
    holds_assessor_role = Membership.objects.filter(
        user=OuterRef("pk"), role__in=ASSESSOR_ROLES, organisation__in=organisations_above(hcp)
    )
    return User.objects.filter(Exists(holds_assessor_role), is_active=True).exclude(pk=hcp.pk)


def assessments_visible_to(user):
    """Return assessments of the person itself, of people it manages, or that it must verify."""
    if not user.is_authenticated:
        return Assessment.objects.none()
    return Assessment.objects.filter(
        Q(hcp=user) | Q(assessor=user) | Q(hcp__in=people_visible_to(user))
    )


def get_assessment_or_404(user, pk):
    """Return an assessment the user may see, or answer 404."""
    try:
        return (
            assessments_visible_to(user)
            .select_related(
                "hcp", "assessor", "competence__framework", "competence__ksf_level__dimension"
            )
            .get(pk=pk)
        )
    except Assessment.DoesNotExist:
        raise Http404("No such assessment.") from None


def assessment_history(assessment):
    """Return the assessment's steps, oldest first, with who took them."""
    return assessment.events.select_related("actor")


def verification_queue(assessor):
    """Return what waits for this assessor, oldest request first, with its evidence."""
    return (
        Assessment.objects.awaiting(assessor)
        .select_related("hcp", "competence")
        .prefetch_related("evidence")
        .order_by("updated_at")
    )


NEED_STATES = {"met": gaps.MET, "waiting": gaps.SELF_ASSESSED, "self_assessed": gaps.SELF_ASSESSED}
"""How a person's own standing reads in the gap profile; any other standing is a gap."""


@dataclass(frozen=True)
class Standing:
    """Where a person stands on one competence, and what to do next."""

    competence: Competence
    required_level: int | None
    stage: str
    assessment: Assessment | None
    state: str
    label: str
    colour: str
    next_step: str

    @property
    def need_state(self):
        """Return the state the gap profile counts this standing in: met, self-assessed or gap."""
        return NEED_STATES.get(self.state, gaps.GAP)

    @property
    def required_label(self):
        """Return the required level's short name."""
        return Proficiency(self.required_level).short_label if self.required_level else ""


def _standing(competence, required_level, stage, assessment, today):
    """Work out the state of one competence for one person."""
    if assessment is None:
        return Standing(
            competence,
            required_level,
            stage,
            None,
            "not_started",
            "Not started",
            "grey",
            "Rate yourself against this competence.",
        )
    status = assessment.status
    if status == AssessmentStatus.VERIFIED:
        if assessment.needs_review(today):
            return Standing(
                competence,
                required_level,
                stage,
                assessment,
                "expired",
                "Needs review",
                "orange",
                "Your verification has expired: update your rating and ask again.",
            )
        if required_level and (assessment.verified_level or 0) < required_level:
            return Standing(
                competence,
                required_level,
                stage,
                assessment,
                "below",
                "Below the level needed",
                "orange",
                "Build your practice towards the level your post needs.",
            )
        return Standing(
            competence,
            required_level,
            stage,
            assessment,
            "met",
            "Verified",
            "green",
            f"Review by {assessment.expires_on:%d %B %Y}."
            if assessment.expires_on
            else "Nothing to do.",
        )
    if status == AssessmentStatus.AWAITING:
        return Standing(
            competence,
            required_level,
            stage,
            assessment,
            "waiting",
            "Waiting for verification",
            "blue",
            f"{assessment.assessor.get_full_name()} has been asked to verify it.",
        )
    if status == AssessmentStatus.RETURNED:
        return Standing(
            competence,
            required_level,
            stage,
            assessment,
            "returned",
            "Returned",
            "red",
            f"Action point: {assessment.action_point}",
        )
    return Standing(
        competence,
        required_level,
        stage,
        assessment,
        "self_assessed",
        "Self-assessed",
        "yellow",
        "Add evidence and ask a trainer or manager to verify it.",
    )


@dataclass(frozen=True)
class DimensionStanding:
    """Where a person stands on one KSF dimension, through the competences that evidence it."""

    dimension: object
    standings: list

    @property
    def needed_level(self):
        """Return the highest KSF level the needed competences evidence."""
        return max(s.competence.ksf_level.level for s in self.standings)

    @property
    def evidenced_level(self):
        """Return the highest KSF level evidenced by competences that are met, or None."""
        met = [s.competence.ksf_level.level for s in self.standings if s.state == "met"]
        return max(met, default=None)

    @property
    def met(self):
        """Say whether every needed competence in this dimension is met."""
        return all(s.state == "met" for s in self.standings)


@dataclass(frozen=True)
class CompetencePage:
    """A person's posts, what they need, and where the person stands."""

    posts: list
    required: list
    other: list

    @property
    def dimensions(self):
        """Return the KSF view: per dimension, the level needed and the level evidenced."""
        grouped = {}
        for standing in self.required:
            ksf = standing.competence.ksf_level
            if ksf is not None:
                grouped.setdefault(ksf.dimension, []).append(standing)
        return [
            DimensionStanding(dimension, standings)
            for dimension, standings in sorted(grouped.items(), key=lambda item: item[0].code)
        ]

    @property
    def counts(self):
        """Return how many required competences are in each state."""
        tally = {}
        for standing in self.required:
            tally[standing.state] = tally.get(standing.state, 0) + 1
        return tally


def competence_page(person, today=None):
    """Build a person's competence page in three queries, whatever its history."""
    today = today or timezone.localdate()
    posts = list(
        StaffPost.objects.current(today)
        .filter(user=person)
        .select_related("profile", "organisation")
    )
    stage_by_profile = {
        post.profile_id: "foundation" if post.in_foundation_year(today) else "full"
        for post in posts
    }
    requirements = (
        PostRequirement.objects.filter(profile_id__in=stage_by_profile)
        .select_related("competence__framework", "competence__ksf_level__dimension")
        .order_by("competence__code")
    )
    needed = {}
    for requirement in requirements:
        stage = stage_by_profile[requirement.profile_id]
        level = requirement.foundation_level if stage == "foundation" else requirement.full_level
        if level is None:
            continue
        current = needed.get(requirement.competence_id)
        if current is None or level > current[1]:
            needed[requirement.competence_id] = (requirement.competence, level, stage)
    assessments = {
        a.competence_id: a
        for a in Assessment.objects.filter(hcp=person).select_related(
            "assessor", "competence__framework", "competence__ksf_level__dimension"
        )
    }
    required = [
        _standing(competence, level, stage, assessments.get(competence.pk), today)
        for competence, level, stage in needed.values()
    ]
    other = [
        _standing(a.competence, None, "", a, today)
        for competence_id, a in assessments.items()
        if competence_id not in needed
    ]
    return CompetencePage(posts=posts, required=required, other=other)

"""Demo post profiles, staff posts and assessments for the demo network; safe to run again.

Assessments are written with back-dated history so that the demo shows verifications that
have lapsed and progress over time, which the workflow's services cannot back-date.
"""

import random
from datetime import timedelta

from django.apps import apps as django_apps
from django.db import transaction
from django.utils import timezone

from competences.models import (
    Assessment,
    AssessmentAction,
    AssessmentEvent,
    AssessmentStatus,
    Competence,
    Evidence,
    EvidenceKind,
    PostProfile,
    PostRequirement,
    StaffPost,
)
from competences.reference import load_reference_data
from training_site.models import Membership, OrganisationKind, Profession, Role, User

# post name: [(competence code, foundation level, full level)], after Section 5 of the report:
# qualified staff assess needs and agree, monitor and review care plans; unqualified staff
# support people to sustain them; ward, paediatric and long-term-conditions staff have their own.
POST_PROFILES = {
    "Practice nurse": [("Diab HA1", 2, 3), ("Diab HA6", 2, 3), ("Diab HA2", 2, 3)],
    "Healthcare assistant": [("Diab HA2", 1, 2)],
    "General practitioner": [("Diab HA1", 2, 3), ("Diab HA6", 2, 3), ("Diab HA2", 2, 3)],
    "Diabetes specialist nurse": [
        ("Diab HA1", 3, 4),
        ("Diab HA6", 3, 4),
        ("Diab HA2", 3, 3),
        ("Diab HD7", 2, 3),
        ("Diab HD8", 2, 3),
    ],
    "Ward nurse": [("Diab HD7", 2, 3), ("Diab HD8", 2, 3)],
    "Paediatric diabetes nurse": [("CS4", 2, 3), ("CS6", 2, 3), ("Diab HA1", 2, 3)],
    "Community matron": [("CM B1", 2, 3), ("Diab HA1", 2, 3), ("Diab HA6", 2, 3)],
    "Dietitian": [("Diab HA6", 2, 3), ("Diab HA2", 2, 3)],
    "Pharmacist": [("Diab HA6", 2, 3), ("Diab HA2", 1, 2)],
}
POST_BY_PROFESSION = {
    Profession.NURSE: "Practice nurse",
    Profession.HEALTHCARE_ASSISTANT: "Healthcare assistant",
    Profession.DOCTOR: "General practitioner",
    Profession.DIETITIAN: "Dietitian",
    Profession.PHARMACIST: "Pharmacist",
}
POST_BY_TEAM = {
    "Diabetes specialist team": "Diabetes specialist nurse",
    "Acute diabetes ward team": "Ward nurse",
}


@transaction.atomic
def build_demo_competences(stdout=None):
    """Create post profiles, give demo HCPs posts and a spread of assessments."""
    load_reference_data(django_apps)
    competences = {c.code: c for c in Competence.objects.all()}
    profiles = _ensure_profiles(competences)
    rng = random.Random(2006)  # noqa: S311
    today = timezone.localdate()
    hcp_memberships = (
        Membership.objects.filter(role=Role.HCP)
        .select_related("user", "organisation")
        .order_by("user__email")
    )
    for number, membership in enumerate(hcp_memberships):
        profile = _post_for(membership, number, profiles)
        if profile is None:
            continue
        since = today - timedelta(days=rng.randint(60, 6 * 365))
        if membership.user.email == "hcp@example.org":
            since = today - timedelta(days=240)
        post, _ = StaffPost.objects.get_or_create(
            user=membership.user,
            profile=profile,
            organisation=membership.organisation,
            until=None,
            defaults={"since": since},
        )
        if not Assessment.objects.filter(hcp=membership.user).exists():
            _assess(membership, profile, rng, today)


def _ensure_profiles(competences):
    """Create the national post profiles and their requirements."""
    profiles = {}
    for name, rows in POST_PROFILES.items():
        profile, _ = PostProfile.objects.get_or_create(name=name, organisation=None)
        for code, foundation, full in rows:
            PostRequirement.objects.get_or_create(
                profile=profile,
                competence=competences[code],
                defaults={"foundation_level": foundation, "full_level": full},
            )
        profiles[name] = profile
    return profiles


def _post_for(membership, number, profiles):
    """Choose a believable post for a demo HCP from its profession and workplace."""
    user, organisation = membership.user, membership.organisation
    if user.email == "hcp@example.org":
        return profiles["Practice nurse"]
    if organisation.kind == OrganisationKind.TEAM and user.profession == Profession.NURSE:
        return profiles[POST_BY_TEAM.get(organisation.name, "Diabetes specialist nurse")]
    if user.profession == Profession.NURSE and number % 9 == 4:
        return profiles["Community matron"]
    if user.profession == Profession.NURSE and number % 11 == 7:
        return profiles["Paediatric diabetes nurse"]
    name = POST_BY_PROFESSION.get(user.profession)
    return profiles[name] if name else None


def _assess(membership, profile, rng, today):
    """Give a demo HCP assessments in a spread of states, with back-dated history."""
    hcp = membership.user
    trainer = _site_person(membership.organisation, Role.TRAINER)
    manager = _site_person(membership.organisation, Role.MANAGER)
    requirements = list(profile.requirements.select_related("competence__framework"))
    fixed = hcp.email == "hcp@example.org"
    for index, requirement in enumerate(requirements):
        if fixed:
            state = ["verified", "awaiting", "returned"][index % 3]
        else:
            state = rng.choices(
                ["none", "self", "awaiting", "returned", "verified", "expired"],
                weights=[25, 15, 10, 5, 35, 10],
            )[0]
        if state == "none":
            continue
        assessor = trainer if rng.random() < 0.6 or fixed else manager
        _demo_assessment(hcp, requirement, state, assessor, rng, today)


def _site_person(organisation, role):
    """Find someone holding a role at the site above an organisation."""
    site = organisation if organisation.kind == OrganisationKind.SITE else organisation.get_parent()
    return User.objects.filter(memberships__organisation=site, memberships__role=role).first()


def _demo_assessment(hcp, requirement, state, assessor, rng, today):
    """Write one assessment and the history that led to it."""
    level = min(4, max(1, requirement.full_level + rng.choice([-1, 0, 0, 1])))
    started = timezone.now() - timedelta(days=rng.randint(100, 900))
    assessment = Assessment.objects.create(
        hcp=hcp,
        competence=requirement.competence,
        level=level,
        statement="I agree care plans with people in annual reviews, starting from the "
        "results letter they received beforehand and the priorities they bring.",
        assessed_on=started.date(),
    )
    events = [
        (hcp, AssessmentAction.SELF_ASSESSED, "", AssessmentStatus.SELF_ASSESSED, "", started)
    ]
    if state in ("awaiting", "returned", "verified", "expired"):
        asked = started + timedelta(days=7)
        assessment.assessor = assessor
        events.append(
            (
                hcp,
                AssessmentAction.REQUESTED,
                AssessmentStatus.SELF_ASSESSED,
                AssessmentStatus.AWAITING,
                f"Asked {assessor.get_full_name()} to verify.",
                asked,
            )
        )
        assessment.status = AssessmentStatus.AWAITING
    if state == "returned":
        assessment.status = AssessmentStatus.RETURNED
        assessment.action_point = (
            "Bring a recent care plan you agreed with someone, and ask a colleague to "
            "observe one consultation."
        )
        events.append(
            (
                assessor,
                AssessmentAction.RETURNED,
                AssessmentStatus.AWAITING,
                AssessmentStatus.RETURNED,
                assessment.action_point,
                started + timedelta(days=20),
            )
        )
    if state in ("verified", "expired"):
        decided = started + timedelta(days=21)
        assessment.status = AssessmentStatus.VERIFIED
        assessment.verified_level = level
        assessment.verified_on = decided.date()
        assessment.expires_on = (
            today - timedelta(days=rng.randint(5, 90))
            if state == "expired"
            else today + timedelta(days=rng.randint(200, 900))
        )
        events.append(
            (
                assessor,
                AssessmentAction.VERIFIED,
                AssessmentStatus.AWAITING,
                AssessmentStatus.VERIFIED,
                f"Verified at level {level}.",
                decided,
            )
        )
    assessment.version = len(events)
    assessment.save()
    if assessment.assessor_id:
        Evidence.objects.create(
            assessment=assessment,
            kind=EvidenceKind.OBSERVATION,
            description="A colleague observed one of my care planning consultations and "
            "wrote up what went well.",
            added_by=hcp,
            added_at=started + timedelta(days=6),
        )
    for actor, action, from_status, to_status, note, at in events:
        verified = to_status == AssessmentStatus.VERIFIED
        AssessmentEvent.objects.create(
            assessment=assessment,
            actor=actor,
            action=action,
            from_status=from_status,
            to_status=to_status,
            from_level=level if from_status else None,
            to_level=level,
            verified_level=level if verified else None,
            expires_on=assessment.expires_on if verified else None,
            note=note,
            at=at,
        )

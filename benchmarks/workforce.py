"""Build a synthetic workforce of a given size for timing the gap profile at scale.

One network of sites with practices of about a hundred staff each; every person holds one
post from the national post profiles, with assessments in a spread of states and a history
of one to three steps each. Rows are written with bulk_create in batches.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from competences.demo import _ensure_profiles
from competences.models import (
    Assessment,
    AssessmentAction,
    AssessmentEvent,
    AssessmentStatus,
    Competence,
    StaffPost,
)
from training_site.models import Membership, Organisation, OrganisationKind, Profession, Role, User

STAFF_PER_PRACTICE = 100
PRACTICES_PER_SITE = 50
BATCH = 5000
PREFIX = "bench"


@transaction.atomic
def build(staff, seed=1):
    """Create a network with this many HCPs, their posts, assessments and history."""
    rng = random.Random(seed)  # noqa: S311
    today = timezone.localdate()
    now = timezone.now()
    profiles = list(_ensure_profiles({c.code: c for c in Competence.objects.all()}).values())
    requirements = {p.pk: list(p.requirements.all()) for p in profiles}
    network = Organisation.add_root(
        name="Benchmark network", kind=OrganisationKind.NETWORK, code="BENCH"
    )
    practices = []
    practice_count = max(1, staff // STAFF_PER_PRACTICE)
    for site_number in range(
        max(1, practice_count // PRACTICES_PER_SITE + (practice_count % PRACTICES_PER_SITE > 0))
    ):
        site = network.add_child(
            name=f"Site {site_number + 1}",
            kind=OrganisationKind.SITE,
            code=f"BENCH-S{site_number + 1}",
        )
        for _ in range(min(PRACTICES_PER_SITE, practice_count - len(practices))):
            number = len(practices) + 1
            practices.append(
                site.add_child(
                    name=f"Practice {number}",
                    kind=OrganisationKind.PRACTICE,
                    code=f"BENCH-P{number}",
                )
            )
            site.refresh_from_db()
        network.refresh_from_db()
    manager = User.objects.create(
        email=f"{PREFIX}.admin@example.org", first_name="Bench", last_name="Admin"
    )
    Membership.objects.create(user=manager, organisation=network, role=Role.NETWORK_ADMIN)
    professions = [
        Profession.NURSE,
        Profession.HEALTHCARE_ASSISTANT,
        Profession.DOCTOR,
        Profession.DIETITIAN,
    ]
    for start in range(0, staff, BATCH):
        count = min(BATCH, staff - start)
        users = User.objects.bulk_create(
            User(
                email=f"{PREFIX}.{start + i}@example.org",
                first_name=f"Person{start + i}",
                last_name=f"Staff{(start + i) % 997}",
                profession=rng.choice(professions),
                password="!",
            )
            for i in range(count)
        )
        places = [practices[(start + i) % len(practices)] for i in range(count)]
        Membership.objects.bulk_create(
            Membership(user=u, organisation=o, role=Role.HCP)
            for u, o in zip(users, places, strict=True)
        )
        posts = StaffPost.objects.bulk_create(
            StaffPost(
                user=u,
                organisation=o,
                profile=rng.choice(profiles),
                since=today - timedelta(days=rng.randint(30, 3000)),
            )
            for u, o in zip(users, places, strict=True)
        )
        assessments, steps = [], []
        for post in posts:
            for requirement in requirements[post.profile_id]:
                state = rng.choices(
                    ["none", "self", "awaiting", "verified", "expired", "returned"],
                    weights=[25, 15, 10, 35, 10, 5],
                )[0]
                if state == "none":
                    continue
                level = rng.randint(1, 4)
                assessment = Assessment(
                    hcp_id=post.user_id,
                    competence_id=requirement.competence_id,
                    level=level,
                    statement="Benchmark",
                )
                began = now - timedelta(days=rng.randint(30, 900))
                history = [(AssessmentStatus.SELF_ASSESSED, began, None, None)]
                if state in ("awaiting", "verified", "expired", "returned"):
                    history.append(
                        (AssessmentStatus.AWAITING, began + timedelta(days=7), None, None)
                    )
                if state in ("verified", "expired"):
                    expires = (
                        today - timedelta(days=10)
                        if state == "expired"
                        else today + timedelta(days=400)
                    )
                    assessment.verified_level, assessment.verified_on, assessment.expires_on = (
                        level,
                        (began + timedelta(days=14)).date(),
                        expires,
                    )
                    history.append(
                        (AssessmentStatus.VERIFIED, began + timedelta(days=14), level, expires)
                    )
                if state == "returned":
                    history.append(
                        (AssessmentStatus.RETURNED, began + timedelta(days=14), None, None)
                    )
                assessment.status = history[-1][0]
                assessments.append(assessment)
                steps.append(history)
        Assessment.objects.bulk_create(assessments)
        AssessmentEvent.objects.bulk_create(
            AssessmentEvent(
                assessment=assessment,
                actor=manager,
                action=AssessmentAction.SELF_ASSESSED,
                to_status=status,
                to_level=assessment.level,
                verified_level=verified_level,
                expires_on=expires_on,
                at=at,
            )
            for assessment, history in zip(assessments, steps, strict=True)
            for status, at, verified_level, expires_on in history
        )
    return network, manager

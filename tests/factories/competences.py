"""Factories for post profiles, their requirements, staff posts and assessments."""

from datetime import timedelta

import factory
from django.utils import timezone

from competences.models import (
    Assessment,
    AssessmentAction,
    AssessmentEvent,
    AssessmentStatus,
    Competence,
    Evidence,
    EvidenceKind,
    Framework,
    PostProfile,
    PostRequirement,
    StaffPost,
)
from competences.reference import NATIONAL_FRAMEWORK
from tests.factories.training_site import OrganisationFactory, UserFactory


def national_competence(code):
    """Return a competence of the national framework, loaded by the data migration."""
    return Competence.objects.get(
        framework__name=NATIONAL_FRAMEWORK["name"],
        framework__version=NATIONAL_FRAMEWORK["version"],
        code=code,
    )


class FrameworkFactory(factory.django.DjangoModelFactory):
    """A local framework to hang extra competences on."""

    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Local framework {n}")
    publisher = "Site A"
    version = "1"


class CompetenceFactory(factory.django.DjangoModelFactory):
    """A competence in a local framework, without a KSF mapping."""

    class Meta:
        model = Competence

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"LOC{n}")
    title = factory.Sequence(lambda n: f"Local competence {n}")


class PostProfileFactory(factory.django.DjangoModelFactory):
    """A national post profile (no organisation) unless one is given."""

    class Meta:
        model = PostProfile

    name = factory.Sequence(lambda n: f"Post {n}")
    organisation = None


class PostRequirementFactory(factory.django.DjangoModelFactory):
    """A competence a post needs: Diab HA1 at level 2 in the first year, 3 after."""

    class Meta:
        model = PostRequirement

    profile = factory.SubFactory(PostProfileFactory)
    competence = factory.LazyFunction(lambda: national_competence("Diab HA1"))
    foundation_level = 2
    full_level = 3


class StaffPostFactory(factory.django.DjangoModelFactory):
    """A post held for three years, so the full outline applies."""

    class Meta:
        model = StaffPost

    user = factory.SubFactory(UserFactory)
    profile = factory.SubFactory(PostProfileFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    since = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3 * 365))


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A self-assessment of Diab HA1 at level 3, with traits for later stages."""

    class Meta:
        model = Assessment

    hcp = factory.SubFactory(UserFactory)
    competence = factory.LazyFunction(lambda: national_competence("Diab HA1"))
    level = 3
    statement = "I agree care plans with people with diabetes every week."
    status = AssessmentStatus.SELF_ASSESSED

    class Params:
        awaiting = factory.Trait(
            status=AssessmentStatus.AWAITING, assessor=factory.SubFactory(UserFactory)
        )
        verified = factory.Trait(
            status=AssessmentStatus.VERIFIED,
            assessor=factory.SubFactory(UserFactory),
            verified_level=factory.SelfAttribute("level"),
            verified_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30)),
            expires_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365)),
        )
        returned = factory.Trait(
            status=AssessmentStatus.RETURNED,
            assessor=factory.SubFactory(UserFactory),
            action_point="Bring an observed consultation.",
        )


def evidence_on(assessment, description="Record of an observed care planning consultation"):
    """Add a piece of evidence the person described to its assessment."""
    return Evidence.objects.create(
        assessment=assessment,
        kind=EvidenceKind.OBSERVATION,
        description=description,
        added_by=assessment.hcp,
    )


class AssessmentEventFactory(factory.django.DjangoModelFactory):
    """One step of an assessment's history, taken by the person assessed."""

    class Meta:
        model = AssessmentEvent

    assessment = factory.SubFactory(AssessmentFactory)
    actor = factory.SelfAttribute("assessment.hcp")
    action = AssessmentAction.SELF_ASSESSED
    from_status = ""
    to_status = AssessmentStatus.SELF_ASSESSED
    from_level = None
    to_level = factory.SelfAttribute("assessment.level")

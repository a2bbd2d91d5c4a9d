"""The competences app's models, one module per subject; import them from here."""

from competences.models.assessments import (
    Assessment,
    AssessmentAction,
    AssessmentEvent,
    AssessmentQuerySet,
    AssessmentStatus,
    Evidence,
    EvidenceKind,
    EvidenceQuerySet,
    evidence_upload_to,
)
from competences.models.frameworks import (
    Competence,
    CompetenceQuerySet,
    Framework,
    KSFDimension,
    KSFKind,
    KSFLevel,
    Proficiency,
    Scope,
)
from competences.models.import_mappings import PlaceKind, PlaceMapping, PostTitleMapping
from competences.models.posts import (
    FOUNDATION_YEARS,
    PostProfile,
    PostRequirement,
    StaffPost,
    StaffPostQuerySet,
)

__all__ = [
    "KSFKind",
    "KSFDimension",
    "KSFLevel",
    "Framework",
    "Scope",
    "CompetenceQuerySet",
    "Competence",
    "Proficiency",
    "PostProfile",
    "PostRequirement",
    "FOUNDATION_YEARS",
    "StaffPostQuerySet",
    "StaffPost",
    "AssessmentStatus",
    "AssessmentQuerySet",
    "Assessment",
    "AssessmentAction",
    "AssessmentEvent",
    "EvidenceKind",
    "evidence_upload_to",
    "EvidenceQuerySet",
    "Evidence",
    "PlaceKind",
    "PlaceMapping",
    "PostTitleMapping",
]

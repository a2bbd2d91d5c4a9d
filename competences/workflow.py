"""What each state of a competence assessment allows: read by services, views and templates."""

from competences.models import Assessment, AssessmentStatus
from training_site.workflow import workflow_rules

DECIDED_OR_WAITING = (AssessmentStatus.AWAITING, AssessmentStatus.VERIFIED)


def assessment_may_be_sent(assessment):
    """A self-assessment, or one returned with an action point, may be sent for verification."""
    return assessment.status not in DECIDED_OR_WAITING


def assessment_may_be_decided(assessment):
    """Only an assessment waiting for verification may be verified or returned."""
    return assessment.status == AssessmentStatus.AWAITING


def assessment_is_verified(assessment):
    """A verified assessment has a verified level, and rating again starts it over."""
    return assessment.status == AssessmentStatus.VERIFIED


workflow_rules(
    Assessment._meta.label,
    {
        "request_verification": assessment_may_be_sent,
        "decide": assessment_may_be_decided,
        "show_verified_level": assessment_is_verified,
    },
)

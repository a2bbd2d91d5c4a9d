"""The stages of a QA observation and what each state allows: read by services, views, templates."""

from quality.models import QAObservation, QAObservationStatus
from training_site.workflow import workflow_rules

Status = QAObservationStatus

STAGE_STATUSES = {
    "before": (Status.PLANNED, Status.PREPARED),
    "during": (Status.PREPARED, Status.OBSERVED),
    "after": (Status.OBSERVED, Status.DISCUSSED),
    "agree": (Status.DISCUSSED,),
}
STAGES = (
    ("plan", "Plan", None),
    ("before", "Before: concerns", "quality:before"),
    ("during", "During: the measures", "quality:during"),
    ("after", "After: discussion and actions", "quality:after"),
    ("agree", "Read and agreed", None),
)
DONE_UP_TO = {
    Status.PLANNED: 0,
    Status.PREPARED: 1,
    Status.OBSERVED: 2,
    Status.DISCUSSED: 3,
    Status.AGREED: 4,
}
NEXT_STEP = {
    Status.PLANNED: ("before", "Record the discussion beforehand"),
    Status.PREPARED: ("during", "Record the observation"),
    Status.OBSERVED: ("after", "Record the discussion afterwards"),
}


def stage_is_open(observation, stage):
    """Say whether a stage may be recorded, or changed, in the observation's current state."""
    return observation.status in STAGE_STATUSES[stage]


def discussed_beforehand(observation):
    """Say whether the talk before the observation has been recorded."""
    return DONE_UP_TO[observation.status] >= DONE_UP_TO[Status.PREPARED]


workflow_rules(
    QAObservation._meta.label,
    {
        **{
            stage: (lambda observation, stage=stage: stage_is_open(observation, stage))
            for stage in STAGE_STATUSES
        },
        "show_discussion_before": discussed_beforehand,
    },
)

"""Personal data of quality-assurance observations."""

from training_site.personal_data import Category, Erasure, PersonalData, Retention

PERSONAL_DATA = (
    PersonalData(
        "quality.QAObservation",
        Category.STAFF_RECORD,
        subjects=("observed", "observer"),
        export=("observed_on", "observer", "concerns_before", "discussion_after")
        + ("action_document", "status", "observed_comment", "agreed_at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
        anonymise=("concerns_before", "discussion_after", "action_document", "observed_comment"),
    ),
    PersonalData(
        "quality.QAObservationEvent",
        Category.STAFF_RECORD,
        subjects=("observation__observed",),
        export=("actor", "action", "from_status", "to_status", "note", "at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
        roles=("actor",),
        anonymise=("note",),
    ),
    PersonalData(
        "quality.MeasureResult",
        Category.STAFF_RECORD,
        subjects=("observation__observed",),
        export=("measure", "result", "note"),
        erasure=Erasure.ANONYMISE,
        retention=Retention.STAFF_RECORD,
        anonymise=("note",),
    ),
    PersonalData(
        "quality.QAAction",
        Category.STAFF_RECORD,
        subjects=("observation__observed",),
        export=("what", "who", "due_on", "done"),
        erasure=Erasure.ANONYMISE,
        retention=Retention.STAFF_RECORD,
        redact=("what", "who"),
    ),
)

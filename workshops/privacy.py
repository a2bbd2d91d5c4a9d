"""Personal data of workshop bookings and trainers."""

from training_site.personal_data import Category, Erasure, Exempt, PersonalData, Retention

PERSONAL_DATA = (
    PersonalData(
        "workshops.Workshop",
        Category.STAFF_RECORD,
        subjects=("trainers",),
        export=("title", "starts_at", "venue"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
    ),
    PersonalData(
        "workshops.Booking",
        Category.STAFF_RECORD,
        subjects=("hcp",),
        export=("workshop", "status", "created_at", "updated_at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
    ),
    PersonalData(
        "workshops.BookingEvent",
        Category.STAFF_RECORD,
        subjects=("booking__hcp",),
        export=("booking", "actor", "from_status", "to_status", "note", "at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
        roles=("actor",),
        anonymise=("note",),
    ),
    PersonalData(
        "workshops.Certificate",
        Category.STAFF_RECORD,
        subjects=("booking__hcp",),
        export=("booking", "reference", "issued_on", "withdrawn_at", "withdrawal_reason"),
        erasure=Erasure.DELETE,
        retention=Retention.STAFF_RECORD,
        roles=("withdrawn_by",),
        redact=("withdrawal_reason",),
    ),
    PersonalData(
        "workshops.WorkshopEvent",
        Category.STAFF_RECORD,
        subjects=("actor",),
        export=("workshop", "action", "changes", "at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
        roles=("actor",),
        redact=("changes",),
    ),
)

EXEMPT = (Exempt("workshops.WorkshopWave", "a wave of workshops' name"),)

"""Personal data of competence assessments, evidence and staff posts."""

from training_site.personal_data import Category, Erasure, Exempt, PersonalData, Retention

STAFF = Category.STAFF_RECORD

PERSONAL_DATA = (
    PersonalData(
        "competences.Assessment",
        STAFF,
        subjects=("hcp",),
        export=("competence", "level", "statement", "status", "assessor", "verified_level")
        + ("action_point", "assessed_on", "verified_on", "expires_on"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
        roles=("assessor",),
        anonymise=("statement", "action_point"),
    ),
    PersonalData(
        "competences.AssessmentEvent",
        STAFF,
        subjects=("assessment__hcp",),
        export=("assessment", "actor", "action", "at", "from_status", "to_status", "note"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
        roles=("actor",),
        anonymise=("note",),
    ),
    PersonalData(
        "competences.Evidence",
        STAFF,
        subjects=("hcp", "assessment__hcp"),
        export=("competence", "kind", "description", "file", "added_by", "added_at"),
        erasure=Erasure.DELETE,
        retention=Retention.STAFF_RECORD,
        roles=("added_by",),
    ),
    PersonalData(
        "competences.StaffPost",
        STAFF,
        subjects=("user",),
        export=("profile", "organisation", "since", "until", "staff_number"),
        erasure=Erasure.ANONYMISE,
        retention=Retention.STAFF_RECORD,
        anonymise=("staff_number",),
    ),
)

EXEMPT = (
    Exempt("competences.Framework", "a published framework's name"),
    Exempt("competences.PostProfile", "a post's name, not a person"),
    Exempt("competences.PostTitleMapping", "a position title and a post profile, no person"),
    Exempt("competences.PlaceMapping", "an organisation's name, code or cost centre, no person"),
)

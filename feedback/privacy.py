"""Personal data of feedback: what was said about a person, and who said it."""

from training_site.personal_data import Category, Erasure, Exempt, PersonalData, Retention

PERSONAL_DATA = (
    PersonalData(
        "feedback.FeedbackResponse",
        Category.FEEDBACK_ABOUT_PERSON,
        subjects=("subject", "respondent"),
        export=("version", "submitted_at", "role", "score", "withdrawn_at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.FEEDBACK,
        anonymise=("display_name",),
    ),
    PersonalData(
        "feedback.Answer",
        Category.FEEDBACK_ABOUT_PERSON,
        subjects=("response__subject",),
        export=("item", "value", "text", "not_applicable"),
        erasure=Erasure.ANONYMISE,
        retention=Retention.FEEDBACK,
        anonymise=("text",),
    ),
    PersonalData(
        "feedback.FeedbackLink",
        Category.REPRESENTATIVE_OWN,
        subjects=("created_by",),
        export=("session", "created_at", "expires_at", "used_at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.SHORT_LIVED,
    ),
    PersonalData(
        "feedback.ResponseEvent",
        Category.FEEDBACK_ABOUT_PERSON,
        subjects=("response__subject",),
        export=("action", "at"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.FEEDBACK,
        roles=("actor",),
        anonymise=("reason",),
    ),
)

EXEMPT = (Exempt("feedback.Instrument", "a questionnaire's name"),)

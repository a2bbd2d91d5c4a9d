"""Personal data of the portfolio: reflections, goals and CPD, private to their author."""

from training_site.personal_data import Category, Erasure, PersonalData, Retention

REFLECTIVE = Category.REFLECTIVE_PRACTICE

PERSONAL_DATA = (
    PersonalData(
        "portfolio.Reflection",
        REFLECTIVE,
        subjects=("author",),
        export=("structure", "title", "sections", "consultation", "status", "created_at"),
        erasure=Erasure.DELETE,
        retention=Retention.STAFF_RECORD,
    ),
    PersonalData(
        "portfolio.ReflectionShare",
        REFLECTIVE,
        subjects=("reflection__author",),
        export=("shared_with", "shared_at", "withdrawn_at"),
        erasure=Erasure.DELETE,
        retention=Retention.STAFF_RECORD,
        roles=("shared_with",),
    ),
    PersonalData(
        "portfolio.DevelopmentGoal",
        REFLECTIVE,
        subjects=("hcp",),
        export=("title", "competence", "why", "importance", "confidence", "review_on")
        + ("status", "outcome", "reviewed_on"),
        erasure=Erasure.DELETE,
        retention=Retention.STAFF_RECORD,
    ),
    PersonalData(
        "portfolio.GoalAction",
        REFLECTIVE,
        subjects=("goal__hcp",),
        export=("goal", "what", "who", "due_on", "done"),
        erasure=Erasure.DELETE,
        retention=Retention.STAFF_RECORD,
    ),
    PersonalData(
        "portfolio.CpdActivity",
        Category.STAFF_RECORD,
        subjects=("hcp",),
        export=("title", "date", "hours", "participatory", "evidence", "notes", "created_at"),
        erasure=Erasure.DELETE,
        retention=Retention.STAFF_RECORD,
    ),
)

"""Personal data of simulated consultations: the HCP's, and the representative's own."""

from training_site.personal_data import Category, Erasure, Exempt, PersonalData, Retention

PERSONAL_DATA = (
    PersonalData(
        "simulations.SimulationSession",
        Category.STAFF_RECORD,
        subjects=("hcp", "representative", "observers"),
        export=("workshop", "scenario", "starts_at", "room"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
        anonymise=("representative_name",),
    ),
    PersonalData(
        "simulations.CarePlan",
        Category.REFLECTIVE_PRACTICE,
        subjects=("session__hcp",),
        export=("learning_about", "managing", "living_with", "other_issues", "issues", "goals"),
        erasure=Erasure.PSEUDONYMISE,
        retention=Retention.STAFF_RECORD,
    ),
    PersonalData(
        "simulations.CarePlanAction",
        Category.REFLECTIVE_PRACTICE,
        subjects=("care_plan__session__hcp",),
        export=("what", "who", "due_on", "done"),
        erasure=Erasure.ANONYMISE,
        retention=Retention.STAFF_RECORD,
        redact=("what", "who"),
    ),
)

EXEMPT = (Exempt("simulations.Scenario", "the person in a scenario is fictional"),)

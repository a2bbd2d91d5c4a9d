"""Reference data every install starts with: the KSF and the national workforce competences.

Competence rows are Tables 1 and 2 of Section 5 of the national care planning report;
KSF dimensions and level titles are from the NHS Knowledge and Skills Framework (2004).
A title marked unverified was not checked against its primary publication.
"""

NATIONAL_FRAMEWORK = {
    "name": "National Workforce Competences",
    "publisher": "Skills for Health",
    "version": "2006",
    "description": (
        "Competences related to care planning, from Section 5 of the national care planning "
        "report: Table 1 (core, diabetes-specific) and Table 2 (specialist, for particular roles)."
    ),
}


# (code, title, KSF dimension, KSF level, scope)
NATIONAL_COMPETENCES = [
    (
        "Diab HA1",
        "Assess the health care needs of individuals with diabetes and agree care plans",
        "HWB6",
        3,
        "core",
    ),
    (
        "Diab HA2",
        "Work in partnership with individuals to sustain care plans to manage their diabetes",
        "HWB7",
        2,
        "core",
    ),
    (
        "Diab HA6",
        "Help individuals with diabetes to change their behaviour to reduce the risk of complications and improve their quality of life",
        "HWB4",
        3,
        "core",
    ),
    (
        "Diab HD7",
        "Monitor and support a care plan for an individual with diabetes admitted to a general ward",
        "HWB7",
        2,
        "core",
    ),
    (
        "Diab HD8",
        "Review and evaluate the progress of a care plan for an individual with diabetes admitted to a general ward and prepare for discharge",
        "HWB6",
        3,
        "core",
    ),
    (
        "CS4",
        "Plan, implement, monitor and review individualised care plans to meet the needs of children and young people",
        "HWB2",
        3,
        "specialist",
    ),
    (
        "CS6",
        "Plan and implement transfer of care and discharge with young people and those involved in their care",
        "HWB2",
        3,
        "specialist",
    ),
    (
        "CM B1",
        "Plan, implement, monitor and review individualised care plans with individuals who have a long term condition and their carers",
        "HWB2",
        3,
        "specialist",
    ),
]


# (code, title, kind, title verified)
KSF_DIMENSIONS = [
    ("C1", "Communication", "core", True),
    ("C2", "Personal and people development", "core", True),
    ("C3", "Health, safety and security", "core", True),
    ("C4", "Service improvement", "core", True),
    ("C5", "Quality", "core", True),
    ("C6", "Equality and diversity", "core", True),
    (
        "HWB1",
        "Promotion of health and wellbeing and prevention of adverse effects to health and wellbeing",
        "specific",
        True,
    ),
    (
        "HWB2",
        "Assessment and care planning to meet people's health and wellbeing needs",
        "specific",
        True,
    ),
    ("HWB3", "Protection of health and wellbeing", "specific", True),
    ("HWB4", "Enablement to address health and wellbeing needs", "specific", True),
    ("HWB5", "Provision of care to meet health and wellbeing needs", "specific", False),
    ("HWB6", "Assessment and treatment planning", "specific", True),
    ("HWB7", "Interventions and treatments", "specific", True),
    ("HWB8", "Biomedical investigation and intervention", "specific", False),
    ("HWB9", "Equipment and devices to meet health and wellbeing needs", "specific", False),
    ("HWB10", "Products to meet health and wellbeing needs", "specific", False),
    ("EF1", "Systems, vehicles and equipment", "specific", False),
    ("EF2", "Environments and buildings", "specific", False),
    ("EF3", "Transport and logistics", "specific", False),
    ("IK1", "Information processing", "specific", True),
    ("IK2", "Information collection and analysis", "specific", True),
    ("IK3", "Knowledge and information resources", "specific", False),
    ("G1", "Learning and development", "specific", False),
    ("G2", "Development and innovation", "specific", False),
    ("G3", "Procurement and commissioning", "specific", False),
    ("G4", "Financial management", "specific", False),
    ("G5", "Services and project management", "specific", False),
    ("G6", "People management", "specific", True),
    ("G7", "Capacity and capability", "specific", False),
    ("G8", "Public relations and marketing", "specific", False),
]


# dimension code -> {level: (title, title verified)}
KSF_LEVEL_TITLES = {
    "C1": {
        1: ("Communicate with a limited range of people on day-to-day matters", True),
        2: ("Communicate with a range of people on a range of matters", True),
        3: (
            "Develop and maintain communication with people about difficult matters and/or in difficult situations",
            True,
        ),
        4: (
            "Develop and maintain communication with people on complex matters, issues and ideas and/or in complex situations",
            False,
        ),
    },
    "C2": {
        1: ("Contribute to own personal development", True),
        2: (
            "Develop own skills and knowledge and provide information to others to help their development",
            True,
        ),
        3: ("Develop oneself and contribute to the development of others", True),
        4: ("Develop oneself and others in areas of practice", True),
    },
    "HWB2": {
        1: ("Assist in the assessment of people's health and wellbeing needs", False),
        2: (
            "Contribute to assessing health and wellbeing needs and planning how to meet those needs",
            False,
        ),
        3: (
            "Assess health and wellbeing needs and develop, monitor and review care plans to meet specific needs",
            False,
        ),
        4: (
            "Assess complex health and wellbeing needs and develop, monitor and review care plans to meet those needs",
            False,
        ),
    },
    "HWB4": {
        1: ("Help people meet daily health and wellbeing needs", False),
        2: ("Enable people to meet ongoing health and wellbeing needs", False),
        3: ("Enable people to address specific needs in relation to health and wellbeing", False),
        4: (
            "Empower people to realise and maintain their potential in relation to health and wellbeing",
            False,
        ),
    },
    "HWB6": {
        1: (
            "Undertake tasks related to the assessment of physiological and/or psychological functioning",
            False,
        ),
        2: (
            "Contribute to the assessment of physiological and/or psychological functioning",
            False,
        ),
        3: (
            "Assess physiological and/or psychological functioning and develop, monitor and review related treatment plans",
            False,
        ),
        4: (
            "Assess physiological and/or psychological functioning when there are complex and/or undifferentiated abnormalities, diseases and disorders and develop, monitor and review related treatment plans",
            False,
        ),
    },
    "HWB7": {
        1: ("Assist in providing interventions and/or treatments", False),
        2: (
            "Contribute to planning, delivering and monitoring interventions and/or treatments",
            False,
        ),
        3: ("Plan, deliver and evaluate interventions and/or treatments", False),
        4: (
            "Plan, deliver and evaluate interventions and/or treatments when there are complex issues and/or serious illness",
            False,
        ),
    },
}


def load_reference_data(apps):
    """Create or update the KSF and the national framework; safe to run again."""
    dimension_model = apps.get_model("competences", "KSFDimension")
    level_model = apps.get_model("competences", "KSFLevel")
    framework_model = apps.get_model("competences", "Framework")
    competence_model = apps.get_model("competences", "Competence")

    levels = {}
    for code, title, kind, verified in KSF_DIMENSIONS:
        dimension, _ = dimension_model.objects.update_or_create(
            code=code, defaults={"title": title, "kind": kind, "verified": verified}
        )
        titles = KSF_LEVEL_TITLES.get(code, {})
        for number in range(1, 5):
            title, title_verified = titles.get(number, ("", False))
            levels[code, number], _ = level_model.objects.update_or_create(
                dimension=dimension,
                level=number,
                defaults={"title": title, "verified": title_verified},
            )

    framework, _ = framework_model.objects.update_or_create(
        name=NATIONAL_FRAMEWORK["name"],
        version=NATIONAL_FRAMEWORK["version"],
        defaults={
            "publisher": NATIONAL_FRAMEWORK["publisher"],
            "description": NATIONAL_FRAMEWORK["description"],
        },
    )
    for code, title, dimension_code, level, scope in NATIONAL_COMPETENCES:
        competence_model.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={"title": title, "ksf_level": levels[dimension_code, level], "scope": scope},
        )

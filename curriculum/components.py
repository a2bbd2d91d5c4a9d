"""The essential components of care planning training agreed by the pilot sites."""

COMPONENTS = [
    (
        "The care planning philosophy and consultation skills",
        "The partnership approach to the consultation: two experts, the person's agenda first, and the skills that make it work.",
    ),
    (
        "Challenging existing consultation behaviours",
        "Noticing and changing habits of telling, checking and deciding for people.",
    ),
    (
        "Goal setting and action planning",
        "Helping people choose their own goals and plan small, specific actions they are confident about.",
    ),
    (
        "Promoting reflective practice",
        "Reflecting on consultations, simulations and feedback to change one's own practice.",
    ),
    (
        "Organisational processes",
        "The practice systems around the consultation: results sent beforehand, longer appointments, recording the care plan.",
    ),
    (
        "Quality assurance",
        "Observing consultations against quality indicators and acting on what is found.",
    ),
    (
        "Modelling the approach throughout",
        "Training run the way care planning is: participants set their own goals and plans.",
    ),
    (
        "Engaging clinicians to attend",
        "Making the case to busy clinicians and their managers so that they come and bring colleagues.",
    ),
]


def load_essential_components(apps):
    """Create the components, or leave them as staff have edited them."""
    component = apps.get_model("curriculum", "EssentialComponent")
    for order, (name, description) in enumerate(COMPONENTS, start=1):
        component.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": order}
        )

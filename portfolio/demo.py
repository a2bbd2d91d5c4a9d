"""Demo reflections, development plan and CPD for the demo HCP; safe to run again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from competences.models import Competence
from competences.queries import competence_page
from portfolio.models import (
    CpdActivity,
    DevelopmentGoal,
    GoalAction,
    Reflection,
    ReflectionShare,
)
from portfolio.structures import ReflectiveModel
from training_site.models import User

DEMO_HCP = "hcp@example.org"
DEMO_TRAINER = "trainer@example.org"

REFLECTIONS = [
    {
        "title": "Agenda setting in the simulated consultation",
        "structure": ReflectiveModel.WHAT_SO_WHAT,
        "status": "complete",
        "shared": True,
        "sections": {
            "what": "In the simulation I opened with the HbA1c result before asking what the "
            "person wanted to talk about. The representative said afterwards that she felt "
            "her own worries about her feet were pushed aside.",
            "so_what": "I still lead with results out of habit. When the person has read their "
            "results letter, the consultation should start from their agenda.",
            "now_what": 'Open every review with: "What would you like to talk about today?" '
            "and note the person's agenda before I share anything of mine.",
        },
    },
    {
        "title": "Workshop day one: the care planning conversation",
        "structure": ReflectiveModel.GIBBS,
        "status": "complete",
        "shared": False,
        "sections": {
            "description": "A day of the care planning workshop with two simulated consultations.",
            "feelings": "Nervous before the first consultation, more relaxed in the second.",
            "evaluation": "Good: I listened more. Less good: I rushed the action plan.",
            "analysis": "I rush when I worry about time, and the person's confidence drops.",
            "conclusion": "Asking about confidence (0 to 10) slows me down usefully.",
            "action_plan": "Use the confidence scale for every action agreed in my clinics.",
        },
    },
    {
        "title": "A review where goals were agreed together",
        "structure": ReflectiveModel.REVALIDATION,
        "status": "draft",
        "shared": False,
        "consultation": "A review with a man in his sixties with type 2 diabetes who wanted to "
        "walk more after retiring.",
        "sections": {
            "what_happened": "We agreed one goal he chose himself, with one action.",
            "learning": "He was more confident in a goal he named than in any I suggested.",
        },
    },
]

GOALS = [
    {
        "title": "Start each review from the person's agenda",
        "why": "The feedback from my simulation said I led with results.",
        "importance": 9,
        "confidence": 6,
        "days": 5,
        "actions": [
            ("Use the agenda-setting question in every review", "Me", 14, 7),
            (
                "Ask the practice team to send results letters two weeks before",
                "Practice manager",
                30,
                5,
            ),
        ],
    },
    {
        "title": "Agree action plans the person is confident in",
        "why": "I rush action planning when clinics run late.",
        "importance": 8,
        "confidence": 5,
        "days": 60,
        "actions": [("Ask about confidence for each action agreed", "Me", 21, 8)],
    },
]

CPD = [
    ("Diabetes UK professional conference", 45, 6, True),
    ("Online module: insulin safety", 20, 2, False),
]


@transaction.atomic
def build_demo_portfolio(stdout=None):
    """Give the demo HCP reflections (one shared with the trainer) and two goals from gaps."""
    hcp = User.objects.filter(email=DEMO_HCP).first()
    if hcp is None:
        return
    trainer = User.objects.filter(email=DEMO_TRAINER).first()
    session = _first(hcp, "simulations_as_hcp")
    feedback = _first(hcp, "feedback_received")
    booking = _first(hcp, "bookings")
    gaps = [
        s.competence
        for s in competence_page(hcp).required
        if s.state in {"not_started", "self_assessed", "returned", "expired", "below"}
    ]
    competences = gaps + [c for c in Competence.objects.order_by("code")[:3] if c not in gaps]
    for number, spec in enumerate(REFLECTIONS):
        reflection, created = Reflection.objects.get_or_create(
            author=hcp,
            title=spec["title"],
            defaults={
                "structure": spec["structure"],
                "status": spec["status"],
                "sections": spec["sections"],
                "consultation": spec.get("consultation", ""),
                "created_at": timezone.now() - timedelta(days=20 - number * 6),
                "session": session if number == 0 else None,
                "feedback": feedback if number == 0 else None,
                "workshop": booking.workshop if booking and number == 1 else None,
            },
        )
        if created and competences:
            reflection.competences.set(competences[:1])
        if created and spec["shared"] and trainer:
            ReflectionShare.objects.create(reflection=reflection, shared_with=trainer)
    today = timezone.localdate()
    for number, spec in enumerate(GOALS):
        competence = competences[number] if number < len(competences) else None
        goal, created = DevelopmentGoal.objects.get_or_create(
            hcp=hcp,
            title=spec["title"],
            defaults={
                "competence": competence,
                "why": spec["why"],
                "importance": spec["importance"],
                "confidence": spec["confidence"],
                "review_on": today + timedelta(days=spec["days"]),
            },
        )
        if created:
            for order, (what, who, days, confidence) in enumerate(spec["actions"]):
                GoalAction.objects.create(
                    goal=goal,
                    what=what,
                    who=who,
                    due_on=today + timedelta(days=days),
                    confidence=confidence,
                    sort_order=order,
                )
    for title, days, hours, participatory in CPD:
        CpdActivity.objects.get_or_create(
            hcp=hcp,
            title=title,
            defaults={
                "date": today - timedelta(days=days),
                "hours": hours,
                "participatory": participatory,
            },
        )
    if stdout:
        stdout.write("Demo portfolio: reflections, a development plan and CPD for hcp@example.org.")


def _first(user, related_name):
    """Return the first record of a reverse relation, or None when the app has none yet."""
    manager = getattr(user, related_name, None)
    return manager.first() if manager is not None else None

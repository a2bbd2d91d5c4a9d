"""Demo scenarios and simulation sessions; safe to run again."""

from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from competences.models import Competence
from curriculum.models import ProgrammePage
from simulations.models import (
    AgainstTarget,
    CarePlan,
    CarePlanAction,
    Difficulty,
    Scenario,
    ScenarioResult,
    SimulationSession,
)
from simulations.services import ON_THE_DAY
from training_site.demo import TRAINERS_GROUP
from training_site.models import Organisation, Role, User
from workshops.models import Booking, BookingStatus, Workshop, WorkshopStatus

DEMO_WORKSHOP_TITLE = "Simulated care planning consultations (demo practice day)"
IN, ABOVE, BELOW = AgainstTarget.IN, AgainstTarget.ABOVE, AgainstTarget.BELOW

# title: (person, persona, background, letter note, concerns, wants, role card, learning points,
#         domains, competence codes, difficulty, results)
SCENARIOS = {
    "Blood pressure and a stone to lose": (
        "Mrs Smith",
        "Mrs Smith is 61, has had type 2 diabetes for six years and works part time in a "
        "school office. She smokes about ten cigarettes a day.",
        "Takes metformin. Her results came by post three weeks ago after she saw the "
        "healthcare assistant; she has read them with her husband and noted what she wants to "
        "talk about on the sheet.",
        "Most of your results are in the range we aim for. Your blood pressure and weight are "
        "above it. Write down anything you would like to talk about.",
        "Why her blood pressure is up when she feels well. Whether she has to stop smoking "
        "before anything else can change.",
        "Better control of her blood pressure and to lose a stone. She is not ready to talk "
        "about stopping smoking yet.",
        "You come in prepared: you have your letter with two things circled, blood pressure "
        "and weight. You are pleased the rest is in target. If the nurse raises smoking, say "
        "you know the risks and are not thinking of stopping now; soften if the nurse accepts "
        "that and offers to come back to it, close up if you are lectured. If asked what might "
        "help, you lost weight before at a slimming group and could go back. You would like to "
        "check your own blood pressure at home if someone shows you how.",
        "Does the HCP start from her agenda (the two items she circled) rather than the "
        "template? Is smoking raised, her choice respected and the door left open? Are the "
        "goals hers, and are the actions specific: home blood pressure readings, rejoining the "
        "slimming group, a GP appointment after two months if readings stay high? Is her "
        "confidence checked for each?",
        ["managing", "living", "other"],
        ["Diab HA1", "Diab HA2"],
        Difficulty.INTRODUCTORY,
        [
            ("HbA1c", "54", "mmol/mol", "under 58", IN, "Your average blood glucose."),
            ("Blood pressure", "152/88", "mmHg", "under 140/80", ABOVE, ""),
            ("Weight", "84", "kg", "", ABOVE, "Body mass index 31."),
            ("Total cholesterol", "4.1", "mmol/L", "under 5", IN, ""),
            ("Kidney function (eGFR)", "78", "mL/min", "over 60", IN, ""),
        ],
    ),
    "New diagnosis, lots of questions": (
        "Mr Hussain",
        "Mr Hussain is 44, a taxi driver and father of three, told four months ago that he has "
        "type 2 diabetes.",
        "No medicines yet. He has read a lot online and is worried about his eyes and his "
        "licence. His wife cooks for the family.",
        "This is your first full diabetes review. There is no wrong question.",
        "Will he lose his taxi licence? Is it his fault? Does he have to give up rice and "
        "chapati? What does HbA1c mean?",
        "To understand what diabetes means for him and what the numbers mean.",
        "You have a list of questions on your phone and want them answered. You are anxious "
        "and talk quickly. If the HCP explains your results in plain words, relax. If you are "
        "handed leaflets without a conversation, say you have read plenty online already. You "
        "feel guilty and will say so only if asked how you feel about the diagnosis.",
        "Does the HCP find out what he already knows before explaining? Are the results "
        "explained in words he can repeat back? Is the question about driving answered "
        "honestly, with where to check? Is guilt acknowledged? Avoid overloading: agree one or "
        "two things to learn next.",
        ["learning", "living"],
        ["Diab HA1", "Diab HA6"],
        Difficulty.INTRODUCTORY,
        [
            ("HbA1c", "62", "mmol/mol", "under 48 to 53, agreed with you", ABOVE, ""),
            ("Blood pressure", "132/78", "mmHg", "under 140/80", IN, ""),
            ("Weight", "92", "kg", "", ABOVE, ""),
            ("Total cholesterol", "5.6", "mmol/L", "under 5", ABOVE, ""),
        ],
    ),
    "Tired of it all": (
        "Ms Clarke",
        "Ms Clarke is 52, has had type 1 diabetes since she was 14 and cares for her mother, "
        "who has dementia.",
        "Multiple daily injections. Her HbA1c has risen over two years. She rarely checks her "
        "glucose now and has missed her last two appointments.",
        "",
        "She feels judged at appointments. She is exhausted and does not see the point of "
        "another target.",
        "She is not sure. Mostly, not to be told off.",
        "You are guarded at first and give short answers. You only open up if the HCP asks how "
        "things are for you, not about your numbers. Caring for your mother takes all your "
        "time; you eat when you can. You have had a couple of hypos at night that frightened "
        "you, which you will mention only if you feel listened to.",
        "Can the HCP set the numbers aside and explore how life is? Does it recognise diabetes "
        "distress and the carer's load? Are the night-time hypos found and taken seriously? "
        "Does the plan start small, with the support she chooses (a carers' service, a "
        "technology review), and is her confidence checked honestly?",
        ["living", "other", "managing"],
        ["Diab HA2", "Diab HA6", "CM B1"],
        Difficulty.ADVANCED,
        [
            ("HbA1c", "81", "mmol/mol", "under 58", ABOVE, "Higher than last year (74)."),
            ("Blood pressure", "128/76", "mmHg", "under 130/80", IN, ""),
            ("Kidney function (eGFR)", "88", "mL/min", "over 60", IN, ""),
            ("Urine albumin", "2.1", "mg/mmol", "under 3", IN, ""),
        ],
    ),
    "Feet and a new job": (
        "Mr O'Neill",
        "Mr O'Neill is 67, retired from the railways and now works mornings as a school "
        "crossing patrol.",
        "Type 2 diabetes for twelve years, on two tablets. Reduced feeling in both feet at his "
        "foot check. Lives alone since his wife died last year.",
        "Your foot check found less feeling in both feet. We will talk about what this means "
        "for you.",
        "What 'reduced sensation' means and whether he will lose a foot like his brother did.",
        "To keep working and stay independent.",
        "You are frightened about your feet because your brother had an amputation, but you "
        "make jokes rather than say so. You stand for hours in work boots. You do not look at "
        "your feet much; bending is hard. You would accept help if it keeps you working.",
        "Does the HCP hear the fear under the jokes? Is the foot result explained without "
        "alarm or false comfort? Are practical actions agreed (footwear, daily checks he can "
        "actually do, a podiatry referral) and is loneliness since bereavement noticed?",
        ["learning", "managing", "other"],
        ["Diab HA1", "Diab HA6"],
        Difficulty.INTERMEDIATE,
        [
            ("HbA1c", "57", "mmol/mol", "under 58", IN, ""),
            ("Blood pressure", "138/78", "mmHg", "under 140/80", IN, ""),
            ("Foot check", "Reduced feeling", "", "normal feeling", ABOVE, "Moderate risk."),
        ],
    ),
    "Fasting this year": (
        "Mrs Begum",
        "Mrs Begum is 58, has type 2 diabetes and plans to fast during Ramadan next month.",
        "Takes metformin and gliclazide. Last year she had two hypos while fasting and did not "
        "tell anyone.",
        "",
        "Whether she can fast safely, and what to do about her tablets.",
        "To fast with her family this year.",
        "Fasting matters deeply to you and you will fast whatever is said. If the HCP starts by "
        "telling you not to, stop engaging. If it asks what fasting means to you and how last "
        "year went, tell it about the two hypos.",
        "Does the HCP respect her decision and plan with it? Are last year's hypos found? Is "
        "the medicine plan agreed (timing, dose, what to do if glucose is low) with a clear "
        "threshold to break the fast?",
        ["managing", "living"],
        ["Diab HA2"],
        Difficulty.INTERMEDIATE,
        [
            ("HbA1c", "59", "mmol/mol", "under 58", ABOVE, "Just above."),
            ("Blood pressure", "126/74", "mmHg", "under 140/80", IN, ""),
        ],
    ),
}


@transaction.atomic
def build_demo_simulations(stdout=None):
    """Create the demo scenarios, let trainers edit them, and put some sessions on a rota."""
    scenarios = [_scenario(title, spec) for title, spec in SCENARIOS.items()]
    _grant_trainers()
    hcp = User.objects.filter(email="hcp@example.org").first()
    rep = User.objects.filter(email="rep@example.org").first()
    trainer = User.objects.filter(email="trainer@example.org").first()
    if not (hcp and rep and trainer):
        return
    site = Organisation.objects.filter(code="YOC-TH").first()
    programme = (
        ProgrammePage.objects.filter(owning_site=site).first() or ProgrammePage.objects.first()
    )
    if site is None or programme is None:
        if stdout:
            stdout.write("No site or programme for a demo workshop, so no simulation sessions.")
        return
    now = timezone.now()
    past = _workshop_for(hcp, site, starts_at__lt=now) or _own_workshop(site, programme, trainer)
    upcoming = _workshop_for(hcp, site, starts_at__gte=now) or past
    played = _session(past, scenarios[0], hcp, rep, time(11, 0))
    _session(upcoming, scenarios[1], hcp, rep, time(14, 0))
    if played.starts_at <= now:
        _care_plan(played)


def _scenario(title, spec):
    """Create or refresh one scenario and its results letter."""
    (
        person,
        persona,
        background,
        note,
        concerns,
        wants,
        card,
        points,
        domains,
        codes,
        difficulty,
        results,
    ) = spec
    scenario, _ = Scenario.objects.update_or_create(
        title=title,
        defaults={
            "person_name": person,
            "persona": persona,
            "background": background,
            "letter_note": note,
            "concerns": concerns,
            "wants": wants,
            "role_card": card,
            "learning_points": points,
            "difficulty": difficulty,
            "published": True,
            **{
                f"domain_{name}": name in domains
                for name in ("learning", "managing", "living", "other")
            },
        },
    )
    scenario.competences.set(Competence.objects.filter(code__in=codes))
    scenario.save()
    if not scenario.results.exists():
        for order, (measure, result, unit, target, against, line_note) in enumerate(results):
            ScenarioResult.objects.create(
                scenario=scenario,
                sort_order=order,
                measure=measure,
                result=result,
                unit=unit,
                target=target,
                against_target=against,
                note=line_note,
            )
    return scenario


def _grant_trainers():
    """Let the trainers' group add and change scenarios in the content admin."""
    trainers, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    trainers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="simulations",
            codename__in=["add_scenario", "change_scenario", "view_scenario"],
        )
    )


def _workshop_for(hcp, site, **when):
    """A workshop of the site, not cancelled, that the HCP is booked on or may be booked on."""
    booked_elsewhere = Booking.objects.filter(hcp=hcp).exclude(status__in=ON_THE_DAY)
    return (
        Workshop.objects.filter(site=site, **when)
        .exclude(status=WorkshopStatus.CANCELLED)
        .exclude(pk__in=booked_elsewhere.values("workshop"))
        .exclude(title=DEMO_WORKSHOP_TITLE)
        .order_by("starts_at")
        .first()
    )


def _own_workshop(site, programme, trainer):
    """A delivered demo workshop of our own, a week ago, when the site has none."""
    workshop = Workshop.objects.filter(title=DEMO_WORKSHOP_TITLE, site=site).first()
    if workshop is None:
        day = timezone.localdate() - timedelta(days=7)
        starts = timezone.make_aware(datetime.combine(day, time(9, 30)))
        workshop = Workshop.objects.create(
            title=DEMO_WORKSHOP_TITLE,
            site=site,
            programme=programme,
            starts_at=starts,
            ends_at=starts + timedelta(hours=7),
            venue="Mile End Hospital education centre",
            capacity=16,
            status=WorkshopStatus.DELIVERED,
        )
    workshop.trainers.add(trainer)
    colleagues = User.objects.filter(
        memberships__role=Role.HCP, memberships__organisation__path__startswith=site.path
    ).exclude(email="hcp@example.org")
    for colleague in colleagues.order_by("email")[:3]:
        Booking.objects.get_or_create(
            workshop=workshop, hcp=colleague, defaults={"status": BookingStatus.ATTENDED}
        )
    return workshop


def _session(workshop, scenario, hcp, rep, slot):
    """One session for the demo HCP and representative, with up to two observers."""
    Booking.objects.get_or_create(
        workshop=workshop, hcp=hcp, defaults={"status": BookingStatus.BOOKED}
    )
    starts = timezone.make_aware(
        datetime.combine(timezone.localtime(workshop.starts_at).date(), slot)
    )
    session, created = SimulationSession.objects.get_or_create(
        workshop=workshop,
        hcp=hcp,
        scenario=scenario,
        defaults={"representative": rep, "starts_at": starts, "room": "Room 2"},
    )
    if created:
        others = workshop.bookings.filter(status__in=ON_THE_DAY).exclude(hcp=hcp)
        session.observers.set([booking.hcp for booking in others.select_related("hcp")[:2]])
    return session


def _care_plan(session):
    """The care plan the demo HCP recorded after playing the case study."""
    care_plan, created = CarePlan.objects.get_or_create(
        session=session,
        defaults={
            "learning_about": "Why her blood pressure is high when she feels well.",
            "managing": "Blood pressure above target; weight above target. Happy with the rest.",
            "living_with": "Read the results with her husband and came with two things circled.",
            "other_issues": "Smokes ten a day; knows the risks and is not ready to stop. "
            "Agreed to come back to it whenever she wants.",
            "goals": "Better blood pressure control. Lose a stone.",
            "version": 1,
        },
    )
    if not created:
        return
    day = timezone.localdate()
    for order, (what, who, days, confidence) in enumerate(
        [
            ("Check blood pressure at home twice a week and write it down", "Mrs Smith", 14, 8),
            ("Rejoin the slimming group on Thursday evenings", "Mrs Smith", 7, 7),
            ("See the GP if home readings are still above target", "Mrs Smith", 60, 9),
            ("Show Mrs Smith how to use the home monitor", "Practice nurse", 7, None),
        ]
    ):
        CarePlanAction.objects.create(
            care_plan=care_plan,
            sort_order=order,
            what=what,
            who=who,
            due_on=day + timedelta(days=days),
            confidence=confidence,
        )

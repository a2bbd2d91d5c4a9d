"""Demo questionnaires in the words of the national report, and feedback on demo sessions.

Safe to run again: instruments are found by name; a session with a representative's
feedback is left alone. Sessions belong to the simulations app: with none, no feedback is made.
"""

import random

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from competences.models import Competence
from feedback import services
from feedback.models import (
    FeedbackLink,
    FeedbackResponse,
    Instrument,
    InstrumentPurpose,
    InstrumentVersion,
    Item,
    ItemKind,
    RespondentRole,
    ScoringMethod,
    VersionStatus,
)
from simulations.models import SimulationSession
from training_site.demo import TRAINERS_GROUP

LIKERT = ItemKind.LIKERT
YPN = ItemKind.YES_PARTLY_NO
SCALE = ItemKind.SCALE_0_10
TEXT = ItemKind.TEXT

# (code, prompt, help text, kind, required, allows n/a, in score, competence codes)
REPRESENTATIVE_ITEMS = [
    (
        "story_heard",
        "Was my story heard?",
        "Did they listen to what matters to me, in my own words?",
        LIKERT,
        True,
        False,
        True,
        ["Diab HA1"],
    ),
    (
        "results_explained",
        "Were my results explained?",
        "So that I understood what they mean for me.",
        LIKERT,
        True,
        True,
        True,
        ["Diab HA1"],
    ),
    (
        "priorities_agreed",
        "Did we agree my priorities?",
        "Together, starting from what I wanted to talk about.",
        LIKERT,
        True,
        False,
        True,
        ["Diab HA1", "Diab HA2"],
    ),
    (
        "plan_mine",
        "Is the plan mine?",
        "Goals and actions I chose, not ones I was told.",
        LIKERT,
        True,
        False,
        True,
        ["Diab HA2"],
    ),
    (
        "plan_confidence",
        "How confident am I that I can carry out the plan?",
        "0 is not at all confident, 10 is completely confident.",
        SCALE,
        True,
        False,
        True,
        ["Diab HA6"],
    ),
    ("went_well", "What went well?", "", TEXT, False, False, False, []),
    ("could_be_better", "What could be better?", "", TEXT, False, False, False, []),
]
OBSERVER_ITEMS = [
    (
        "agenda_first",
        "Invited the person's own agenda before raising its own",
        "",
        YPN,
        True,
        False,
        False,
        ["Diab HA1"],
    ),
    ("story_heard", "The person's story was heard", "", LIKERT, True, False, True, ["Diab HA1"]),
    (
        "results_explained",
        "Results were explained in a way the person understood",
        "",
        LIKERT,
        True,
        True,
        True,
        ["Diab HA1"],
    ),
    (
        "priorities_agreed",
        "Priorities were agreed together",
        "",
        LIKERT,
        True,
        False,
        True,
        ["Diab HA1", "Diab HA2"],
    ),
    (
        "plan_mine",
        "The plan belongs to the person",
        "Goals and actions the person chose, with who does what by when.",
        LIKERT,
        True,
        False,
        True,
        ["Diab HA2"],
    ),
    (
        "confidence_checked",
        "Checked the person's confidence in carrying out the plan",
        "",
        YPN,
        True,
        False,
        False,
        ["Diab HA6"],
    ),
    ("went_well", "What went well?", "", TEXT, False, False, False, []),
    ("could_be_better", "What could be improved?", "", TEXT, False, False, False, []),
]
SKILLS = [
    ("conf_results", "Sharing results with the person before the consultation", ["Diab HA1"]),
    ("conf_agenda", "Finding out the person's own agenda, concerns and questions", ["Diab HA1"]),
    ("conf_priorities", "Agreeing priorities and goals together", ["Diab HA1", "Diab HA2"]),
    ("conf_action_plan", "Agreeing an action plan: what, who, by when", ["Diab HA2"]),
    ("conf_behaviour", "Supporting the person to make and sustain changes", ["Diab HA6"]),
]
SKILL_HELP = "How confident are you? 0 is not at all, 10 is completely."
BEFORE_ITEMS = [
    (code, prompt, SKILL_HELP, SCALE, True, False, True, comps) for code, prompt, comps in SKILLS
]
AFTER_ITEMS = [
    *BEFORE_ITEMS,
    ("most_useful", "What was most useful?", "", TEXT, False, False, False, []),
    ("would_improve", "What would improve the workshop?", "", TEXT, False, False, False, []),
]
INSTRUMENTS = [
    (
        "Representative's feedback on a care planning consultation",
        InstrumentPurpose.REPRESENTATIVE_FEEDBACK,
        "Thank you for taking part. Your answers help the professional learn what works. "
        "They see your answers with the name you choose, never your contact details.",
        (ScoringMethod.MEAN, 1, "mean"),
        REPRESENTATIVE_ITEMS,
    ),
    (
        "Observer's checklist for a simulated consultation",
        InstrumentPurpose.OBSERVER_CHECKLIST,
        "What you saw in the consultation, for the professional's learning.",
        (ScoringMethod.MEAN, 1, "mean"),
        OBSERVER_ITEMS,
    ),
    (
        "Workshop evaluation: before",
        InstrumentPurpose.WORKSHOP_BEFORE,
        "Before the workshop starts: how confident are you in each care planning skill?",
        (ScoringMethod.MEAN, 1, "none"),
        BEFORE_ITEMS,
    ),
    (
        "Workshop evaluation: after",
        InstrumentPurpose.WORKSHOP_AFTER,
        "Now the workshop is over: how confident are you in each care planning skill?",
        (ScoringMethod.MEAN, 1, "none"),
        AFTER_ITEMS,
    ),
]
COMMENTS = [
    ("I felt listened to from the start.", "Less time on the computer screen."),
    ("We agreed one small thing I can really do.", "Ask me what I already know about my results."),
    ("My results made sense for the first time.", "Let me finish before suggesting a plan."),
]


@transaction.atomic
def build_demo_feedback(stdout=None):
    """Create the demo questionnaires and feedback on demo sessions that have none."""
    versions = {purpose: _instrument(*spec) for spec in INSTRUMENTS for purpose in [spec[1]]}
    _let_trainers_edit_questionnaires()
    made = _feedback(versions)
    if stdout:
        stdout.write(f"Feedback: {len(versions)} questionnaires, {made} new responses.")


def _let_trainers_edit_questionnaires():
    """Give the demo trainers' group the right to edit questionnaires in the content admin."""
    group = Group.objects.filter(name=TRAINERS_GROUP).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="feedback",
            codename__in=[
                f"{verb}_{model}"
                for verb in ("add", "change", "view")
                for model in ("instrument", "instrumentversion")
            ],
        )
    )


def _instrument(name, purpose, introduction, rule, items):
    """Create an instrument with one published version, or return its current one."""
    instrument, _ = Instrument.objects.get_or_create(name=name, defaults={"purpose": purpose})
    existing = instrument.versions.order_by("-number").first()
    if existing:
        return existing
    method, max_missing, imputation = rule
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=1,
        status=VersionStatus.PUBLISHED,
        introduction=introduction,
        scoring_method=method,
        max_missing=max_missing,
        imputation=imputation,
    )
    competences = {c.code: c for c in Competence.objects.filter(code__startswith="Diab HA")}
    for order, (code, prompt, help_text, kind, required, na, in_score, codes) in enumerate(items):
        item = Item.objects.create(
            version=version,
            sort_order=order,
            code=code,
            prompt=prompt,
            help_text=help_text,
            kind=kind,
            required=required,
            allows_not_applicable=na,
            in_score=in_score,
        )
        item.competences.set([competences[c] for c in codes if c in competences])
        item.save()
    return version


def _feedback(versions):
    """Give feedback, by link, on up to twelve past demo sessions with a trainer and none yet."""
    rng = random.Random(7)  # noqa: S311 - demo answers, not secrets
    answered = FeedbackResponse.objects.filter(role=RespondentRole.REPRESENTATIVE).values("session")
    sessions = (
        SimulationSession.objects.exclude(pk__in=answered)
        .filter(workshop__trainers__isnull=False, starts_at__lte=timezone.now())
        .select_related("hcp", "scenario", "workshop")
        .prefetch_related("observers", "workshop__trainers")
        .distinct()
        .order_by("starts_at", "pk")[:12]
    )
    made = 0
    for session in sessions:
        trainer = session.workshop.trainers.all()[0]
        link, _token = services.link_create(session=session, actor=trainer)
        good = rng.random() < 0.7
        comment = rng.choice(COMMENTS)
        response = services.response_submit(
            version=link.version,
            role=RespondentRole.REPRESENTATIVE,
            values=_values(link.version, rng, good, comment),
            subject=session.hcp,
            session=session,
            link=link,
            display_name=(session.representative_name or "Pat").split(" ")[0],
        )
        _backdate(response, session)
        made += 1
        observer_version = versions[InstrumentPurpose.OBSERVER_CHECKLIST]
        for observer in session.observers.all()[:1]:
            response = services.response_submit(
                version=observer_version,
                role=RespondentRole.OBSERVER,
                values=_values(observer_version, rng, good, comment),
                subject=session.hcp,
                session=session,
                respondent=observer,
                display_name="An observer",
            )
            _backdate(response, session)
            made += 1
    return made


def _values(version, rng, good, comment):
    """Answer a version's items plausibly: mostly high for a good session, mixed otherwise."""
    values = {}
    for item in version.items.all():
        if item.kind == TEXT:
            values[item.pk] = (None, comment[0] if "well" in item.code else comment[1], False)
        elif item.kind == LIKERT:
            values[item.pk] = (rng.choice([4, 5, 5] if good else [2, 3, 4]), "", False)
        elif item.kind == YPN:
            values[item.pk] = (rng.choice([2, 2, 1] if good else [0, 1, 1]), "", False)
        else:
            values[item.pk] = (rng.choice([7, 8, 9] if good else [4, 5, 6]), "", False)
    return values


def _backdate(response, session):
    """Date a demo response on the day of its session, as if given then."""
    if session.starts_at and session.starts_at < timezone.now():
        FeedbackResponse.objects.filter(pk=response.pk).update(submitted_at=session.starts_at)
        FeedbackLink.objects.filter(response=response).update(used_at=session.starts_at)

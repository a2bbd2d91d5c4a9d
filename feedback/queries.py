"""Reads for feedback pages and reports, each starting from what the person may see."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from feedback import scoring
from feedback.models import (
    Answer,
    FeedbackLink,
    FeedbackResponse,
    InstrumentVersion,
    Item,
    ItemKind,
    RespondentRole,
    token_digest,
)
from simulations.models import SimulationSession
from training_site.scoping import organisations_managed_by, people_visible_to
from workshops.models import Workshop


def link_for_token(token):
    """Return the link a token opens, or None for a token nobody made."""
    return (
        FeedbackLink.objects.select_related("session__scenario", "session__hcp", "version")
        .filter(token_hash=token_digest(token))
        .first()
    )


def workshops_trained_by(user):
    """Workshops a person trains."""
    return Workshop.objects.filter(trainers=user)


def workshops_in_report_scope(user):
    """Workshops whose feedback a person may see in reports: its sites, or those it trains."""
    if user.is_superuser:
        return Workshop.objects.all()
    return Workshop.objects.filter(
        Q(site__in=organisations_managed_by(user)) | Q(trainers=user)
    ).distinct()


def get_trained_workshop_or_404(user, pk):
    """Return a workshop the person trains, or answer 404."""
    workshop = workshops_trained_by(user).filter(pk=pk).first()
    if workshop is None:
        raise Http404("No such workshop.")
    return workshop


@dataclass(frozen=True)
class SessionLinkRow:
    """A session on the feedback links page, with its newest link and whether feedback is in."""

    session: SimulationSession
    link: FeedbackLink | None
    received: bool


def link_rows(workshop):
    """Return a workshop's sessions with their newest link and whether the feedback is in."""
    received = FeedbackResponse.objects.filter(
        session=OuterRef("pk"), role=RespondentRole.REPRESENTATIVE
    )
    sessions = (
        workshop.simulation_sessions.select_related("scenario", "hcp", "representative")
        .annotate(received=Exists(received))
        .prefetch_related(
            Prefetch(
                "feedback_links",
                queryset=FeedbackLink.objects.order_by("-created_at"),
                to_attr="newest_links",
            )
        )
        .order_by("starts_at", "pk")
    )
    return [
        SessionLinkRow(s, s.newest_links[0] if s.newest_links else None, s.received)
        for s in sessions
    ]


def representative_sessions(user):
    """Sessions a representative with an account took part in, and whether its feedback is in."""
    given = FeedbackResponse.objects.filter(
        session=OuterRef("pk"), role=RespondentRole.REPRESENTATIVE
    )
    return (
        SimulationSession.objects.filter(representative=user)
        .select_related("scenario", "hcp", "workshop")
        .annotate(given=Exists(given))
        .order_by(F("starts_at").desc(nulls_last=True), "-pk")
    )


def observed_sessions(user):
    """Sessions a person observes, and whether its checklist is in."""
    given = FeedbackResponse.objects.filter(
        session=OuterRef("pk"), role=RespondentRole.OBSERVER, respondent=user
    )
    return (
        SimulationSession.objects.filter(observers=user)
        .select_related("scenario", "hcp", "workshop")
        .annotate(given=Exists(given))
        .order_by(F("starts_at").desc(nulls_last=True), "-pk")
    )


def with_answers(responses):
    """Load each response's answers with the wording of the version it answered."""
    return responses.select_related(
        "version__instrument", "session__scenario", "session__workshop"
    ).prefetch_related(
        "version__items",
        Prefetch(
            "answers",
            queryset=Answer.objects.select_related("item").order_by("item__sort_order", "pk"),
        ),
    )


def feedback_about(hcp):
    """Feedback about an HCP from representatives and observers, newest first."""
    return with_answers(FeedbackResponse.objects.about(hcp)).order_by("-submitted_at", "-pk")


def new_feedback_count(hcp, since=None):
    """Count feedback about an HCP in the last fortnight."""
    since = since or timezone.now() - timezone.timedelta(days=14)
    return FeedbackResponse.objects.about(hcp).filter(submitted_at__gte=since).count()


def get_response_for_subject_or_404(user, pk):
    """Return feedback about the person asking, or answer 404."""
    response = with_answers(FeedbackResponse.objects.about(user)).filter(pk=pk).first()
    if response is None:
        raise Http404("No such feedback.")
    return response


def get_withdrawable_response_or_404(user, pk):
    """Return a current response about someone a network administrator may see, or answer 404."""
    response = (
        FeedbackResponse.objects.current()
        .filter(pk=pk, subject__in=people_visible_to(user))
        .select_related("subject", "version__instrument", "session__scenario")
        .first()
    )
    if response is None:
        raise Http404("No such feedback.")
    return response


def version_items(version):
    """Return a version's questions in order."""
    return list(version.items.order_by("sort_order", "pk"))


def current_version(purpose):
    """Return the newest published version of the instrument for a purpose."""
    return InstrumentVersion.objects.current_for(purpose)


@dataclass(frozen=True)
class ReportRow:
    """One group in a report: how many responses, and their mean score unless too few."""

    label: str
    responses: int
    mean_score: float | None
    suppressed: bool


def _grouped(responses, label_field, threshold):
    """Count responses and average scores per group in one query, hiding small groups."""
    rows = (
        responses.values(label_field)
        .annotate(n=Count("pk"), mean=Avg("score"))
        .order_by(label_field)
    )
    return [
        ReportRow(
            row[label_field] or "Not recorded",
            row["n"],
            None if row["n"] < threshold or row["mean"] is None else round(row["mean"], 2),
            row["n"] < threshold,
        )
        for row in rows
    ]


def responses_in_report_scope(user):
    """Current representative and observer responses about sessions of workshops in scope."""
    return FeedbackResponse.objects.current().filter(
        session__workshop__in=workshops_in_report_scope(user),
        role__in=[RespondentRole.REPRESENTATIVE, RespondentRole.OBSERVER],
    )


def score_scales(versions):
    """Return the score scale of each version among a query of versions, by id, in one query."""
    items = Item.objects.filter(version__in=versions).select_related("version")
    ranges, methods = defaultdict(list), {}
    for item in items.only("kind", "in_score", "version__scoring_method"):
        methods[item.version_id] = item.version.scoring_method
        if item.is_scored and item.value_range:
            ranges[item.version_id].append(item.value_range)
    return {pk: scoring.scale(ranges[pk], method) for pk, method in methods.items()}


@dataclass(frozen=True)
class FeedbackReport:
    """Feedback scores per workshop, scenario and site, and the agreement between raters."""

    by_workshop: list
    by_scenario: list
    by_site: list
    agreement: "Agreement"
    threshold: int
    scales: list


def feedback_report(user, role=RespondentRole.REPRESENTATIVE):
    """Build the feedback report a person may see: five queries whatever the data's size."""
    threshold = settings.SMALL_NUMBER_THRESHOLD
    scoped = responses_in_report_scope(user)
    responses = scoped.filter(role=role)
    return FeedbackReport(
        by_workshop=_grouped(responses, "session__workshop__title", threshold),
        by_scenario=_grouped(responses, "session__scenario__title", threshold),
        by_site=_grouped(responses, "session__workshop__site__name", threshold),
        agreement=agreement(scoped),
        threshold=threshold,
        scales=sorted(
            {str(scale) for scale in score_scales(responses.values("version")).values() if scale}
        ),
    )


@dataclass(frozen=True)
class HCPScorePoint:
    """One response's score on a day."""

    pk: int
    day: object
    instrument: str
    score: float | None
    scenario: str
    scale: str = ""


def hcp_scores_over_time(hcp):
    """Scores of the feedback about an HCP with their scales, oldest first, in two queries."""
    responses = FeedbackResponse.objects.about(hcp)
    rows = (
        responses.annotate(day=TruncDate("submitted_at"))
        .values(
            "pk",
            "day",
            "version_id",
            "version__instrument__name",
            "score",
            "session__scenario__title",
        )
        .order_by("submitted_at", "pk")
    )
    scales = score_scales(responses.values("version"))
    return [
        HCPScorePoint(
            row["pk"],
            row["day"],
            row["version__instrument__name"],
            row["score"],
            row["session__scenario__title"] or "",
            str(scales.get(row["version_id"]) or ""),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class AgreementRow:
    """How far the representative's and the observer's ratings of one aspect agree."""

    label: str
    pairs: int
    mean_absolute_difference: float | None
    exact_agreement: float | None
    suppressed: bool


@dataclass(frozen=True)
class Agreement:
    """Agreement per aspect, and over all paired ratings."""

    rows: list
    pairs: int
    mean_absolute_difference: float | None
    exact_agreement: float | None

    @property
    def drawable(self):
        """Say whether any aspect has enough pairs to be drawn."""
        return any(not row.suppressed for row in self.rows)


def agreement(responses):
    """Compare the representative's and each observer's ratings of the same session.

    Two ratings pair when their items share a code or a mapped competence and are answered on
    the same kind of scale; one query reads every rated answer in scope.
    """
    threshold = settings.SMALL_NUMBER_THRESHOLD
    rated = (
        Answer.objects.filter(
            response__in=responses,
            response__session__isnull=False,
            not_applicable=False,
            value__isnull=False,
        )
        .exclude(item__kind=ItemKind.TEXT)
        .values(
            "response__session_id",
            "response__role",
            "response_id",
            "item__code",
            "item__kind",
            "item__prompt",
            "value",
            "item__competences__code",
        )
    )
    keyed = defaultdict(lambda: defaultdict(dict))
    labels = {}
    for row in rated:
        side = "rep" if row["response__role"] == RespondentRole.REPRESENTATIVE else "obs"
        keys = [("code", row["item__code"])]
        if row["item__competences__code"]:
            keys.append(("competence", row["item__competences__code"]))
        for key in keys:
            aspect = (*key, row["item__kind"])
            labels.setdefault(aspect, _aspect_label(key, row["item__prompt"]))
            keyed[(row["response__session_id"], aspect)][side].setdefault(
                row["response_id"], row["value"]
            )
    differences = defaultdict(list)
    for (_, aspect), sides in keyed.items():
        for rep_value in sides["rep"].values():
            for obs_value in sides["obs"].values():
                differences[aspect].append(abs(rep_value - obs_value))
    rows = [
        _agreement_row(labels[aspect], values, threshold)
        for aspect, values in sorted(differences.items(), key=lambda pair: labels[pair[0]])
    ]
    everything = [d for values in differences.values() for d in values]
    overall = _agreement_row("All", everything, threshold)
    return Agreement(
        rows, len(everything), overall.mean_absolute_difference, overall.exact_agreement
    )


def _aspect_label(key, prompt):
    """Name what two ratings are compared on."""
    kind, value = key
    return f"Competence {value}" if kind == "competence" else prompt


def _agreement_row(label, differences, threshold):
    """Summarise paired differences, hiding fewer pairs than the threshold."""
    count = len(differences)
    if count < threshold:
        return AgreementRow(label, count, None, None, True)
    mad = round(sum(differences) / count, 2)
    exact = round(100 * sum(1 for d in differences if d == 0) / count)
    return AgreementRow(label, count, mad, exact, False)

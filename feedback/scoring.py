"""Scoring a response: pure functions from the answered values and a version's rule to a score.

Rules, the same for every instrument:
- Only scored items count: ``in_score`` set and not free text.
- A scored item is missing when it has no value or was answered "not applicable": either way
  the person gave no rating, so "not applicable" counts as missing.
- More missing scored items than ``max_missing``: no score, with the reason.
- No scored item answered at all: no score, with the reason, whatever ``max_missing`` allows.
- ``sum``: the answered values added up; with mean imputation each missing item adds the mean
  of the answered ones, so a short response is not marked down for a gap the rule allows.
- ``mean``: the mean of the answered values (imputing the mean changes nothing).

A score's scale follows from its items' ranges: a mean lies between the lowest and highest
point any scored item offers; a sum between the totals of their lowest and highest points.
"""

from dataclasses import dataclass

SUM = "sum"
MEAN = "mean"
IMPUTE_MEAN = "mean"


@dataclass(frozen=True)
class ScoringRule:
    """How a version turns answers into a score."""

    method: str = MEAN
    max_missing: int = 0
    imputation: str = "none"


@dataclass(frozen=True)
class ScoredAnswer:
    """One scored item's answer: its value, or None when missing or not applicable."""

    value: int | None
    not_applicable: bool = False

    @property
    def missing(self):
        """Say whether this answer gives no rating."""
        return self.value is None or self.not_applicable


@dataclass(frozen=True)
class Score:
    """A response's score, or None with the reason it has none."""

    value: float | None
    answered: int
    missing: int
    reason: str = ""


def score(answers, rule):
    """Score the answers to a version's scored items under its rule."""
    answers = list(answers)
    values = [answer.value for answer in answers if not answer.missing]
    missing = len(answers) - len(values)
    if not answers:
        return Score(None, 0, 0, "This questionnaire has no scored questions.")
    if not values:
        return Score(None, 0, missing, "No scored question was answered.")
    if missing > rule.max_missing:
        return Score(
            None,
            len(values),
            missing,
            f"{missing} scored questions unanswered or not applicable; "
            f"the most allowed is {rule.max_missing}.",
        )
    mean = sum(values) / len(values)
    if rule.method == SUM:
        total = sum(values) + (missing * mean if rule.imputation == IMPUTE_MEAN else 0)
        return Score(round(total, 2), len(values), missing)
    return Score(round(mean, 2), len(values), missing)


@dataclass(frozen=True)
class Scale:
    """The lowest and highest score a version's scored items allow."""

    low: float
    high: float

    def __str__(self):
        return f"{self.low:g} to {self.high:g}"


def scale(ranges, method):
    """Return the scale of a score from its scored items' (lowest, highest) points, or None."""
    ranges = list(ranges)
    if not ranges:
        return None
    if method == SUM:
        return Scale(sum(low for low, _high in ranges), sum(high for _low, high in ranges))
    return Scale(min(low for low, _high in ranges), max(high for _low, high in ranges))

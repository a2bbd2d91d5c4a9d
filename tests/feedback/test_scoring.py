"""Scoring rules at their edges: missing items, all missing, not applicable, imputation."""

import pytest

from feedback.scoring import ScoredAnswer, ScoringRule, score

MEAN_ONE_MISSING = ScoringRule("mean", 1, "none")
SUM_NO_IMPUTATION = ScoringRule("sum", 1, "none")
SUM_IMPUTED = ScoringRule("sum", 1, "mean")


def answers(*values):
    """Scored answers: a number, None for missing, or 'na' for not applicable."""
    return [ScoredAnswer(None, True) if value == "na" else ScoredAnswer(value) for value in values]


def test_nothing_missing_gives_the_mean():
    result = score(answers(4, 5, 3), MEAN_ONE_MISSING)
    assert (result.value, result.answered, result.missing, result.reason) == (4.0, 3, 0, "")


def test_nothing_missing_gives_the_sum():
    assert score(answers(4, 5, 3), SUM_NO_IMPUTATION).value == 12


def test_up_to_n_missing_still_scores_on_the_answered_items():
    result = score(answers(4, None, 2), MEAN_ONE_MISSING)
    assert result.value == 3.0
    assert result.missing == 1


def test_one_more_than_n_missing_has_no_score_and_says_why():
    result = score(answers(4, None, None), MEAN_ONE_MISSING)
    assert result.value is None
    assert result.reason == (
        "2 scored questions unanswered or not applicable; the most allowed is 1."
    )


def test_zero_allowed_missing_excludes_a_single_gap():
    assert score(answers(5, None), ScoringRule("mean", 0, "none")).value is None


def test_all_missing_has_no_score_even_when_the_rule_would_allow_it():
    result = score(answers(None, None), ScoringRule("mean", 5, "mean"))
    assert result.value is None
    assert result.reason == "No scored question was answered."


def test_all_not_applicable_has_no_score():
    result = score(answers("na", "na", "na"), ScoringRule("sum", 3, "mean"))
    assert result.value is None
    assert result.missing == 3
    assert result.reason == "No scored question was answered."


def test_not_applicable_counts_as_missing():
    assert score(answers(4, "na", "na"), MEAN_ONE_MISSING).value is None
    assert score(answers(4, "na", 2), MEAN_ONE_MISSING).value == 3.0


def test_a_value_marked_not_applicable_is_not_counted():
    assert score([ScoredAnswer(5, True), ScoredAnswer(1)], MEAN_ONE_MISSING).value == 1.0


def test_sum_with_mean_imputation_fills_each_gap_with_the_answered_mean():
    assert score(answers(4, 2, None), SUM_IMPUTED).value == 9.0


def test_sum_without_imputation_adds_only_the_answered_items():
    assert score(answers(4, 2, None), SUM_NO_IMPUTATION).value == 6


def test_mean_imputation_does_not_change_a_mean():
    assert score(answers(4, 1, None), ScoringRule("mean", 1, "mean")).value == 2.5


def test_imputed_sum_is_rounded_to_two_places():
    assert score(answers(1, 2, 2, None), ScoringRule("sum", 1, "mean")).value == pytest.approx(6.67)


def test_no_scored_items_has_no_score():
    result = score([], MEAN_ONE_MISSING)
    assert result.value is None
    assert result.reason == "This questionnaire has no scored questions."


@pytest.mark.django_db
def test_text_items_are_ignored_by_the_score(hcp, trainer, site_a):
    from feedback import services
    from feedback.models import RespondentRole
    from tests.factories.feedback import representative_version, simulation_session, workshop

    version = representative_version(scoring_method="sum", max_missing=0)
    items = {i.code: i for i in version.items.all()}
    session = simulation_session(workshop(site_a, trainers=[trainer]), hcp)
    response = services.response_submit(
        version=version,
        role=RespondentRole.REPRESENTATIVE,
        subject=hcp,
        session=session,
        respondent=trainer,
        display_name="Ray",
        values={
            items["story_heard"].pk: (5, "", False),
            items["results_explained"].pk: (3, "", False),
            items["plan_mine"].pk: (2, "", False),
            items["plan_confidence"].pk: (9, "", False),
            items["could_be_better"].pk: (None, "Slow down", False),
        },
    )
    assert response.score == 10
    assert response.score_note == ""

"""The small-number rule: a share of a group smaller than the threshold is not shown."""

from training_site.small_numbers import share


def test_share_of_a_group_at_the_threshold_is_a_percentage(settings):
    settings.SMALL_NUMBER_THRESHOLD = 5

    assert share(2, 5) == "40%"


def test_share_of_a_group_below_the_threshold_is_hidden(settings):
    settings.SMALL_NUMBER_THRESHOLD = 5

    assert share(1, 1) == "fewer than 5"
    assert share(0, 4) == "fewer than 5"

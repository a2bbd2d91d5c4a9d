"""Spotting NHS numbers and dates of birth in what an HCP writes."""

import pytest

from training_site.patient_identifiers import identifying_details, is_valid_nhs_number


@pytest.mark.parametrize("number", ["9434765919", "4010232137", "9434765870"])
def test_valid_nhs_numbers_pass_the_check(number):
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize("number", ["9434765918", "1234567890", "943476591", "abcdefghij"])
def test_invalid_nhs_numbers_fail_the_check(number):
    assert not is_valid_nhs_number(number)


@pytest.mark.parametrize("text", ["NHS no 943 476 5919", "nhs: 943-476-5919", "(9434765919)"])
def test_a_valid_nhs_number_is_spotted_in_any_spacing(text):
    assert identifying_details(text) == ["an NHS number"]


def test_ten_digits_failing_the_check_are_not_an_nhs_number():
    assert identifying_details("Call 943 476 5918 for the clinic") == []


@pytest.mark.parametrize(
    "text", ["DOB 12/03/1956", "born 3 March 1956", "date of birth 1956-03-12"]
)
def test_a_date_near_birth_words_is_a_date_of_birth(text):
    assert identifying_details(text) == ["a date of birth"]


def test_any_full_date_is_flagged_as_possibly_a_date_of_birth():
    assert identifying_details("Seen on 12.03.2024") == [
        "a full date, which could be a date of birth"
    ]


def test_text_without_identifiers_passes():
    assert identifying_details("A man in his sixties who wanted to walk more, HbA1c 58.") == []

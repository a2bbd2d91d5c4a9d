"""Spotting text that may identify a patient: an NHS number or a date of birth."""

import re

NHS_NUMBER = re.compile(r"(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])")
FULL_DATE = re.compile(
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?"
    r"\s+(?:19|20)\d{2}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s+(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
BIRTH_WORDS = re.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born)\b", re.IGNORECASE)


def is_valid_nhs_number(digits):
    """Say whether ten digits pass the NHS number's modulus 11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def identifying_details(text):
    """Return what in the text looks as if it identifies a patient, as short descriptions."""
    found = []
    for match in NHS_NUMBER.finditer(text or ""):
        if is_valid_nhs_number("".join(match.groups())):
            found.append("an NHS number")
            break
    dates = list(FULL_DATE.finditer(text or ""))
    if dates:
        if BIRTH_WORDS.search(text):
            found.append("a date of birth")
        else:
            found.append("a full date, which could be a date of birth")
    return found

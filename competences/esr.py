"""Reading the shape the NHS Electronic Staff Record exports: full names and staff groups."""

import re

from training_site.models import Profession

TITLES = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev"}
STAFF_GROUPS = {
    "Additional Professional Scientific and Technical": "",
    "Add Prof Scientific and Technic": "",
    "Additional Clinical Services": Profession.HEALTHCARE_ASSISTANT,
    "Administrative and Clerical": Profession.OTHER,
    "Allied Health Professionals": "",
    "Estates and Ancillary": Profession.OTHER,
    "Healthcare Scientists": Profession.OTHER,
    "Medical and Dental": Profession.DOCTOR,
    "Nursing and Midwifery Registered": Profession.NURSE,
    "Students": Profession.OTHER,
}
ACCEPTED_GROUPS = ", ".join(name for name in STAFF_GROUPS if not name.startswith("Add Prof"))


def _key(text):
    """Normalise text for matching: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


GROUPS_BY_KEY = {_key(name): profession for name, profession in STAFF_GROUPS.items()}


def staff_group_profession(text):
    """Return the profession a staff group implies, '' if the group alone cannot say, or None."""
    return GROUPS_BY_KEY.get(_key(text))


def split_name(text):
    """Split 'Surname, Forename' or 'Dr Forename Surname' into (first name, last name)."""
    if "," in text:
        last, _, first = text.partition(",")
    else:
        words = text.split()
        last = words.pop() if len(words) > 1 else ""
        first = " ".join(words)
    words = [w for w in first.split() if w.lower().rstrip(".") not in TITLES] or first.split()
    return " ".join(words), last.strip()

"""Reading an HR extract: which column holds each field, and reading dates and professions."""

from datetime import datetime

from competences.imports import match_columns, match_key
from competences.models import StaffPost
from training_site.models import Profession, User

STAFF_FIELDS = {
    "email": ("Email address", True, ["email", "emailaddress", "workemail", "mail"]),
    "full_name": ("Full name", False, ["employeename", "fullname", "lastnamefirstname", "name"]),
    "first_name": ("First name", False, ["firstname", "forename", "givenname", "first"]),
    "last_name": ("Last name", False, ["lastname", "surname", "familyname", "last"]),
    "profession": ("Profession or staff group", False, ["profession", "staffgroup", "occupation"]),
    "job_role": ("Job role", False, ["jobrole", "occupationcode"]),
    "post": ("Post", True, ["post", "positiontitle", "posttitle", "jobtitle", "role", "position"]),
    "organisation": (
        "Organisation (name or code)",
        False,
        [
            "organisation",
            "organisationcode",
            "orgcode",
            "practicecode",
            "odscode",
            "practice",
            "team",
            "site",
        ],
    ),
    "cost_centre": ("Cost centre", False, ["costcentre", "costcenter", "costcode"]),
    "since": (
        "In post since",
        True,
        [
            "since",
            "assignmentstartdate",
            "startdate",
            "dateinpost",
            "datestarted",
            "start",
            "insince",
        ],
    ),
    "staff_number": (
        "Staff number",
        False,
        ["staffnumber", "employeenumber", "assignmentnumber", "payrollnumber"],
    ),
}
STAFF_LENGTHS = {
    "email": User._meta.get_field("email").max_length,
    "first_name": User._meta.get_field("first_name").max_length,
    "last_name": User._meta.get_field("last_name").max_length,
    "staff_number": StaffPost._meta.get_field("staff_number").max_length,
}
KNOWN_PROFESSIONS = ", ".join(p.label for p in Profession)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%b-%Y", "%d %b %Y")


def guess_staff_mapping(headers):
    """Guess which heading holds each field of an HR extract."""
    return match_columns(headers, {name: spec[2] for name, spec in STAFF_FIELDS.items()})


def parse_date(text):
    """Read a date written as 2024-05-01, 01/05/2024 or the like."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def profession_named(text):
    """Find the profession a free-text entry names, or None."""
    wanted = match_key(text)
    for choice in Profession:
        if wanted in (match_key(choice.value), match_key(choice.label)):
            return choice.value
    aliases = {
        "gp": "doctor",
        "hca": "healthcare_assistant",
        "rn": "nurse",
        "registerednurse": "nurse",
        "staffnurse": "nurse",
        "practicenurse": "nurse",
        "generalpractitioner": "doctor",
        "dietician": "dietitian",
    }
    return aliases.get(wanted)

"""Importing frameworks and HR extracts: every row is checked, then all or nothing is written."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from competences.esr import ACCEPTED_GROUPS, split_name, staff_group_profession
from competences.models import Competence, Framework, KSFLevel, PostProfile, Scope, StaffPost
from training_site.audit import audit_record
from training_site.models import AuditAction, Membership, Profession, Role, User
from training_site.onboarding import welcome_send
from training_site.scoping import organisations_managed_by, people_visible_to


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0

    def add(self, number, message):
        """Record a problem with one row."""
        self.errors.append((number, message))

    @property
    def ok(self):
        """Say whether every row was good."""
        return not self.errors

    @property
    def bad_rows(self):
        """Return the bad rows' numbers with all their messages joined."""
        rows = {}
        for number, message in self.errors:
            rows.setdefault(number, []).append(message)
        return sorted(rows.items())


def _key(header):
    """Normalise a column heading for matching: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


CODE_LENGTH = Competence._meta.get_field("code").max_length
FRAMEWORK_COLUMNS = {
    "code": ["code", "ref", "refno", "reference"],
    "title": ["title", "competence", "name"],
    "description": ["description", "detail"],
    "ksf_dimension": ["ksfdimension", "ksf", "dimension"],
    "ksf_level": ["ksflevel", "level"],
    "scope": ["scope", "type"],
}


def match_columns(headers, columns):
    """Guess which heading holds each field, by its usual names."""
    by_key = {_key(h): h for h in headers}
    return {
        name: next((by_key[k] for k in aliases if k in by_key), "")
        for name, aliases in columns.items()
    }


def framework_import(*, table, framework):
    """Add or update a framework's competences from a table; nothing is written if a row is bad.

    ``framework`` is an existing Framework or an unsaved one to create.
    """
    report = ImportReport()
    mapping = match_columns(table.headers, FRAMEWORK_COLUMNS)
    for required in ("code", "title"):
        if not mapping[required]:
            report.add(1, f"There is no '{required}' column.")
    if not report.ok:
        return report
    levels = {
        (lvl.dimension.code.upper(), lvl.level): lvl
        for lvl in KSFLevel.objects.select_related("dimension")
    }
    scopes = {s.value: s.value for s in Scope} | {"specialist": "specialist", "core": "core"}
    seen = {}
    records = []
    for row in table.rows:
        value = {
            name: row.values.get(column, "").strip() for name, column in mapping.items() if column
        }
        code, title = value.get("code", ""), value.get("title", "")
        if not code:
            report.add(row.number, "The code is missing.")
        elif code.lower() in seen:
            report.add(row.number, f"The code {code} is already on row {seen[code.lower()]}.")
        else:
            seen[code.lower()] = row.number
        if len(code) > CODE_LENGTH:
            report.add(row.number, f"The code is longer than {CODE_LENGTH} characters.")
        if not title:
            report.add(row.number, "The title is missing.")
        if len(title) > 300:
            report.add(row.number, "The title is longer than 300 characters.")
        ksf_level = None
        dimension, level = value.get("ksf_dimension", ""), value.get("ksf_level", "")
        if dimension or level:
            try:
                ksf_level = levels[dimension.upper(), int(level)]
            except (KeyError, ValueError):
                report.add(
                    row.number,
                    f"'{dimension}' level '{level}' is not a KSF dimension and level "
                    "(for example HWB6 and 3).",
                )
        scope = value.get("scope", "").lower() or Scope.CORE
        if scope not in scopes:
            report.add(row.number, f"The scope '{scope}' must be core or specialist.")
        records.append((code, title, value.get("description", ""), ksf_level, scopes.get(scope)))
    if not report.ok:
        return report
    with transaction.atomic():
        if framework.pk is None:
            framework.full_clean()
            framework.save()
        existing = {c.code.lower(): c for c in framework.competences.all()}
        for code, title, description, ksf_level, scope in records:
            competence = existing.get(code.lower()) or Competence(framework=framework, code=code)
            report.updated += competence.pk is not None
            report.created += competence.pk is None
            competence.title, competence.description = title, description
            competence.ksf_level, competence.scope = ksf_level, scope
            competence.full_clean()
            competence.save()
    return report


STAFF_FIELDS = {
    "email": ("Email address", True, ["email", "emailaddress", "workemail", "mail"]),
    "full_name": ("Full name", False, ["employeename", "fullname", "lastnamefirstname", "name"]),
    "first_name": ("First name", False, ["firstname", "forename", "givenname", "first"]),
    "last_name": ("Last name", False, ["lastname", "surname", "familyname", "last"]),
    "profession": ("Profession or staff group", False, ["profession", "staffgroup", "occupation"]),
    "job_role": ("Job role", False, ["jobrole", "occupationcode"]),
    "post": ("Post", True, ["post", "positiontitle", "posttitle", "jobtitle", "role", "position"]),
    "organisation": (
        "Organisation code",
        True,
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
AMBIGUOUS = object()
KNOWN_PROFESSIONS = ", ".join(p.label for p in Profession)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d-%b-%Y", "%d %b %Y")


def guess_staff_mapping(headers):
    """Guess which heading holds each field of an HR extract."""
    return match_columns(headers, {name: spec[2] for name, spec in STAFF_FIELDS.items()})


def _parse_date(text):
    """Read a date written as 2024-05-01, 01/05/2024 or the like."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _profession(text):
    """Find the profession a free-text entry names, or None."""
    wanted = _key(text)
    for choice in Profession:
        if wanted in (_key(choice.value), _key(choice.label)):
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


def staff_import(*, table, mapping, importer):
    """Create or update people, their HCP roles and posts from an HR extract; all or nothing."""
    report = ImportReport()
    for name, (label, required, _) in STAFF_FIELDS.items():
        if required and not mapping.get(name):
            report.add(1, f"Choose the column that holds '{label}'.")
    if not mapping.get("full_name") and not (
        mapping.get("first_name") and mapping.get("last_name")
    ):
        report.add(1, "Choose the column that holds 'Full name', or those for first and last name.")
    if not report.ok:
        return report
    organisations, names = {}, {}
    for organisation in organisations_managed_by(importer):
        organisations[organisation.code.lower()] = organisation
        names.setdefault(organisation.name.lower(), []).append(organisation)
    organisations.pop("", None)
    for name, found in names.items():
        organisations.setdefault(name, found[0] if len(found) == 1 else AMBIGUOUS)
    emails = {row.values.get(mapping.get("email") or "", "").strip().lower() for row in table.rows}
    existing = set(
        User.objects.annotate(e=Lower("email")).filter(e__in=emails).values_list("e", flat=True)
    )
    visible = set(
        people_visible_to(importer)
        .annotate(e=Lower("email"))
        .filter(e__in=emails)
        .values_list("e", flat=True)
    )
    profiles = {p.name.lower(): p for p in PostProfile.objects.filter(organisation__isnull=True)}
    local_profiles = {
        (p.name.lower(), p.organisation.path): p
        for p in PostProfile.objects.filter(organisation__isnull=False).select_related(
            "organisation"
        )
    }
    seen = {}
    records = []
    today = timezone.localdate()
    for row in table.rows:
        value = {
            name: row.values.get(column, "").strip() for name, column in mapping.items() if column
        }
        if value.get("full_name") and not (value.get("first_name") or value.get("last_name")):
            value["first_name"], value["last_name"] = split_name(value["full_name"])
        email = value.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            report.add(
                row.number,
                f"'{value.get('email', '')}' is not a valid email address."
                if email
                else "The email address is missing.",
            )
        for name in ("first_name", "last_name"):
            if not value.get(name):
                report.add(row.number, f"The {STAFF_FIELDS[name][0].lower()} is missing.")
        for name, limit in STAFF_LENGTHS.items():
            if len(value.get(name, "")) > limit:
                label = STAFF_FIELDS[name][0].lower()
                report.add(row.number, f"The {label} is longer than {limit} characters.")
        profession = _profession(value.get("job_role", "")) or ""
        group = value.get("profession", "")
        if group and not profession:
            profession = _profession(group)
            if profession is None:
                profession = staff_group_profession(group)
            if profession is None:
                report.add(
                    row.number,
                    f"'{group}' is not a profession we know ({KNOWN_PROFESSIONS}) "
                    f"or an NHS staff group ({ACCEPTED_GROUPS}).",
                )
        if email in existing and email not in visible:
            report.add(
                row.number,
                f"{email} already has an account in an organisation you do not manage. "
                "Ask your network administrator to move them.",
            )
        organisation = organisations.get(value.get("organisation", "").lower())
        if organisation is AMBIGUOUS:
            report.add(
                row.number,
                f"More than one organisation is called '{value.get('organisation')}': "
                "use its code instead.",
            )
            organisation = None
        elif organisation is None:
            report.add(
                row.number, f"'{value.get('organisation', '')}' is not an organisation you manage."
            )
        post_name = value.get("post", "").lower()
        profile = _profile_for(post_name, organisation, profiles, local_profiles)
        if not post_name:
            report.add(row.number, "The post is missing.")
        elif profile is None and (organisation is not None or post_name not in profiles):
            report.add(row.number, f"'{value.get('post')}' is not a post profile.")
        since = _parse_date(value.get("since", ""))
        if since is None:
            report.add(
                row.number, f"'{value.get('since', '')}' is not a date (write it as 31/03/2024)."
            )
        elif since > today + relativedelta(years=1):
            report.add(row.number, "The start date is more than a year away.")
        key = (email, post_name, value.get("organisation", "").lower())
        if email and key in seen:
            report.add(
                row.number, f"This person, post and organisation are already on row {seen[key]}."
            )
        seen.setdefault(key, row.number)
        records.append((email, value, profession, organisation, profile, since))
    if not report.ok:
        return report
    _write_staff(records, report)
    summary = f"{report.created} new, {report.updated} updated"
    audit_record(None, AuditAction.STAFF_IMPORT, summary=summary, actor=importer)
    return report


def _profile_for(post_name, organisation, profiles, local_profiles):
    """Find a post profile by name: one local to the organisation's tree, else a national one."""
    if organisation is None:
        return None
    local = (
        p
        for (name, path), p in local_profiles.items()
        if name == post_name and organisation.path.startswith(path)
    )
    return next(local, profiles.get(post_name))


@transaction.atomic
def _write_staff(records, report):
    """Write the checked rows: people by email, HCP roles and open posts, never duplicated."""
    emails = {r[0] for r in records}
    people = {
        u.email.lower(): u for u in User.objects.annotate(e=Lower("email")).filter(e__in=emails)
    }
    counted, new_people = set(), []
    for email, value, profession, organisation, profile, since in records:
        user = people.get(email)
        if user is None:
            user = User(email=email)
            user.set_unusable_password()
            new_people.append(user)
            report.created += 1
        elif email not in counted:
            report.updated += 1
        counted.add(email)
        user.first_name, user.last_name = value["first_name"], value["last_name"]
        if profession:
            user.profession = profession
        user.full_clean(exclude=["password"])
        user.save()
        people[email] = user
        Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.HCP)
        post = StaffPost.objects.filter(
            user=user, profile=profile, organisation=organisation, until__isnull=True
        ).first()
        if post is None:
            post = StaffPost(user=user, profile=profile, organisation=organisation)
        post.since = since
        post.staff_number = value.get("staff_number", "")
        post.full_clean()
        post.save()
    transaction.on_commit(lambda: welcome_send(new_people))


def framework_from_fields(*, name, publisher, version):
    """Return an unsaved framework for an import that creates one."""
    return Framework(name=name, publisher=publisher, version=version)

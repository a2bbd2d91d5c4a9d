"""Importing an HR extract: every row is checked, then all or nothing is written."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from competences.esr import ACCEPTED_GROUPS, split_name, staff_group_profession
from competences.imports import ImportReport
from competences.models import PostProfile, StaffPost
from competences.staff_columns import (
    KNOWN_PROFESSIONS,
    STAFF_FIELDS,
    STAFF_LENGTHS,
    parse_date,
    profession_named,
)
from training_site.audit import audit_record
from training_site.models import AuditAction, Membership, Role, User
from training_site.onboarding import welcome_send
from training_site.scoping import organisations_managed_by, people_visible_to

AMBIGUOUS = object()


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
        profession = profession_named(value.get("job_role", "")) or ""
        group = value.get("profession", "")
        if group and not profession:
            profession = profession_named(group)
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
        since = parse_date(value.get("since", ""))
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

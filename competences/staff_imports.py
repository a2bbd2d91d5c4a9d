"""Importing an HR extract: every row is checked, then all or nothing is written."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from competences.esr import ACCEPTED_GROUPS, split_name, staff_group_profession
from competences.imports import ImportReport
from competences.models import PlaceKind, StaffPost
from competences.staff_columns import (
    KNOWN_PROFESSIONS,
    STAFF_FIELDS,
    STAFF_LENGTHS,
    parse_date,
    profession_named,
)
from competences.staff_lookup import AMBIGUOUS, SKIP, ImportLookup, mapping_key
from training_site.audit import audit_record
from training_site.models import AuditAction, Membership, Role, User
from training_site.onboarding import welcome_send
from training_site.scoping import people_visible_to

PERSON_COLUMNS = ("email", "first_name", "last_name", "full_name", "profession", "job_role")


def _check_mapping(mapping, report):
    """Record a problem for each field the chosen columns leave out."""
    for name, (label, required, _) in STAFF_FIELDS.items():
        if required and not mapping.get(name):
            report.add(1, f"Choose the column that holds '{label}'.")
    if not mapping.get("organisation") and not mapping.get("cost_centre"):
        report.add(1, "Choose the column that holds 'Organisation', or the cost centre.")
    if not mapping.get("full_name") and not (
        mapping.get("first_name") and mapping.get("last_name")
    ):
        report.add(1, "Choose the column that holds 'Full name', or those for first and last name.")


def _emails_known(table, mapping, importer):
    """Return the file's email addresses that have accounts, and those the importer may see."""
    emails = {row.values.get(mapping.get("email") or "", "").strip().lower() for row in table.rows}
    existing = User.objects.annotate(e=Lower("email")).filter(e__in=emails)
    visible = people_visible_to(importer).annotate(e=Lower("email")).filter(e__in=emails)
    return set(existing.values_list("e", flat=True)), set(visible.values_list("e", flat=True))


def _check_person(number, value, report):
    """Check a row's email, names and profession; return the profession it names."""
    email = value.get("email", "").lower()
    try:
        validate_email(email)
    except ValidationError:
        report.add(
            number,
            f"'{value.get('email', '')}' is not a valid email address."
            if email
            else "The email address is missing.",
        )
    for name in ("first_name", "last_name"):
        if not value.get(name):
            report.add(number, f"The {STAFF_FIELDS[name][0].lower()} is missing.")
    for name, limit in STAFF_LENGTHS.items():
        if len(value.get(name, "")) > limit:
            report.add(
                number, f"The {STAFF_FIELDS[name][0].lower()} is longer than {limit} characters."
            )
    profession = profession_named(value.get("job_role", "")) or ""
    group = value.get("profession", "")
    if group and not profession:
        profession = profession_named(group)
        if profession is None:
            profession = staff_group_profession(group)
        if profession is None:
            report.add(
                number,
                f"'{group}' is not a profession we know ({KNOWN_PROFESSIONS}) "
                f"or an NHS staff group ({ACCEPTED_GROUPS}).",
            )
    return profession


def _check_place_and_post(number, value, lookup, report):
    """Find a row's organisation and post profile; unknown ones are listed once for choosing."""
    written, cost_centre = value.get("organisation", ""), value.get("cost_centre", "")
    organisation = lookup.place(written, cost_centre)
    if organisation is SKIP:
        return SKIP, None
    if organisation is AMBIGUOUS:
        report.add(
            number, f"More than one organisation is called '{written}': use its code instead."
        )
        organisation = None
    elif organisation is None and not (written or cost_centre):
        report.add(number, "The organisation is missing.")
    elif organisation is None:
        kind, text = (
            (PlaceKind.COST_CENTRE, cost_centre)
            if cost_centre
            else (PlaceKind.ORGANISATION, written)
        )
        report.unknown(report.unknown_places, (kind, mapping_key(text)), text, lookup.home())
    title = value.get("post", "")
    profile = lookup.profile(title, organisation) if title else None
    if not title:
        report.add(number, "The post is missing.")
    elif profile is None:
        report.unknown(report.unknown_posts, mapping_key(title), title, lookup.home(organisation))
    return organisation, profile


def _check_start(number, value, today, report):
    """Read a row's start date, recording a problem if it is not a date or too far away."""
    since = parse_date(value.get("since", ""))
    if since is None:
        report.add(number, f"'{value.get('since', '')}' is not a date (write it as 31/03/2024).")
    elif since > today + relativedelta(years=1):
        report.add(number, "The start date is more than a year away.")
    return since


def staff_import(*, table, mapping, importer):
    """Create or update people, posts and HCP roles from an HR extract; all or nothing."""
    report = ImportReport()
    _check_mapping(mapping, report)
    if not report.ok:
        return report
    places = {
        row.values.get(mapping.get("organisation") or "", "").strip().lower() for row in table.rows
    }
    lookup = ImportLookup(importer, places - {""})
    existing, visible = _emails_known(table, mapping, importer)
    seen, records = {}, []
    today = timezone.localdate()
    for row in table.rows:
        value = {
            name: row.values.get(column, "").strip() for name, column in mapping.items() if column
        }
        organisation, profile = _check_place_and_post(row.number, value, lookup, report)
        if organisation is SKIP:
            report.skipped += 1
            continue
        if value.get("full_name") and not (value.get("first_name") or value.get("last_name")):
            value["first_name"], value["last_name"] = split_name(value["full_name"])
        profession = _check_person(row.number, value, report)
        email = value.get("email", "").lower()
        if email in existing and email not in visible:
            report.add(
                row.number,
                f"{email} already has an account in an organisation you do not manage. "
                "Ask your network administrator to move them.",
            )
        since = _check_start(row.number, value, today, report)
        key = (email, value.get("post", "").lower(), getattr(organisation, "pk", None))
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
    if report.skipped:
        summary += f", {report.skipped} skipped"
    audit_record(None, AuditAction.STAFF_IMPORT, summary=summary, actor=importer)
    return report


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

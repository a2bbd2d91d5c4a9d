"""Importing an HR extract: every row is checked, the changes previewed, then all or nothing."""

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
from competences.staff_plans import (
    plan_fingerprint,
    plan_leavers,
    plan_people,
    protected_roles,
)
from training_site.audit import audit_record
from training_site.locking import RowsBusy, lock_rows_or_refuse
from training_site.models import AuditAction, Membership, Role, User
from training_site.onboarding import welcome_send
from training_site.scoping import organisations_managed_by, people_visible_to

PERSON_COLUMNS = ("email", "first_name", "last_name", "full_name", "profession", "job_role")
NOT_YOURS = (
    "Your import cannot add or change the person with this email address. "
    "Ask your network administrator."
)
BUSY = (
    "Another import for your organisations is being applied. Nothing was imported: "
    "confirm again in a minute."
)
STALE = (
    "The file or the people in it changed after you saw the preview. Nothing was imported: "
    "check the preview again, then confirm."
)


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


def _people_known(table, mapping, importer):
    """Return the file's people who have accounts, by email, and the emails the import may change.

    A person outside the importer's scope, or one holding a role the import must leave alone
    (see ``protected_roles``), is never changed; the row gets ``NOT_YOURS`` whichever it is.
    """
    emails = {row.values.get(mapping.get("email") or "", "").strip().lower() for row in table.rows}
    existing = {u.e: u for u in User.objects.annotate(e=Lower("email")).filter(e__in=emails - {""})}
    visible = set(
        people_visible_to(importer)
        .annotate(e=Lower("email"))
        .filter(e__in=list(existing))
        .values_list("e", flat=True)
    )
    roles = {}
    for user_id, role in Membership.objects.filter(user__in=list(existing.values())).values_list(
        "user_id", "role"
    ):
        roles.setdefault(user_id, set()).add(role)
    protected = protected_roles(importer)
    guarded = {
        email
        for email, user in existing.items()
        if (user.is_superuser and not importer.is_superuser)
        or roles.get(user.pk, set()) & protected
        or (user.is_staff and Role.MANAGER in protected)
    }
    return existing, visible, guarded


def _may_change(email, value, profession, known):
    """Say whether the import may write this row's person: in scope, and not renaming a guard."""
    existing, visible, guarded = known
    user = existing.get(email)
    if user is None:
        return True
    if email not in visible:
        return False
    if email not in guarded:
        return True
    renamed = (user.first_name, user.last_name) != (value.get("first_name"), value.get("last_name"))
    return not renamed and profession in ("", user.profession)


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


def staff_import_plan(*, table, mapping, importer, full_extract=False):
    """Check every row and say what importing it would do, writing nothing.

    In ``full_extract`` mode the file is everyone in post in the importer's organisations, so
    people holding a post there whom it does not list have left that post.
    """
    report = ImportReport()
    _check_mapping(mapping, report)
    if not report.ok:
        return report
    places = {
        row.values.get(mapping.get("organisation") or "", "").strip().lower() for row in table.rows
    }
    lookup = ImportLookup(importer, places - {""})
    known = _people_known(table, mapping, importer)
    seen, records, listed = {}, [], set()
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
        listed.add(email)
        if not _may_change(email, value, profession, known):
            report.add(row.number, NOT_YOURS)
        since = _check_start(row.number, value, today, report)
        key = (email, value.get("post", "").lower(), getattr(organisation, "pk", None))
        if email and key in seen:
            report.add(
                row.number, f"This person, post and organisation are already on row {seen[key]}."
            )
        seen.setdefault(key, row.number)
        records.append((row.number, email, value, profession, organisation, profile, since))
    bad = {number for number, _ in report.errors}
    good = [r[1:] for r in records if r[0] not in bad and r[4] is not None and r[5] is not None]
    scope = organisations_managed_by(importer)
    report.changes = plan_people(good, known[0], scope)
    if full_extract:
        report.changes += plan_leavers(listed, known, scope, importer, today)
    for change in report.changes:
        setattr(report, change.kind, getattr(report, change.kind) + 1)
    report.fingerprint = plan_fingerprint(table, mapping, full_extract, report.changes)
    return report


def staff_import_apply(*, table, mapping, importer, fingerprint, full_extract=False, request=None):
    """Apply exactly what the preview with this fingerprint showed, or refuse and change nothing.

    ``request``, when the import is confirmed on a page, gives the audit record its address.

    The organisations in the importer's scope stay locked until the import is written, so a
    second import for any of them at the same time is refused rather than interleaved.
    """
    try:
        with transaction.atomic():
            lock_rows_or_refuse(organisations_managed_by(importer), BUSY)
            report = staff_import_plan(
                table=table, mapping=mapping, importer=importer, full_extract=full_extract
            )
            if report.ok and report.fingerprint != fingerprint:
                report.refused = STALE
            if not report.ok:
                return report
            _write_staff(report.changes)
            audit_record(
                request, AuditAction.STAFF_IMPORT, summary=_summary(report), actor=importer
            )
    except RowsBusy as busy:
        report = ImportReport(refused=str(busy))
    return report


def staff_import(*, table, mapping, importer, full_extract=False):
    """Check an HR extract and, if every row is good, apply it at once; all or nothing."""
    report = staff_import_plan(
        table=table, mapping=mapping, importer=importer, full_extract=full_extract
    )
    if not report.ok:
        return report
    return staff_import_apply(
        table=table,
        mapping=mapping,
        importer=importer,
        fingerprint=report.fingerprint,
        full_extract=full_extract,
    )


def _summary(report):
    """Count what the import did, for the audit record: numbers only, never people."""
    summary = f"{report.created} new, {report.updated} updated"
    for count, label in (
        (report.moved, "moved"),
        (report.unchanged, "unchanged"),
        (report.left, "left"),
        (report.skipped, "skipped"),
    ):
        if count:
            summary += f", {count} {label}"
    return summary


def _write_staff(changes):
    """Write the planned changes: people by email, HCP roles, and posts opened, changed or ended."""
    today = timezone.localdate()
    new_people = []
    for change in changes:
        user = change.user
        if user is None:
            user = User(email=change.email)
            user.set_unusable_password()
            new_people.append(user)
        if change.kind != "left":
            first, last, profession = change.names
            if (
                user.pk is None
                or (user.first_name, user.last_name) != (first, last)
                or (profession and profession != user.profession)
            ):
                user.first_name, user.last_name = first, last
                user.profession = profession or user.profession
                user.full_clean(exclude=["password"])
                user.save()
        for organisation in change.join:
            Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.HCP)
        for post in change.close:
            post.until = max(today, post.since)
            post.save(update_fields=["until"])
        if change.leave:
            Membership.objects.filter(
                user=user, organisation__in=change.leave, role=Role.HCP
            ).delete()
        for post, since, number in change.change:
            post.since, post.staff_number = since, number
            post.full_clean()
            post.save()
        for profile, organisation, since, number in change.open:
            post = StaffPost(
                user=user,
                profile=profile,
                organisation=organisation,
                since=since,
                staff_number=number,
            )
            post.full_clean()
            post.save()
    transaction.on_commit(lambda: welcome_send(new_people))

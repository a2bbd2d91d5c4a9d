"""Importing tables: the report every import gives, column guessing, and frameworks."""

import re
from dataclasses import dataclass, field

from django.db import transaction

from competences.models import Competence, Framework, KSFLevel, Scope


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    skipped: int = 0
    moved: int = 0
    unchanged: int = 0
    left: int = 0
    unknown_posts: dict = field(default_factory=dict)
    unknown_places: dict = field(default_factory=dict)
    changes: list = field(default_factory=list)
    fingerprint: str = ""
    refused: str = ""

    def add(self, number, message):
        """Record a problem with one row."""
        self.errors.append((number, message))

    def unknown(self, found, key, written, scope):
        """Record a value nobody has said the meaning of, once however many rows hold it."""
        entry = found.setdefault(key, {"written": written, "rows": 0, "scope": scope})
        entry["rows"] += 1

    @property
    def needs_choices(self):
        """Say whether some titles or places must be chosen before anything is written."""
        return bool(self.unknown_posts or self.unknown_places)

    @property
    def ok(self):
        """Say whether every row was good, every value known and nothing refused the import."""
        return not self.errors and not self.needs_choices and not self.refused

    @property
    def bad_rows(self):
        """Return the bad rows' numbers with all their messages joined."""
        rows = {}
        for number, message in self.errors:
            rows.setdefault(number, []).append(message)
        return sorted(rows.items())


def match_key(header):
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
    by_key = {match_key(h): h for h in headers}
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


def framework_from_fields(*, name, publisher, version):
    """Return an unsaved framework for an import that creates one."""
    return Framework(name=name, publisher=publisher, version=version)

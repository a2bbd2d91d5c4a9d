"""Frameworks as 1EdTech CASE 1.1 packages: export, and a planned import of a new version."""

import json
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from competences.imports import CODE_LENGTH
from competences.models import Competence, Framework, KSFLevel, Scope

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://www.yearofcare.co.uk/frameworks")
KSF_URI = re.compile(r"^urn:nhs-ksf:(?P<dimension>[A-Za-z0-9]+):(?P<level>\d+)$")
CROSSWALK_TYPES = ("isRelatedTo", "exactMatchOf")
TITLE_LENGTH = Competence._meta.get_field("title").max_length
LARGEST_PACKAGE = 5 * 1024 * 1024


def document_identifier(name, version):
    """Return the CFDocument identifier of a framework version, the same at every export."""
    return uuid.uuid5(NAMESPACE, f"{name}\n{version}")


def _link(identifier, title, uri=None):
    """Return a CASE LinkURI."""
    return {"title": title, "identifier": str(identifier), "uri": uri or f"urn:uuid:{identifier}"}


def ksf_uri(ksf_level):
    """Return the URI that names a KSF dimension at a level in a package."""
    return f"urn:nhs-ksf:{ksf_level.dimension.code}:{ksf_level.level}"


def framework_to_case(framework):
    """Return a framework and its KSF crosswalk as a CASE CFPackage."""
    document_id = document_identifier(framework.name, framework.version)
    competences = framework.competences.with_crosswalk().order_by("code")
    changed = timezone.now().replace(microsecond=0).isoformat()
    document = {
        "identifier": str(document_id),
        "uri": f"urn:uuid:{document_id}",
        "title": framework.name,
        "version": framework.version,
        "creator": framework.publisher,
        "publisher": framework.publisher,
        "description": framework.description,
        "lastChangeDateTime": changed,
        "CFPackageURI": _link(document_id, framework.name),
    }
    items, associations = [], []
    document_link = _link(document_id, framework.name)
    for competence in competences:
        item_id = uuid.uuid5(document_id, competence.code)
        item = {
            "identifier": str(item_id),
            "uri": f"urn:uuid:{item_id}",
            "fullStatement": competence.title,
            "humanCodingScheme": competence.code,
            "CFItemType": "Competence",
            "conceptKeywords": [competence.scope],
            "lastChangeDateTime": changed,
            "CFDocumentURI": document_link,
        }
        if competence.description:
            item["notes"] = competence.description
        items.append(item)
        item_link = _link(item_id, competence.code)
        associations.append(
            _association(document_id, "isChildOf", item_link, document_link, changed)
        )
        if competence.ksf_level:
            level = competence.ksf_level
            title = f"{level.dimension.code} level {level.level}"
            title += f": {level.title}" if level.title else ""
            ksf = _link(uuid.uuid5(NAMESPACE, ksf_uri(level)), title, ksf_uri(level))
            associations.append(_association(document_id, "isRelatedTo", item_link, ksf, changed))
    return {"CFDocument": document, "CFItems": items, "CFAssociations": associations}


def _association(document_id, kind, origin, destination, changed):
    """Return one CFAssociation with an identifier derived from what it joins."""
    identifier = uuid.uuid5(document_id, f"{kind}\n{origin['uri']}\n{destination['uri']}")
    return {
        "identifier": str(identifier),
        "uri": f"urn:uuid:{identifier}",
        "associationType": kind,
        "originNodeURI": origin,
        "destinationNodeURI": destination,
        "lastChangeDateTime": changed,
        "CFDocumentURI": _link(document_id, "document"),
    }


def case_json(framework):
    """Return the CASE package of a framework as indented JSON text."""
    return json.dumps(framework_to_case(framework), indent=2, ensure_ascii=False)


@dataclass
class CasePlan:
    """What importing a CASE package would create, or why it would create nothing."""

    errors: list = field(default_factory=list)
    framework: Framework | None = None
    items: list = field(default_factory=list)
    links: int = 0

    @property
    def ok(self):
        """Say whether the package can be imported."""
        return not self.errors and self.framework is not None


class CaseError(ValueError):
    """A file that is not a CASE package at all."""


def read_case(raw):
    """Return the package in raw bytes as a dict, or raise CaseError saying what is wrong."""
    if not raw:
        raise CaseError("The file is empty.")
    if len(raw) > LARGEST_PACKAGE:
        raise CaseError("The file is larger than 5 MB.")
    try:
        package = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CaseError("The file is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise CaseError(
            f"The file is not JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
    if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
        raise CaseError("The file is not a CASE package: it has no CFDocument.")
    return package


def _text(value):
    """Return a value as stripped text, a number as text, and anything else as empty text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _plan_document(plan, document):
    """Check the CFDocument and set the framework it would create."""
    values = {name: _text(document.get(name)) for name in ("title", "version", "identifier")}
    for name, value in values.items():
        if not value:
            plan.errors.append(f"CFDocument: {name} is missing.")
    publisher = _text(document.get("publisher")) or _text(document.get("creator"))
    if not publisher:
        plan.errors.append("CFDocument: creator is missing.")
    name, version = values["title"], values["version"]
    if name and version and Framework.objects.filter(name=name, version=version).exists():
        plan.errors.append(
            f"{name} version {version} already exists. Give the new version another "
            "version in the CFDocument."
        )
    lengths = (("title", name, 200), ("version", version, 50), ("creator", publisher, 200))
    for label, value, longest in lengths:
        if len(value) > longest:
            plan.errors.append(f"CFDocument: the {label} is longer than {longest} characters.")
    description = _text(document.get("description")) or _text(document.get("notes"))
    framework = Framework(name=name, version=version, publisher=publisher, description=description)
    plan.framework = framework


def _plan_items(plan, items):
    """Check each CFItem and collect the competences it would create, by identifier."""
    by_identifier, seen = {}, {}
    if not isinstance(items, list) or not items:
        plan.errors.append("The package has no CFItems.")
        return by_identifier
    for number, item in enumerate(items, start=1):
        where = f"CFItem {number}"
        item = item if isinstance(item, dict) else {}
        code, title = _text(item.get("humanCodingScheme")), _text(item.get("fullStatement"))
        identifier = _text(item.get("identifier"))
        where += f" ({code})" if code else ""
        for name, value in (
            ("identifier", identifier),
            ("humanCodingScheme", code),
            ("fullStatement", title),
        ):
            if not value:
                plan.errors.append(f"{where}: {name} is missing.")
        if code.lower() in seen and code:
            plan.errors.append(f"{where}: the code {code} is already CFItem {seen[code.lower()]}.")
        seen.setdefault(code.lower(), number)
        if len(code) > CODE_LENGTH:
            plan.errors.append(f"{where}: the code is longer than {CODE_LENGTH} characters.")
        if len(title) > TITLE_LENGTH:
            plan.errors.append(f"{where}: the fullStatement is longer than {TITLE_LENGTH}.")
        keywords = item.get("conceptKeywords") or []
        scope = Scope.SPECIALIST if Scope.SPECIALIST in keywords else Scope.CORE
        competence = Competence(
            code=code, title=title, description=_text(item.get("notes")), scope=scope
        )
        plan.items.append(competence)
        if identifier:
            by_identifier[identifier] = competence
    return by_identifier


def _plan_links(plan, associations, by_identifier):
    """Check the crosswalk associations and set each competence's KSF level."""
    levels = {
        (lvl.dimension.code.upper(), lvl.level): lvl
        for lvl in KSFLevel.objects.select_related("dimension")
    }
    if not isinstance(associations, list):
        plan.errors.append("CFAssociations is not a list.")
        return
    for number, association in enumerate(associations, start=1):
        association = association if isinstance(association, dict) else {}
        if association.get("associationType") not in CROSSWALK_TYPES:
            continue
        origin = association.get("originNodeURI") or {}
        destination = association.get("destinationNodeURI") or {}
        origin = origin if isinstance(origin, dict) else {}
        destination = destination if isinstance(destination, dict) else {}
        competence = by_identifier.get(_text(origin.get("identifier")))
        where = f"CFAssociation {number}"
        if competence is None:
            plan.errors.append(f"{where}: its origin is not a CFItem in the package.")
            continue
        found = KSF_URI.match(_text(destination.get("uri")))
        key = (found["dimension"].upper(), int(found["level"])) if found else None
        if key not in levels:
            shown = destination.get("uri") or destination.get("title") or "nothing"
            plan.errors.append(
                f"{where} ({competence.code}): '{shown}' is not a KSF dimension and level "
                "(for example urn:nhs-ksf:HWB6:3)."
            )
            continue
        if competence.ksf_level is not None:
            plan.errors.append(f"{where}: {competence.code} already has a KSF dimension and level.")
            continue
        competence.ksf_level = levels[key]
        plan.links += 1


def case_plan(package):
    """Return what importing a package as a new framework version would create; write nothing."""
    plan = CasePlan()
    _plan_document(plan, package["CFDocument"])
    by_identifier = _plan_items(plan, package.get("CFItems"))
    _plan_links(plan, package.get("CFAssociations") or [], by_identifier)
    return plan


def case_import(package):
    """Create the framework version a package describes, all or nothing; return the plan."""
    plan = case_plan(package)
    if not plan.ok:
        return plan
    try:
        with transaction.atomic():
            framework = plan.framework
            framework.full_clean()
            framework.save()
            for competence in plan.items:
                competence.framework = framework
                competence.full_clean()
                competence.save()
    except (IntegrityError, ValidationError) as error:
        plan.framework.pk = None
        plan.errors.append(f"Nothing was created: {_first_message(error)}")
    return plan


def _first_message(error):
    """Return the first message of a database or validation error."""
    if isinstance(error, ValidationError):
        return error.messages[0]
    return "the framework version was created at the same time by another import."

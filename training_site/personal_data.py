"""The privacy registry: every model holding personal data says whose it is and what becomes of it.

Each app lists its declarations in its own ``privacy.py`` module, as ``PERSONAL_DATA`` (a tuple
of ``PersonalData``) and ``EXEMPT`` (a tuple of ``Exempt``). ``registry()`` collects them from
every installed app that has such a module; training_site's module also speaks for the
third-party apps. A model holds personal data when it links to the user model or has a field
whose name looks personal (``PERSONAL_FIELD_NAME``); tests/training_site/test_privacy_registry.py
fails for any such model that is neither declared nor exempted.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings

PERSONAL_FIELD_NAME = re.compile(r"email|name|phone|birth|address")


class Category(StrEnum):
    """What kind of personal data a model holds."""

    ACCOUNT = "account and sign-in"
    STAFF_RECORD = "staff record"
    REFLECTIVE_PRACTICE = "reflective practice"
    FEEDBACK_ABOUT_PERSON = "feedback about a person"
    REPRESENTATIVE_OWN = "representative's own data"
    CONTENT_EDITING = "content editing"


class Erasure(StrEnum):
    """What erasing a person does to the rows that are theirs."""

    DELETE = "delete the rows"
    ANONYMISE = "blank the named fields, keep the rows"
    PSEUDONYMISE = "keep the rows against the erased account's pseudonym"


class Retention(StrEnum):
    """How long rows of a model are kept."""

    STAFF_RECORD = "staff record: while in post, then the leavers' period"
    FEEDBACK = "feedback: with the staff record it is about"
    SIGN_IN = "sign-in records: the lockout period"
    SHORT_LIVED = "short-lived: until it expires"
    CONTENT = "content history: while the content exists"


@dataclass(frozen=True)
class PersonalData:
    """One model's personal data: whose it is, how to export it and how to erase it.

    ``subjects`` are lookup paths from the model to the person whose data a row is
    (``"hcp"``, ``"assessment__hcp"``); ``roles`` are links to people acting in a role (an
    assessor, a trainer), kept and pointing at the account's pseudonym after erasure;
    ``export`` names the fields a subject access export holds; ``anonymise`` names the
    fields blanked on erasure (with ``Erasure.ANONYMISE`` or ``Erasure.PSEUDONYMISE``);
    ``redact`` names free-text fields kept on erasure with every mention of the person
    (email or name), in any row, replaced by the erased account's pseudonym.
    """

    model: str
    category: Category
    subjects: tuple[str, ...]
    export: tuple[str, ...]
    erasure: Erasure
    retention: Retention
    roles: tuple[str, ...] = ()
    anonymise: tuple[str, ...] = ()
    redact: tuple[str, ...] = ()

    @property
    def model_class(self):
        """The declared model."""
        return apps.get_model(self.model)


@dataclass(frozen=True)
class Exempt:
    """A model that looks personal but is not, and why."""

    model: str
    reason: str


@dataclass(frozen=True)
class Registry:
    """Every declaration and exemption of the installed apps, by model label."""

    entries: dict
    exemptions: dict


def app_declarations(app_config):
    """The declarations and exemptions in an app's privacy module, if it has one."""
    name = f"{app_config.name}.privacy"
    if find_spec(app_config.name) is None or find_spec(name) is None:
        return (), ()
    module = import_module(name)
    return getattr(module, "PERSONAL_DATA", ()), getattr(module, "EXEMPT", ())


@cache
def registry():
    """Collect every app's declarations; a model declared twice stops the process."""
    entries, exemptions = {}, {}
    for app_config in apps.get_app_configs():
        declared, exempt = app_declarations(app_config)
        for entry in declared:
            if entry.model in entries or entry.model in exemptions:
                raise ValueError(f"{entry.model} is declared twice in the privacy registry.")
            entries[entry.model] = entry
        for exemption in exempt:
            if exemption.model in entries or exemption.model in exemptions:
                raise ValueError(f"{exemption.model} is declared twice in the privacy registry.")
            exemptions[exemption.model] = exemption
    return Registry(entries, exemptions)


def user_links(model):
    """The names of the model's own fields that link to the user model."""
    user_label = settings.AUTH_USER_MODEL.lower()
    fields = list(model._meta.local_fields) + list(model._meta.local_many_to_many)
    return [field.name for field in fields if related_label(field) == user_label]


def related_label(field):
    """The lower-case label of the model a relation points at, resolved or not."""
    related = field.related_model if field.is_relation else None
    if related is None:
        return None
    return related.lower() if isinstance(related, str) else related._meta.label_lower


def personal_field_names(model):
    """The names of the model's own fields whose names look personal."""
    fields = list(model._meta.local_fields) + list(model._meta.local_many_to_many)
    return [field.name for field in fields if PERSONAL_FIELD_NAME.search(field.name)]


def looks_personal(model):
    """Whether a model links to a user or has a field whose name looks personal."""
    return bool(user_links(model) or personal_field_names(model))


def coverage_problems(models, known=None):
    """What the registry misses among the models: undeclared ones and undeclared user links."""
    known = known or registry()
    problems = []
    for model in models:
        label = model._meta.label
        if label in known.exemptions or not looks_personal(model):
            continue
        entry = known.entries.get(label)
        if entry is None:
            problems.append(f"{label} holds personal data but has no privacy declaration.")
            continue
        declared = {path.split("__")[0] for path in entry.subjects + entry.roles}
        for name in user_links(model):
            if name not in declared:
                problems.append(f"{label}.{name} links to a person but is not declared.")
    return problems

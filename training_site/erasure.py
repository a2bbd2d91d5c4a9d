"""Erasure: every row the privacy registry names as a person's is deleted or anonymised.

The account itself stays as a pseudonym ("Erased person 1f3a") so that histories keep their
events and aggregate counts stay the same; only the erasure's occurrence is audited.
"""

import re
import secrets
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models.functions import Cast

from training_site.audit import audit_record
from training_site.history import rewrite_for_erasure
from training_site.models import AuditAction, AuditEvent
from training_site.personal_data import Erasure, registry
from training_site.subject_access import rows_of

PSEUDONYM_NAME = "Erased person"
PSEUDONYM_DOMAIN = "erased.invalid"
TASK_RESULTS = "django_tasks_database.DBTaskResult"
EMAIL_CHANGE = re.compile(r"^From (\S+) to ")


@dataclass(frozen=True)
class ErasureStep:
    """What erasing does to one model's rows of the person."""

    label: str
    erasure: Erasure
    rows: int
    blanked: tuple[str, ...] = ()
    redacted: tuple[str, ...] = ()

    def __str__(self):
        if self.label == get_user_model()._meta.label:
            return f"{self.label}: the account becomes the pseudonym, signing in is ended"
        if self.erasure == Erasure.DELETE:
            return f"{self.label}: delete {self.rows} row{'s' if self.rows != 1 else ''}"
        parts = [f"{self.label}: keep {self.rows} row{'s' if self.rows != 1 else ''}"]
        if self.blanked:
            parts.append(f"blank {', '.join(self.blanked)}")
        if self.redacted:
            parts.append(f"replace mentions in {', '.join(self.redacted)}")
        return "; ".join(parts)


def former_emails(person):
    """The sign-in emails the person had before, as the audit record of email changes has them."""
    summaries = AuditEvent.objects.filter(
        action=AuditAction.EMAIL_CHANGED,
        object_type=person._meta.label_lower,
        object_id=str(person.pk),
    ).values_list("summary", flat=True)
    return [found[1] for summary in summaries if (found := EMAIL_CHANGE.match(summary))]


class Mentions:
    """What names the person in free text, and the pseudonym that replaces it."""

    def __init__(self, person, pseudonym):
        self.pseudonym = pseudonym
        terms = (person.email, person.get_full_name(), *former_emails(person))
        self.wide = list(dict.fromkeys(term for term in terms if len(term) > 1))
        words = self.wide + [person.first_name, person.last_name]
        alternatives = sorted({w for w in words if len(w.strip()) > 1}, key=len, reverse=True)
        self.pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(w.strip()) for w in alternatives) + r")\b",
            re.IGNORECASE,
        )

    def replace(self, text):
        """The text with every mention of the person replaced by the pseudonym."""
        return self.pattern.sub(self.pseudonym, text) if text else text

    def anywhere(self, names):
        """The condition that any of the fields mentions the person's email or full name."""
        condition = models.Q()
        for name in names:
            for term in self.wide:
                condition |= models.Q(**{f"{name}__icontains": term})
        return condition


def erasure_plan(person):
    """What erasing the person would change, model by model; changes nothing."""
    steps = []
    for label, entry in sorted(registry().entries.items()):
        rows = rows_of(entry, person).count()
        if rows:
            blanked = () if entry.erasure == Erasure.DELETE else entry.anonymise
            steps.append(ErasureStep(label, entry.erasure, rows, blanked, entry.redact))
    return steps


def blank_value(field):
    """The value a blanked field holds: nothing, in the field's own terms."""
    if field.null:
        return None
    if isinstance(field, models.JSONField):
        return field.get_default()
    return ""


def delete_rows(entry, person):
    """Delete the person's rows of a model, and any files they hold."""
    model = entry.model_class
    rows = list(rows_of(entry, person))
    file_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    files = [getattr(row, name) for row in rows for name in file_fields if getattr(row, name)]
    model._default_manager.filter(pk__in=[row.pk for row in rows]).delete()
    for stored in files:
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))


def blank_fields(entry, pks):
    """Blank the registry's anonymised fields of the rows."""
    model = entry.model_class
    values = {name: blank_value(model._meta.get_field(name)) for name in entry.anonymise}
    if values and pks:
        rewrite_for_erasure(model, pks, **values)


def redact_fields(entry, pks, mentions):
    """Replace the person's mentions in the redacted fields of their rows and any other row."""
    if not entry.redact:
        return
    model = entry.model_class
    found = model._default_manager.filter(models.Q(pk__in=pks) | mentions.anywhere(entry.redact))
    for row in found.values("pk", *entry.redact).iterator():
        pk = row.pop("pk")
        changed = {name: mentions.replace(text) for name, text in row.items()}
        if changed != row:
            rewrite_for_erasure(model, [pk], **changed)


def forget_queued_tasks(person):
    """Drop queued or finished background tasks (such as emails) that name the person."""
    if not apps.is_installed("django_tasks_database"):
        return
    model = apps.get_model(TASK_RESULTS)
    text = Cast("args_kwargs", models.TextField())
    model._default_manager.annotate(text=text).filter(text__icontains=person.email).delete()


def pseudonymise_account(person, token):
    """Turn the account into the pseudonym: no email, name, password or access left."""
    person.email = f"erased-{person.pk}-{token}@{PSEUDONYM_DOMAIN}"
    person.first_name = PSEUDONYM_NAME
    person.last_name = token
    person.set_unusable_password()
    person.is_active = person.is_staff = person.is_superuser = False
    rewrite_for_erasure(
        type(person),
        [person.pk],
        **{name: getattr(person, name) for name in ("email", "first_name", "last_name")},
        password=person.password,
        is_active=False,
        is_staff=False,
        is_superuser=False,
    )
    person.groups.clear()
    person.user_permissions.clear()


@transaction.atomic
def person_erase(*, person, actor=None, request=None):
    """Erase the person's personal data everywhere the registry names it; return the steps."""
    steps = erasure_plan(person)
    token = secrets.token_hex(2)
    mentions = Mentions(person, f"{PSEUDONYM_NAME} {token}")
    account_label = get_user_model()._meta.label
    for label, entry in sorted(registry().entries.items()):
        if label == account_label:
            continue
        if entry.erasure == Erasure.DELETE:
            delete_rows(entry, person)
            continue
        pks = list(rows_of(entry, person).values_list("pk", flat=True))
        blank_fields(entry, pks)
        redact_fields(entry, pks, mentions)
    forget_queued_tasks(person)
    pseudonymise_account(person, token)
    audit_record(request, AuditAction.ERASURE, person, summary="Personal data erased", actor=actor)
    return steps

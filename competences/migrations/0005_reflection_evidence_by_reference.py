"""Rewrite reflection evidence and its history notes so no stored text keeps a reflection's title."""

from django.db import migrations
from django.utils import dateformat, timezone

PREFIX = "Reflection: "


def _by_reference(moment):
    """Describe a reflection by the day it became evidence, as the portfolio now does."""
    return f"Reflective account, {dateformat.format(timezone.localdate(moment), 'j F Y')}"


def describe_reflections_by_reference(apps, schema_editor):
    """Replace "Reflection: <title>" in evidence and in the assessment history."""
    Evidence = apps.get_model("competences", "Evidence")
    AssessmentEvent = apps.get_model("competences", "AssessmentEvent")
    for evidence in Evidence.objects.filter(kind="reflection", description__startswith=PREFIX):
        Evidence.objects.filter(pk=evidence.pk).update(description=_by_reference(evidence.added_at))
    events = AssessmentEvent._base_manager.filter(action="evidence_added", note__startswith=PREFIX)
    for event in events:
        AssessmentEvent._base_manager.filter(pk=event.pk).update(note=_by_reference(event.at))


class Migration(migrations.Migration):
    dependencies = [
        ("competences", "0004_held_evidence"),
    ]

    operations = [
        migrations.RunPython(describe_reflections_by_reference, migrations.RunPython.noop),
    ]

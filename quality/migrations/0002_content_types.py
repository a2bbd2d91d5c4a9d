"""Content types, and so permissions and generic links such as evidence, follow the models."""

from django.db import migrations

MOVED = (
    "qualityindicator",
    "qualitymeasure",
    "qaobservation",
    "measureresult",
    "qaaction",
    "qaobservationevent",
)


def relabel(from_label, to_label):
    """Return a step that moves the moved models' content types from one app label to another."""

    def step(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        content_types.objects.using(schema_editor.connection.alias).filter(
            app_label=from_label, model__in=MOVED
        ).update(app_label=to_label)

    return step


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("quality", "0001_initial"),
        ("feedback", "0005_qa_moves_to_quality_app"),
    ]

    operations = [
        migrations.RunPython(relabel("feedback", "quality"), relabel("quality", "feedback")),
    ]

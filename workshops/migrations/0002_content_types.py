"""Content types, and so permissions and generic links such as evidence, follow the models."""

from django.db import migrations

MOVED = ("workshop", "workshopwave", "booking", "bookingevent")


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
        ("workshops", "0001_initial"),
        ("curriculum", "0005_workshops_move_to_workshops_app"),
    ]

    operations = [
        migrations.RunPython(relabel("curriculum", "workshops"), relabel("workshops", "curriculum")),
    ]

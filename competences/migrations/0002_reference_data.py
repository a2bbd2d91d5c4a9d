"""Load the KSF and the national workforce competences into every install."""

from django.db import migrations

from competences.reference import load_reference_data


def load(apps, schema_editor):
    """Create the reference frameworks."""
    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("competences", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

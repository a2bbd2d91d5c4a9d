"""Load the essential components of care planning training agreed by the pilot sites."""

from django.db import migrations

from curriculum.components import load_essential_components


def load(apps, schema_editor):
    """Create the components."""
    load_essential_components(apps)


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

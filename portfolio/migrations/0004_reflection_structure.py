from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0003_alter_reflection_observation")]

    operations = [
        migrations.RenameField(model_name="reflection", old_name="model", new_name="structure"),
    ]

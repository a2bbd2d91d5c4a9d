"""Simulation sessions point at workshops in the workshops app; the column is unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('simulations', '0002_scenarios_sessions_care_plans'),
        ('workshops', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='simulationsession',
            name='workshop',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='simulation_sessions', to='workshops.workshop'),
        ),
                ],
            database_operations=[],
        ),
    ]

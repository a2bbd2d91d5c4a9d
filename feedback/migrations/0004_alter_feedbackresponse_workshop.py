"""Feedback responses point at workshops in the workshops app; the column is unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0003_merge_instruments_and_quality_assurance'),
        ('workshops', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='feedbackresponse',
            name='workshop',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='feedback_responses', to='workshops.workshop'),
        ),
                ],
            database_operations=[],
        ),
    ]

"""QA observations now belong to the quality app; their tables are kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0003_alter_reflection_observation'),
        ('quality', '0001_initial'),
        ('feedback', '0004_alter_feedbackresponse_workshop'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.RemoveField(
            model_name='qaaction',
            name='observation',
        ),
        migrations.RemoveField(
            model_name='qaobservation',
            name='concern_indicators',
        ),
        migrations.RemoveField(
            model_name='qaobservation',
            name='indicators',
        ),
        migrations.RemoveField(
            model_name='qaobservation',
            name='observed',
        ),
        migrations.RemoveField(
            model_name='qaobservation',
            name='observer',
        ),
        migrations.RemoveField(
            model_name='qaobservation',
            name='organisation',
        ),
        migrations.RemoveField(
            model_name='qaobservationevent',
            name='observation',
        ),
        migrations.RemoveField(
            model_name='qaobservationevent',
            name='actor',
        ),
        migrations.RemoveField(
            model_name='qualityindicator',
            name='competences',
        ),
        migrations.RemoveField(
            model_name='qualityindicator',
            name='organisation',
        ),
        migrations.RemoveField(
            model_name='qualitymeasure',
            name='indicator',
        ),
        migrations.DeleteModel(
            name='MeasureResult',
        ),
        migrations.DeleteModel(
            name='QAAction',
        ),
            migrations.DeleteModel(
            name='QAObservation',
        ),
        migrations.DeleteModel(
            name='QAObservationEvent',
        ),
        migrations.DeleteModel(
            name='QualityIndicator',
        ),
        migrations.DeleteModel(
            name='QualityMeasure',
        ),
                ],
            database_operations=[],
        ),
    ]

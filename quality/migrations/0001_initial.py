"""QA indicators, measures, observations and their history, taken over from feedback: their tables stay."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('competences', '0004_held_evidence'),
        ('feedback', '0003_merge_instruments_and_quality_assurance'),
        ('training_site', '0003_sentreminder'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='QAObservation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('observed_on', models.DateField(default=django.utils.timezone.localdate)),
                ('concerns_before', models.TextField(blank=True, verbose_name='concerns raised before the observation')),
                ('discussion_after', models.TextField(blank=True, verbose_name='discussion after the observation')),
                ('action_document', models.TextField(blank=True)),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('prepared', 'Discussed beforehand'), ('observed', 'Observed'), ('discussed', 'Discussed afterwards'), ('agreed', 'Agreed by the person observed')], default='planned', max_length=16)),
                ('observed_comment', models.TextField(blank=True, verbose_name='comments of the person observed')),
                ('agreed_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('version', models.PositiveIntegerField(default=0)),
                ('observed', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='qa_observations', to=settings.AUTH_USER_MODEL)),
                ('observer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='qa_observations_made', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='qa_observations', to='training_site.organisation', verbose_name='practice or team')),
            ],
            options={
                'db_table': 'feedback_qaobservation',
                'ordering': ['-observed_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='QAAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('what', models.CharField(max_length=300, verbose_name='what will be done')),
                ('who', models.CharField(max_length=120, verbose_name='who will do it')),
                ('due_on', models.DateField(verbose_name='by when')),
                ('confidence', models.PositiveSmallIntegerField(blank=True, help_text='0 means not at all confident, 10 means completely confident.', null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name='confidence (0 to 10)')),
                ('done', models.BooleanField(default=False)),
                ('sort_order', models.PositiveSmallIntegerField(default=0)),
                ('observation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='quality.qaobservation')),
            ],
            options={
                'db_table': 'feedback_qaaction',
                'ordering': ['sort_order', 'due_on', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='QAObservationEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('planned', 'Planned'), ('before_recorded', 'Discussion beforehand recorded'), ('results_recorded', 'Measures recorded'), ('after_recorded', 'Discussion and action document recorded'), ('agreed', 'Agreed by the person observed')], max_length=24)),
                ('from_status', models.CharField(blank=True, choices=[('planned', 'Planned'), ('prepared', 'Discussed beforehand'), ('observed', 'Observed'), ('discussed', 'Discussed afterwards'), ('agreed', 'Agreed by the person observed')], max_length=16)),
                ('to_status', models.CharField(choices=[('planned', 'Planned'), ('prepared', 'Discussed beforehand'), ('observed', 'Observed'), ('discussed', 'Discussed afterwards'), ('agreed', 'Agreed by the person observed')], max_length=16)),
                ('note', models.TextField(blank=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='qa_observation_events', to=settings.AUTH_USER_MODEL)),
                ('observation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='quality.qaobservation')),
            ],
            options={
                'db_table': 'feedback_qaobservationevent',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='QualityIndicator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True)),
                ('active', models.BooleanField(default=True, help_text='Only active indicators can be chosen.')),
                ('sort_order', models.PositiveSmallIntegerField(default=0)),
                ('competences', models.ManyToManyField(blank=True, help_text='Competences an observation against this indicator is evidence for.', related_name='quality_indicators', to='competences.competence')),
                ('organisation', models.ForeignKey(blank=True, help_text='Leave blank for an indicator the whole network uses.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='quality_indicators', to='training_site.organisation', verbose_name='agreed by')),
            ],
            options={
                'db_table': 'feedback_qualityindicator',
                'ordering': ['sort_order', 'title', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='qaobservation',
            name='concern_indicators',
            field=models.ManyToManyField(blank=True, related_name='observations_concerned', to='quality.qualityindicator', verbose_name='indicators the person observed is particularly concerned about'),
        ),
        migrations.AddField(
            model_name='qaobservation',
            name='indicators',
            field=models.ManyToManyField(related_name='observations', to='quality.qualityindicator', verbose_name='indicators in scope'),
        ),
        migrations.CreateModel(
            name='QualityMeasure',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('text', models.TextField()),
                ('indicator', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='measures', to='quality.qualityindicator')),
            ],
            options={
                'db_table': 'feedback_qualitymeasure',
                'ordering': ['sort_order', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='MeasureResult',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('result', models.CharField(choices=[('in_place', 'In place'), ('partly', 'Partly in place'), ('not_in_place', 'Not in place'), ('not_observed', 'Not observed')], max_length=16)),
                ('note', models.TextField(blank=True)),
                ('observation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='results', to='quality.qaobservation')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='results', to='quality.qualitymeasure')),
            ],
            options={
                'db_table': 'feedback_measureresult',
                'ordering': ['measure__indicator__sort_order', 'measure__sort_order', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='qaobservation',
            index=models.Index(fields=['status', 'observed_on'], name='feedback_qa_status_e18995_idx'),
        ),
        migrations.AddConstraint(
            model_name='measureresult',
            constraint=models.UniqueConstraint(fields=('observation', 'measure'), name='qa_measure_result_unique'),
        ),
                ],
            database_operations=[],
        ),
    ]

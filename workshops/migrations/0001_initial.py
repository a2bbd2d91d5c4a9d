"""Workshops, waves, bookings and their history, taken over from curriculum: their tables stay."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('curriculum', '0004_workshop_waves_bookings_history'),
        ('training_site', '0003_sentreminder'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='Booking',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('invited', 'Invited'), ('booked', 'Booked'), ('waiting', 'On the waiting list'), ('declined', 'Declined'), ('cancelled', 'Cancelled'), ('attended', 'Attended'), ('did_not_attend', 'Did not attend')], default='invited', max_length=16)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('queued_at', models.DateTimeField(blank=True, help_text='When the person joined the waiting list.', null=True)),
                ('hcp', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'curriculum_booking',
                'ordering': ['workshop', 'created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='BookingEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(blank=True, choices=[('invited', 'Invited'), ('booked', 'Booked'), ('waiting', 'On the waiting list'), ('declined', 'Declined'), ('cancelled', 'Cancelled'), ('attended', 'Attended'), ('did_not_attend', 'Did not attend')], max_length=16)),
                ('to_status', models.CharField(choices=[('invited', 'Invited'), ('booked', 'Booked'), ('waiting', 'On the waiting list'), ('declined', 'Declined'), ('cancelled', 'Cancelled'), ('attended', 'Attended'), ('did_not_attend', 'Did not attend')], max_length=16)),
                ('note', models.CharField(blank=True, max_length=300)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='booking_events', to=settings.AUTH_USER_MODEL)),
                ('booking', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='workshops.booking')),
            ],
            options={
                'db_table': 'curriculum_bookingevent',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Workshop',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('starts_at', models.DateTimeField()),
                ('ends_at', models.DateTimeField()),
                ('venue', models.CharField(blank=True, max_length=300)),
                ('online_url', models.URLField(blank=True, verbose_name='online link')),
                ('capacity', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)])),
                ('status', models.CharField(choices=[('planned', 'Planned'), ('open', 'Open for booking'), ('cancelled', 'Cancelled'), ('delivered', 'Delivered')], default='planned', max_length=16)),
                ('cpd_hours', models.DecimalField(blank=True, decimal_places=1, help_text='Continuing professional development hours on the certificate; leave empty to use the length of the day.', max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.5')), django.core.validators.MaxValueValidator(Decimal('40'))], verbose_name='CPD hours')),
                ('modules', models.ManyToManyField(blank=True, related_name='workshops', to='curriculum.modulepage')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='workshops', to='curriculum.programmepage')),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='workshops', to='training_site.organisation')),
                ('trainers', models.ManyToManyField(blank=True, related_name='workshops_trained', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'curriculum_workshop',
                'ordering': ['starts_at', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='booking',
            name='workshop',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bookings', to='workshops.workshop'),
        ),
        migrations.CreateModel(
            name='WorkshopWave',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('practices', models.ManyToManyField(blank=True, related_name='workshop_cohorts', to='training_site.organisation')),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='workshop_waves', to='training_site.organisation')),
            ],
            options={
                'db_table': 'curriculum_workshopwave',
                'ordering': ['-created_at', 'name'],
            },
        ),
        migrations.AddField(
            model_name='workshop',
            name='wave',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='workshops', to='workshops.workshopwave'),
        ),
        migrations.AddIndex(
            model_name='booking',
            index=models.Index(fields=['workshop', 'status'], name='curriculum__worksho_b93788_idx'),
        ),
        migrations.AddConstraint(
            model_name='booking',
            constraint=models.UniqueConstraint(fields=('workshop', 'hcp'), name='booking_one_per_hcp'),
        ),
        migrations.AddConstraint(
            model_name='workshopwave',
            constraint=models.UniqueConstraint(fields=('site', 'name'), name='workshop_wave_name_per_site'),
        ),
        migrations.AddIndex(
            model_name='workshop',
            index=models.Index(fields=['site', 'starts_at'], name='curriculum__site_id_8d48f1_idx'),
        ),
                ],
            database_operations=[],
        ),
    ]
